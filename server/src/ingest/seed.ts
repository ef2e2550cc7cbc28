/**
 * Loads the built-in sample universe into an EMPTY database, never over existing data.
 * Safe to run twice or from two processes at once: the whole load is one transaction that
 * first takes a write lock (a row in dataset_info), then checks for existing stocks. The
 * loading itself is the ingest use case (ingest/service.ts) over the sample provider; what
 * stays here is seed-specific: the lock and empty check, --reset, the synthetic universe
 * and the score-history backfill.
 */
import type { Knex } from 'knex';
import { type Clock, systemClock } from '../clock.ts';
import { refreshPlannerStatistics } from '../db/knex.ts';
import { lastCompletedSession } from '../market/calendar.ts';
import { countStocks, deleteMarketData, setDatasetInfo, takeSeedLock } from '../market/repository.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { backfillMonthEnds, backfillSnapshots } from '../scoring-runs/recompute.ts';
import type { IngestService } from './service.ts';

export { lastCompletedSession } from '../market/calendar.ts';

export interface SeedOptions {
  /** Sample generator seed (same seed + same end date → identical rows). */
  seed: string;
  /** Last trading day of the history; defaults to the last completed NYSE session. */
  endDate?: string;
  /** Wipe every market table first. */
  reset?: boolean;
  /** Add N synthetic stocks (for benchmarks at scale); 0 = the real-company universe only. */
  synthetic?: number;
  /** Score-history points to backfill (weekly, plus the backtest's month-ends); 0 to skip. */
  historyPoints?: number;
}

export type SeedResult =
  | { status: 'seeded'; stocks: number; bars: number; financials: number; snapshots: number; endDate: string }
  | { status: 'skipped'; reason: string };

export interface SeedDeps {
  db: Knex;
  ingest: IngestService;
  clock?: Clock;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seed the sample universe; returns what it did. Retries while another process holds the lock. */
export async function seedSampleData(deps: SeedDeps, options: SeedOptions): Promise<SeedResult> {
  const clock = deps.clock ?? systemClock;
  const endDate = options.endDate ?? lastCompletedSession(clock.now());
  // A bound on elapsed time (the monotonic clock), not a reading of the time of day.
  const deadline = performance.now() + 120_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await deps.db.transaction((trx) =>
        seedInTransaction(trx, deps, clock, endDate, options),
      );
      if (result.status === 'seeded') {
        await deps.ingest.invalidate();
        await refreshPlannerStatistics(deps.db);
      }
      return result;
    } catch (err) {
      const busy = /SQLITE_BUSY|database is locked/i.test(String((err as Error)?.message));
      if (!busy || performance.now() > deadline) throw err;
      await sleep(Math.min(200 * 2 ** attempt, 2_000));
    }
  }
}

async function seedInTransaction(
  trx: Knex.Transaction,
  deps: SeedDeps,
  clock: Clock,
  endDate: string,
  options: SeedOptions,
): Promise<SeedResult> {
  const now = clock.now();
  // First statement is a write: takes SQLite's write lock / a Postgres row lock, so a
  // concurrent seeder waits here and then sees our stocks.
  await takeSeedLock(trx, now);
  if (options.reset) {
    await deleteMarketData(trx);
  } else {
    const n = await countStocks(trx);
    if (n > 0)
      return { status: 'skipped', reason: `the database already holds ${n} stocks; nothing was changed` };
  }
  const provider = createSampleProvider({ seed: options.seed, endDate, synthetic: options.synthetic });
  const loaded = await deps.ingest.ingest(provider, 'all', {
    asOf: endDate,
    transaction: trx,
    // Larger batches: inside the seed's transaction a batch is a savepoint, not a commit.
    batchSize: 200,
  });
  await setDatasetInfo(trx, { sample_seed: options.seed, seeded_at: now.toISOString() }, now);
  const historyPoints = options.historyPoints ?? (options.synthetic ? 0 : 52);
  // Weekly points for the score history, and month-ends back to the first with a year of
  // prices before it for the backtest (a month-end the weekly points already hold is kept).
  const weekly = historyPoints > 0 ? await backfillSnapshots(trx, historyPoints) : 0;
  const monthly = historyPoints > 0 ? (await backfillMonthEnds(trx)).snapshots : 0;
  const snapshots = weekly + monthly;
  return {
    status: 'seeded',
    stocks: loaded.stocks,
    bars: loaded.bars,
    financials: loaded.financials,
    snapshots: snapshots + loaded.scored,
    endDate,
  };
}
