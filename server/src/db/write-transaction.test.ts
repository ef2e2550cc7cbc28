/**
 * writeTransaction on SQLite: a transaction that reads, then writes, while another
 * connection writes in between, waits for the lock instead of failing with SQLITE_BUSY.
 */
import { expect } from 'chai';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { waitForEvent } from '../../test-support/wait.ts';
import { writeTransaction } from './knex.ts';
import { migrateLatest } from './migrate.ts';

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
    // The other writer's own pooled connection, watched: SQLite's trace event says its
    // INSERT has started running (it then waits in SQLite's busy handler for our lock).
    const conn = await db.client.acquireConnection();
    let other: Promise<unknown> | undefined;
    let otherDone = false;
    let committed = false;
    let otherLandedAfterCommit = false;
    try {
      await writeTransaction(db, async (trx) => {
        await trx('probe').select();
        const running = waitForEvent(conn, 'trace', {
          what: "the other connection's INSERT to start running",
          matches: (sql: unknown) => /^insert into/i.test(String(sql)),
        });
        other = db('probe')
          .insert({ x: 2 })
          .connection(conn)
          .then(() => {
            otherDone = true;
            otherLandedAfterCommit = committed;
          });
        await running;
        // Both transactions are in flight: the other INSERT runs while this one holds the lock.
        expect(otherDone, 'the other write finished while this transaction held the lock').to.equal(false);
        await trx('probe').insert({ x: 1 });
      });
      committed = true;
      await other;
    } finally {
      await db.client.releaseConnection(conn);
    }
    expect(otherLandedAfterCommit, 'the other write landed after this commit').to.equal(true);
    const rows = await db('probe').select('x').orderBy('x');
    expect(rows.map((r) => r.x)).to.deep.equal([1, 2]);
  });
});
