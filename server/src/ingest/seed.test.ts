import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createSqliteTestDb, describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { SECTORS } from '../market/types.ts';
import { lastCompletedSession } from './seed.ts';

const END = '2026-11-27';
const OPTS = { seed: 'seed-test', endDate: END, historyPoints: 4 } as const;

/** A digest of every row of every market table, in a stable order. */
async function digest(db: Knex): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const order = {
    stocks: ['ticker'],
    financials: ['ticker', 'fiscal_year'],
    daily_prices: ['ticker', 'date'],
    scores: ['ticker'],
    score_snapshots: ['ticker', 'date'],
  } as const;
  for (const [table, keys] of Object.entries(order)) {
    const rows: Record<string, unknown>[] = await db(table)
      .select('*')
      .orderBy([...keys]);
    const clean = rows.map((r) => {
      const { updated_at: _u, computed_at: _c, ...rest } = r;
      return rest;
    });
    out[table] = createHash('sha256').update(JSON.stringify(clean)).digest('hex');
  }
  return out;
}

const count = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }))[0].n);
const aaplPrice = async (db: Knex) => (await db('stocks').where('ticker', 'AAPL').first())?.price;

/** The digest of a seed of OPTS (history 0 or 4) into a fresh SQLite file; computed once, on demand. */
const reference = new Map<number, Promise<Record<string, string>>>();
function referenceDigest(historyPoints: number): Promise<Record<string, string>> {
  let d = reference.get(historyPoints);
  if (!d) {
    d = (async () => {
      const other = await createSqliteTestDb();
      try {
        await migrateLatest(other.db);
        await seed(other.db, { ...OPTS, historyPoints });
        return await digest(other.db);
      } finally {
        await other.dispose();
      }
    })();
    reference.set(historyPoints, d);
  }
  return d;
}

describeEachDatabase(
  'sample seed',
  (get) => {
    beforeEach(async () => {
      await migrateLatest(get().db);
    });

    it('loads the sample universe into an empty database', async function () {
      this.timeout(120_000);
      const result = await seed(get().db, OPTS);
      expect(result.status).to.equal('seeded');
      const stocks = await count(get().db, 'stocks');
      expect(stocks).to.be.at.least(100);
      expect(await count(get().db, 'scores')).to.equal(stocks);
      expect(await count(get().db, 'daily_prices')).to.be.greaterThan(stocks * 490);
      expect(await count(get().db, 'financials')).to.equal(stocks * 5);
      const sectors = (await get().db('stocks').distinct('sector')).map((r) => r.sector).sort();
      expect(sectors).to.deep.equal([...SECTORS]);
      const info = Object.fromEntries(
        (await get().db('dataset_info').select('key', 'value')).map((r) => [r.key, r.value]),
      );
      expect(info).to.include({ source: 'sample', sample_seed: 'seed-test', data_as_of: END });
    });

    it('changes nothing when run again', async function () {
      this.timeout(120_000);
      await seed(get().db, OPTS);
      const before = await digest(get().db);
      const result = await seed(get().db, OPTS);
      expect(result.status).to.equal('skipped');
      expect(await digest(get().db)).to.deep.equal(before);
    });

    it('never overwrites existing data, even with another seed', async function () {
      this.timeout(120_000);
      await seed(get().db, OPTS);
      await get().db('stocks').where('ticker', 'AAPL').update({ price: 1.23 });
      const result = await seed(get().db, { seed: 'other-seed', endDate: END });
      expect(result.status).to.equal('skipped');
      expect(await aaplPrice(get().db)).to.equal(1.23);
    });

    it('wipes and reloads on --reset, identically for the same seed', async function () {
      this.timeout(120_000);
      await seed(get().db, OPTS);
      const original = await digest(get().db);
      await get().db('stocks').where('ticker', 'AAPL').update({ price: 1.23 });
      await get().db('daily_prices').where('ticker', 'MSFT').delete();
      expect(await digest(get().db)).to.not.deep.equal(original);
      const result = await seed(get().db, { ...OPTS, reset: true });
      expect(result.status).to.equal('seeded');
      expect(await digest(get().db)).to.deep.equal(original);
    });

    it('is deterministic: same seed and end date give identical rows in a second database', async function () {
      this.timeout(120_000);
      await seed(get().db, OPTS);
      expect(await digest(get().db)).to.deep.equal(await referenceDigest(OPTS.historyPoints));
    });

    it('gives different data for a different seed', async function () {
      this.timeout(120_000);
      await seed(get().db, { ...OPTS, seed: 'another-seed' });
      const a = await digest(get().db);
      const b = await referenceDigest(OPTS.historyPoints);
      expect(a.daily_prices).to.not.equal(b.daily_prices);
      expect(a.financials).to.not.equal(b.financials);
    });

    it('loses nothing when two seeders race', async function () {
      this.timeout(180_000);
      const second = createDb(get().target);
      try {
        const results = await Promise.all([
          seed(get().db, { ...OPTS, historyPoints: 0 }),
          seed(second, { ...OPTS, historyPoints: 0 }),
        ]);
        expect(results.map((r) => r.status).sort()).to.deep.equal(['seeded', 'skipped']);
        expect(await digest(get().db)).to.deep.equal(await referenceDigest(0));
      } finally {
        await second.destroy();
      }
    });
  },
  { fresh: 'each' },
);

describe('setup from two processes at once (SQLite file)', () => {
  it('migrates and seeds once; both processes exit 0', async function () {
    this.timeout(180_000);
    const tdb = await createSqliteTestDb();
    const serverDir = path.resolve(import.meta.dirname, '..', '..');
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/setup.ts'], {
          cwd: serverDir,
          env: {
            ...process.env,
            DATABASE_URL: `sqlite:${(tdb.target as { filename: string }).filename}`,
            SAMPLE_SEED: 'race',
          },
        });
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          out += d;
        });
        child.on('close', (code) => resolve({ code, out }));
      });
    try {
      const [a, b] = await Promise.all([run(), run()]);
      expect(a.code, a.out).to.equal(0);
      expect(b.code, b.out).to.equal(0);
      expect([a.out, b.out].filter((o) => o.includes('seeded'))).to.have.length(1);
      expect(await count(tdb.db, 'stocks')).to.be.at.least(100);
    } finally {
      await tdb.dispose();
    }
  });
});

describe('lastCompletedSession', () => {
  it('is today after the close on a trading day, else the previous trading day', () => {
    expect(lastCompletedSession(new Date('2026-11-25T22:00:00Z'))).to.equal('2026-11-25'); // Wed 17:00 NY
    expect(lastCompletedSession(new Date('2026-11-25T15:00:00Z'))).to.equal('2026-11-24'); // Wed 10:00 NY
    expect(lastCompletedSession(new Date('2026-11-26T22:00:00Z'))).to.equal('2026-11-25'); // Thanksgiving
    expect(lastCompletedSession(new Date('2026-11-29T12:00:00Z'))).to.equal('2026-11-27'); // Sunday
  });
});

describe('lastCompletedSession on early-close days', () => {
  it('counts the day after Thanksgiving as complete after 13:00 New York time', () => {
    expect(lastCompletedSession(new Date('2026-11-27T18:30:00Z'))).to.equal('2026-11-27'); // Fri 13:30 NY
    expect(lastCompletedSession(new Date('2026-11-27T17:30:00Z'))).to.equal('2026-11-25'); // Fri 12:30 NY
  });
});
