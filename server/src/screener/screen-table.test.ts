/**
 * The column table follows the stored data: rebuilt after a data change only (in this
 * process, and when the refresh runs in another process), and its computed columns agree
 * with the stored bars, read here independently of the scorer.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { memoryCache } from '../../test-support/cache.ts';
import { createSqliteTestDb, describeEachDatabase, type TestDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { waitFor } from '../../test-support/wait.ts';
import { latestSma, rsi } from '../analysis/indicators.ts';
import { invalidateAfterDataChange } from '../cache/keys.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { cell } from './columns.ts';
import { createScreenTableSource } from './screen-table.ts';

const END = '2026-11-27';
const SEED = 'screen-table-test';
const SERVER_DIR = path.resolve(import.meta.dirname, '..', '..');
const COLUMNS = [
  'price',
  'perf_1w',
  'perf_1m',
  'perf_3m',
  'perf_6m',
  'perf_1y',
  'perf_ytd',
  'sma20',
  'sma50',
  'sma200',
  'price_vs_sma20',
  'price_vs_sma50',
  'price_vs_sma200',
  'rsi14',
  'from_52w_high',
  'from_52w_low',
  'high_52w',
  'low_52w',
  'rel_volume',
].join(',');

/** A stock's stored bars, oldest first, and its stored quote. */
async function stored(db: TestDatabase['db'], ticker: string) {
  const bars: { date: string; close: number; high: number; low: number }[] = await db('daily_prices')
    .select('date', 'close', 'high', 'low')
    .where('ticker', ticker)
    .orderBy('date');
  const stock = await db('stocks').where('ticker', ticker).first();
  if (!stock || stock.price === null) throw new Error(`${ticker} not stored`);
  return { bars, closes: bars.map((b) => b.close), stock, price: stock.price };
}

/** What the screener should show for a stock, from its bars by hand (finviz's definitions). */
function expected(s: Awaited<ReturnType<typeof stored>>) {
  const { bars, closes, price, stock } = s;
  const t = closes.length - 1;
  // A quote of a session after the last bar: each period starts one bar later.
  const live = (stock.quote_date ?? '') > bars[t].date ? 1 : 0;
  const back = (n: number) => closes[t - n + live];
  const year = (stock.quote_date ?? bars[t].date).slice(0, 4);
  const ytdBase = [...bars].reverse().find((b) => b.date.slice(0, 4) < year)?.close as number;
  const sma = (n: number) => latestSma(closes, n) as number;
  return {
    price,
    perf_1w: price / back(5) - 1,
    perf_1m: price / back(21) - 1,
    perf_3m: price / back(63) - 1,
    perf_6m: price / back(126) - 1,
    perf_1y: price / back(252) - 1,
    perf_ytd: price / ytdBase - 1,
    sma20: sma(20),
    sma50: sma(50),
    sma200: sma(200),
    price_vs_sma20: price / sma(20) - 1,
    price_vs_sma50: price / sma(50) - 1,
    price_vs_sma200: price / sma(200) - 1,
    rsi14: rsi(closes, 14)[t] as number,
    from_52w_high: price / (stock.year_high as number) - 1,
    from_52w_low: price / (stock.year_low as number) - 1,
    high_52w: stock.year_high,
    low_52w: stock.year_low,
    rel_volume: (stock.volume as number) / (stock.avg_volume as number),
    live,
  };
}

function expectRow(row: Record<string, number>, want: ReturnType<typeof expected>) {
  for (const [key, value] of Object.entries(want)) {
    if (key === 'live') continue;
    // The API rounds fractions to 6 decimals and ratios to 4.
    expect(row[key], key).to.be.closeTo(value as number, 6e-5);
  }
}

describeEachDatabase('the screener column table', (get) => {
  before(async function () {
    this.timeout(120_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: SEED, endDate: END, historyPoints: 0 });
  });

  it('is rebuilt after a data change, and only then', async () => {
    const { db } = get();
    const cache = memoryCache();
    const source = createScreenTableSource({ db, cache });
    const first = await source.current();
    const i = first.tickers.indexOf('AAPL');
    const before = cell(first, 'price', i) as number;
    expect(await source.current()).to.equal(first);
    await db('stocks')
      .where('ticker', 'AAPL')
      .update({ price: before * 2 });
    try {
      // Invalidations of other answers leave it be.
      await cache.invalidate('leaderboard:*');
      expect(await source.current()).to.equal(first);
      await invalidateAfterDataChange(cache);
      const second = await source.current();
      expect(second).to.not.equal(first);
      expect(cell(second, 'price', second.tickers.indexOf('AAPL'))).to.equal(before * 2);
    } finally {
      await db('stocks').where('ticker', 'AAPL').update({ price: before });
      await cache.close();
    }
  });

  it('computes performance, moving averages, RSI and 52-week distances as the stored bars give them', async () => {
    const api = await startTestServer(get().db);
    try {
      for (const ticker of ['AAPL', 'JPM', 'XOM', 'NEE']) {
        const res = await api.get(`/api/stocks?q=${ticker}&columns=${COLUMNS}`);
        const row = res.body.items.find((r: { ticker: string }) => r.ticker === ticker);
        const want = expected(await stored(get().db, ticker));
        expect(want.live).to.equal(0);
        expectRow(row, want);
      }
    } finally {
      await api.close();
    }
  });
});

describe('the screener column table when another process refreshes', function () {
  this.timeout(120_000);
  let tdb: TestDatabase;
  let api: TestServer;

  before(async () => {
    tdb = await createSqliteTestDb();
    await migrateLatest(tdb.db);
    await seed(tdb.db, { seed: SEED, endDate: END, historyPoints: 0 });
    // The API as deployed without Redis: invalidations reach it through the database.
    api = await startTestServer(tdb.db, { config: loadConfig({ NODE_ENV: 'test', REDIS_ENABLED: 'false' }) });
  });
  after(async () => {
    await api?.close();
    await tdb?.dispose();
  });

  it('follows a refresh run by another process, measuring a live price from one bar later', async () => {
    const row = async () =>
      (await api.get(`/api/stocks?q=AAPL&columns=${COLUMNS}`)).body.items.find(
        (r: { ticker: string }) => r.ticker === 'AAPL',
      );
    const before = await row();
    // The next session, at 10:30 New York: a live quote, no new bar.
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/refresh.ts', '--tickers', 'AAPL', '--as-of', '2026-11-30T15:30:00Z'],
      {
        cwd: SERVER_DIR,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATABASE_URL: tdb.target.url,
          SAMPLE_SEED: SEED,
          LOG_LEVEL: 'warn',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status, r.stderr).to.equal(0);
    const now = await stored(tdb.db, 'AAPL');
    expect(now.price).to.not.equal(before.price);
    // Free-text lists are never cached: this is the column table itself catching up.
    const after = await waitFor('the API to show the refreshed price', async () => {
      const x = await row();
      return x.price === now.price ? x : undefined;
    });
    const want = expected(now);
    expect(want.live).to.equal(1);
    expectRow(after, want);
  });
});
