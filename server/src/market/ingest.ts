/**
 * The ingest use case: write a provider's data for some tickers (or its whole universe),
 * recompute every score, record the day's snapshot, then drop the cached answers that
 * changed. The seed and the refresh job both call it. Writes go in batches of stocks, one
 * transaction per batch, so a crash never leaves half a stock's data.
 */
import type { Knex } from 'knex';
import type { Cache } from '../cache/types.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { recomputeScores } from '../stocks/scoring-service.ts';
import { addCalendarDays, lastCompletedSession } from './calendar.ts';
import { type LoadResult, loadStockData } from './load.ts';
import type { MarketDataProvider } from './provider.ts';
import { lastBarDates, setDatasetInfo } from './repository.ts';
import type { StockData } from './types.ts';

/** Cache patterns whose answers depend on market data or scores. */
export const INGEST_INVALIDATES = ['stocks:*', 'leaderboard:*', 'screener:*'] as const;

/** Calendar days re-read for a stock already stored: enough for its 52-week quote figures. */
const OVERLAP_DAYS = 400;
/** From when a new stock's history is asked for. */
const FULL_HISTORY_FROM = '1900-01-01';

export interface IngestProgress {
  phase: 'load' | 'score' | 'done';
  done: number;
  total: number;
}

export interface IngestOptions {
  /** The last trading day to load (YYYY-MM-DD); default: the last completed session at clock.now(). */
  asOf?: string;
  onProgress?: (p: IngestProgress) => void;
  /** Stocks per transaction (default 25). */
  batchSize?: number;
  /**
   * Run inside the caller's transaction (the seed's all-or-nothing load): batches become
   * savepoints, and the caller calls `invalidate()` after its commit.
   */
  transaction?: Knex.Transaction;
}

export interface IngestResult extends LoadResult {
  /** Tickers asked for that the provider knew. */
  tickers: number;
  batches: number;
  scored: number;
  /** The trading day of the latest scores (the snapshot's date). */
  scoresAsOf: string | null;
  asOf: string;
}

export interface IngestService {
  ingest(
    provider: MarketDataProvider,
    tickers: string[] | 'all',
    options?: IngestOptions,
  ): Promise<IngestResult>;
  /** Drop every cached answer that depends on market data (done by `ingest` itself unless in a caller's transaction). */
  invalidate(): Promise<void>;
}

export interface IngestDeps {
  db: Knex;
  cache: Cache;
  logger: Logger;
  clock: Clock;
}

export function createIngestService({ db, cache, logger, clock }: IngestDeps): IngestService {
  const log = logger.child({ component: 'ingest' });

  async function invalidate(): Promise<void> {
    for (const pattern of INGEST_INVALIDATES) await cache.invalidate(pattern);
  }

  async function ingest(
    provider: MarketDataProvider,
    tickers: string[] | 'all',
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const now = clock.now();
    const asOf = options.asOf ?? lastCompletedSession(now);
    const executor = options.transaction ?? db;
    const wanted =
      tickers === 'all' ? await provider.universe() : [...new Set(tickers.map((t) => t.toUpperCase()))];
    const batchSize = options.batchSize ?? 25;
    const result: IngestResult = {
      tickers: 0,
      stocks: 0,
      financials: 0,
      bars: 0,
      batches: 0,
      scored: 0,
      scoresAsOf: null,
      asOf,
    };
    for (let i = 0; i < wanted.length; i += batchSize) {
      const batch = wanted.slice(i, i + batchSize);
      const data = await fetchBatch(executor, provider, batch, asOf);
      result.tickers += data.length;
      const loaded = await executor.transaction((trx) => loadStockData(trx, data, provider.source, now));
      result.stocks += loaded.stocks;
      result.financials += loaded.financials;
      result.bars += loaded.bars;
      result.batches++;
      options.onProgress?.({
        phase: 'load',
        done: Math.min(i + batchSize, wanted.length),
        total: wanted.length,
      });
    }
    await setDatasetInfo(executor, { source: provider.source, data_as_of: asOf }, now);
    options.onProgress?.({ phase: 'score', done: 0, total: 1 });
    const scored = await recomputeScores(executor, now);
    result.scored = scored.count;
    result.scoresAsOf = scored.asOf;
    if (!options.transaction) await invalidate();
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    log.info(
      { source: provider.source, asOf, tickers: result.tickers, bars: result.bars, scored: result.scored },
      'ingest finished',
    );
    return result;
  }

  return { ingest, invalidate };
}

/** A batch's data from the provider: new stocks get their full history, known ones the recent year. */
async function fetchBatch(
  db: Knex | Knex.Transaction,
  provider: MarketDataProvider,
  tickers: string[],
  asOf: string,
): Promise<StockData[]> {
  const [profiles, lastDates] = await Promise.all([provider.profiles(tickers), lastBarDates(db, tickers)]);
  const overlapFrom = addCalendarDays(asOf, -OVERLAP_DAYS);
  const out: StockData[] = [];
  for (const profile of profiles) {
    const last = lastDates.get(profile.ticker);
    // The earlier of the stored last bar and the overlap start (ISO dates sort as strings).
    const from = last ? [last, overlapFrom].sort()[0] : FULL_HISTORY_FROM;
    const [financials, bars] = await Promise.all([
      provider.financials(profile.ticker),
      provider.dailyBars(profile.ticker, { from, to: asOf }),
    ]);
    out.push({ profile, financials, bars });
  }
  return out;
}
