/**
 * Loads the built-in sample universe into an EMPTY database, never over existing data.
 * Safe to run twice or from two processes at once: the whole load is one transaction that
 * first takes a write lock (a row in dataset_info), then checks for existing stocks.
 */
import type { Knex } from 'knex';
import { marketSession, previousTradingDay } from '../market/calendar.ts';
import { loadStockData } from '../market/load.ts';
import { generateSampleUniverse, generateSyntheticUniverse } from '../market/sample/generator.ts';
import type { StockData } from '../market/types.ts';
import { backfillSnapshots, recomputeScores } from '../stocks/scoring-service.ts';
import { dialect } from './knex.ts';

export interface SeedOptions {
  /** Sample generator seed (same seed + same end date → identical rows). */
  seed: string;
  /** Last trading day of the history; defaults to the last completed NYSE session. */
  endDate?: string;
  /** Wipe every market table first. */
  reset?: boolean;
  /** Add N synthetic stocks (for benchmarks at scale); 0 = the real-company universe only. */
  synthetic?: number;
  /** Score-history points to backfill (weekly); 0 to skip. */
  historyPoints?: number;
}

export type SeedResult =
  | { status: 'seeded'; stocks: number; bars: number; financials: number; snapshots: number; endDate: string }
  | { status: 'skipped'; reason: string };

const MARKET_TABLES = ['score_snapshots', 'scores', 'daily_prices', 'financials', 'stocks', 'dataset_info'];

/**
 * The last NYSE session that has closed at `now`: today after the close (16:00, or 13:00
 * on early-close days) New York time on a trading day, otherwise the trading day before.
 */
export function lastCompletedSession(now = new Date()): string {
  const ny = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => ny.find((p) => p.type === t)?.value ?? '';
  const today = `${get('year')}-${get('month')}-${get('day')}`;
  const session = marketSession(today);
  return session && `${get('hour')}:${get('minute')}` >= session.close ? today : previousTradingDay(today);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seed the sample universe; returns what it did. Retries while another process holds the lock. */
export async function seedSampleData(db: Knex, options: SeedOptions): Promise<SeedResult> {
  const endDate = options.endDate ?? lastCompletedSession();
  const data: StockData[] = generateSampleUniverse({ seed: options.seed, endDate });
  if (options.synthetic)
    data.push(...generateSyntheticUniverse(options.synthetic, { seed: options.seed, endDate }));
  const deadline = Date.now() + 120_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await db.transaction((trx) => seedInTransaction(trx, data, endDate, options));
      if (result.status === 'seeded') await refreshPlannerStatistics(db);
      return result;
    } catch (err) {
      const busy = /SQLITE_BUSY|database is locked/i.test(String((err as Error)?.message));
      if (!busy || Date.now() > deadline) throw err;
      await sleep(Math.min(200 * 2 ** attempt, 2_000));
    }
  }
}

async function seedInTransaction(
  trx: Knex.Transaction,
  data: StockData[],
  endDate: string,
  options: SeedOptions,
): Promise<SeedResult> {
  const now = new Date().toISOString();
  // First statement is a write: takes SQLite's write lock / a Postgres row lock, so a
  // concurrent seeder waits here and then sees our stocks.
  await trx('dataset_info')
    .insert({ key: 'seed_lock', value: now, updated_at: now })
    .onConflict('key')
    .merge();
  if (options.reset) {
    for (const table of MARKET_TABLES) if (table !== 'dataset_info') await trx(table).delete();
    await trx('dataset_info').whereNot('key', 'seed_lock').delete();
  } else {
    const [{ n }] = await trx('stocks').count({ n: '*' });
    if (Number(n) > 0) {
      return { status: 'skipped', reason: `the database already holds ${n} stocks; nothing was changed` };
    }
  }
  const loaded = await loadStockData(trx, data, 'sample');
  const info: Record<string, string> = {
    source: 'sample',
    sample_seed: options.seed,
    data_as_of: endDate,
    seeded_at: now,
  };
  await trx('dataset_info')
    .insert(Object.entries(info).map(([key, value]) => ({ key, value, updated_at: now })))
    .onConflict('key')
    .merge();
  const historyPoints = options.historyPoints ?? (options.synthetic ? 0 : 52);
  const snapshots = historyPoints > 0 ? await backfillSnapshots(trx, historyPoints) : 0;
  const scored = await recomputeScores(trx);
  return {
    status: 'seeded',
    stocks: loaded.stocks,
    bars: loaded.bars,
    financials: loaded.financials,
    snapshots: snapshots + scored.count,
    endDate,
  };
}

/**
 * After a bulk load the query planner's statistics are stale (PostgreSQL's autovacuum gets
 * to them later; SQLite has none until asked), which can turn index walks into full sorts.
 */
export async function refreshPlannerStatistics(db: Knex): Promise<void> {
  if (dialect(db) === 'pg') await db.raw('analyze');
  else await db.raw('pragma analysis_limit = 1000').then(() => db.raw('pragma optimize = 0x10002'));
}

/** True when the database holds no stocks. */
export async function isEmpty(db: Knex): Promise<boolean> {
  const [{ n }] = await db('stocks').count({ n: '*' });
  return Number(n) === 0;
}

export { MARKET_TABLES };
