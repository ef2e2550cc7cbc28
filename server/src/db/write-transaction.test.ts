/**
 * writeTransaction on SQLite: a transaction that reads, then writes, while another
 * connection writes in between, waits for the lock instead of failing with SQLITE_BUSY.
 */
import { expect } from 'chai';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { writeTransaction } from './knex.ts';
import { migrateLatest } from './migrate.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('writeTransaction (SQLite)', () => {
  let test: TestDatabase;
  before(async () => {
    test = await createSqliteTestDb();
    await migrateLatest(test.db);
    await test.db.schema.createTable('probe', (t) => t.integer('x'));
  });
  after(async () => test?.dispose());

  it('a write from another connection between its read and its write waits; both land', async () => {
    const { db } = test;
    let other: Promise<unknown> | undefined;
    await writeTransaction(db, async (trx) => {
      await trx('probe').select();
      // Another pooled connection writes while this transaction is between read and write.
      other = db('probe')
        .insert({ x: 2 })
        .then(() => {});
      await sleep(150);
      await trx('probe').insert({ x: 1 });
    });
    await other;
    const rows = await db('probe').select('x').orderBy('x');
    expect(rows.map((r) => r.x)).to.deep.equal([1, 2]);
  });
});
