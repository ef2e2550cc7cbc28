import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../test-support/db.ts';
import { createDb } from './knex.ts';
import { migrateLatest, migrateRollback, migrationStatus } from './migrate.ts';

const TABLES = [
  'stocks',
  'financials',
  'daily_prices',
  'dataset_info',
  'scores',
  'score_snapshots',
  'provider_calls',
];

async function tables(db: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const t of TABLES) if (await db.schema.hasTable(t)) present.push(t);
  return present;
}

describeEachDatabase('migrations', (get) => {
  it('start from nothing pending on an empty database', async () => {
    const { completed, pending } = await migrationStatus(get().db);
    expect(completed).to.deep.equal([]);
    expect(pending.length).to.be.greaterThan(0);
  });

  it('apply every migration, then report nothing left', async () => {
    const applied = await migrateLatest(get().db);
    expect(applied.length).to.be.greaterThan(0);
    expect(await tables(get().db)).to.deep.equal(TABLES);
    expect(await migrateLatest(get().db)).to.deep.equal([]);
    expect((await migrationStatus(get().db)).pending).to.deep.equal([]);
  });

  it('create the indexes the API queries use', async () => {
    const { db, name } = get();
    const indexes =
      name === 'sqlite'
        ? (await db.raw(`select name from sqlite_master where type = 'index'`)).map(
            (r: { name: string }) => r.name,
          )
        : (
            await db.raw(`select indexname as name from pg_indexes where schemaname = current_schema()`)
          ).rows.map((r: { name: string }) => r.name);
    for (const idx of [
      'stocks_sector_idx',
      'stocks_market_cap_idx',
      'scores_score_idx',
      'score_snapshots_date_idx',
    ]) {
      expect(indexes).to.include(idx);
    }
  });

  it('roll everything back and apply it again', async () => {
    const undone = await migrateRollback(get().db, true);
    expect(undone.length).to.be.greaterThan(0);
    expect(await tables(get().db)).to.deep.equal([]);
    await migrateLatest(get().db);
    expect(await tables(get().db)).to.deep.equal(TABLES);
  });

  it('survive two migrators at once (separate connection pools)', async () => {
    const { db, target } = get();
    await migrateRollback(db, true);
    const other = createDb(target);
    try {
      const [a, b] = await Promise.all([migrateLatest(db), migrateLatest(other)]);
      // One applied everything, the other found nothing left (or they shared the work).
      expect([...a, ...b].sort()).to.deep.equal([...new Set([...a, ...b])].sort());
      expect(await tables(db)).to.deep.equal(TABLES);
      expect((await migrationStatus(db)).pending).to.deep.equal([]);
    } finally {
      await other.destroy();
    }
  });
});
