/**
 * The ingest use case: write a provider's data for some tickers (or its whole universe),
 * recompute every score, record the day's snapshot, then drop the cached answers that
 * changed. The seed and the refresh job both call it. Writes go in batches of stocks, one
 * transaction per batch, so a crash never leaves half a stock's data. A provider failure
 * writes nothing more: before the first batch's write it leaves everything as it was (the
 * cache too); after one, what was written is rescored and invalidated, then the error thrown.
 */
import type { Knex } from 'knex';
import { invalidateAfterDataChange } from '../cache/keys.ts';
import type { Cache } from '../cache/types.ts';
import type { Clock } from '../clock.ts';
import { relaxCommit, writeTransaction } from '../db/knex.ts';
import type { FinancialRow } from '../db/tables.ts';
import type { Logger } from '../logger.ts';
import { addCalendarDays, lastCompletedSession } from '../market/calendar.ts';
import { type LoadResult, loadStockData } from '../market/load.ts';
import { newYorkDate, newYorkInstant } from '../market/new-york.ts';
import type { PriceWindow } from '../market/price-window.ts';
import type { FetchPlan, MarketDataProvider, ProviderQuote, TickerHoldings } from '../market/provider.ts';
import {
  financialFromRow,
  financialsOf,
  lastStoredBars,
  profileFromStored,
  profilesOf,
  type StoredProfile,
  setDatasetInfo,
  storedScores,
} from '../market/repository.ts';
import type { AnnualFinancials, DailyBar, StockData } from '../market/types.ts';
import { recomputeScores } from '../scoring-runs/recompute.ts';

/**
 * Calendar days re-read before a stored stock's last bar, so a provider's late correction
 * of a recent bar is picked up (bars that come back unchanged are not written again).
 */
const OVERLAP_DAYS = 7;
/** From when a new stock's history is asked for. */
const FULL_HISTORY_FROM = '1900-01-01';

export interface IngestProgress {
  phase: 'load' | 'score' | 'done';
  done: number;
  total: number;
}

interface IngestOptions {
  /**
   * The moment to bring the store to. An instant (a Date or an ISO-8601 date-time): bars
   * through the last session completed by then, and the stocks' quotes at that instant
   * (during a session, the live price). A trading day (YYYY-MM-DD): bars through that day
   * and its closing quotes. Default: clock.now().
   */
  asOf?: string | Date;
  /** Recompute the scores even when nothing they depend on changed. */
  forceScores?: boolean;
  onProgress?: (p: IngestProgress) => void;
  /** Stocks per transaction (default: the service's `batchSize`, INGEST_BATCH_SIZE). */
  batchSize?: number;
  /**
   * Run inside the caller's transaction (the seed's all-or-nothing load): batches become
   * savepoints, and the caller calls `invalidate()` after its commit.
   */
  transaction?: Knex.Transaction;
}

interface IngestResult extends LoadResult {
  /** Tickers asked for that the provider knew. */
  tickers: number;
  batches: number;
  scored: number;
  /** The trading day of the latest scores (the snapshot's date). */
  scoresAsOf: string | null;
  /** The last trading day loaded (YYYY-MM-DD). */
  asOf: string;
  /** The instant the quotes are for (ISO-8601). */
  quotesAt: string;
  /** Tickers a metered provider's plan left for a later refresh (its budget ran short). */
  deferred: number;
  /** False when no bar, fiscal year or scored profile fact changed, so the stored scores stood. */
  scoresRecomputed: boolean;
  /** Where the time went (ms): provider calls, database writes of the batches, the rescore, the cache. */
  timings: {
    providerMs: number;
    writeMs: number;
    scoreReadMs: number;
    scoreComputeMs: number;
    scoreWriteMs: number;
    invalidateMs: number;
  };
}

/** Resolve `IngestOptions.asOf`: the last trading day to load and the instant of the quotes. */
export function resolveAsOf(
  asOf: string | Date | undefined,
  now: Date,
): { barsThrough: string; quotesAt: Date } {
  if (asOf === undefined) return { barsThrough: lastCompletedSession(now), quotesAt: now };
  if (typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    if (Number.isNaN(Date.parse(asOf))) throw new RangeError(`asOf: not a date: ${asOf}`);
    // Evening of that day, New York time: after any session's close.
    return { barsThrough: asOf, quotesAt: newYorkInstant(asOf, '20:00') };
  }
  const at = asOf instanceof Date ? asOf : new Date(asOf);
  if (Number.isNaN(at.getTime()) || (typeof asOf === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(asOf)))
    throw new RangeError(`asOf: not an ISO-8601 date or instant: ${String(asOf)}`);
  return { barsThrough: lastCompletedSession(at), quotesAt: at };
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
  /** Stocks per transaction when a call does not say (default 100; INGEST_BATCH_SIZE). */
  batchSize?: number;
}

const DEFAULT_INGEST_BATCH_SIZE = 100;

export function createIngestService({
  db,
  cache,
  logger,
  clock,
  batchSize: defaultBatchSize = DEFAULT_INGEST_BATCH_SIZE,
}: IngestDeps): IngestService {
  const log = logger.child({ component: 'ingest' });

  async function invalidate(): Promise<void> {
    const removed = await invalidateAfterDataChange(cache);
    log.debug({ removed }, 'cache invalidated after the data change');
  }

  async function ingest(
    provider: MarketDataProvider,
    tickers: string[] | 'all',
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const now = clock.now();
    const { barsThrough: asOf, quotesAt } = resolveAsOf(options.asOf, now);
    const executor = options.transaction ?? db;
    const wanted =
      tickers === 'all' ? await provider.universe() : [...new Set(tickers.map((t) => t.toUpperCase()))];
    const batchSize = options.batchSize ?? defaultBatchSize;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError(`ingest: batchSize must be a whole number >= 1, got ${batchSize}`);
    const result: IngestResult = {
      tickers: 0,
      stocks: 0,
      financials: 0,
      bars: 0,
      batches: 0,
      scored: 0,
      scoresAsOf: null,
      asOf,
      quotesAt: quotesAt.toISOString(),
      scoresRecomputed: false,
      scoringChanged: false,
      deferred: 0,
      timings: {
        providerMs: 0,
        writeMs: 0,
        scoreReadMs: 0,
        scoreComputeMs: 0,
        scoreWriteMs: 0,
        invalidateMs: 0,
      },
    };
    const t = result.timings;
    let mark = performance.now();
    const lap = () => {
      const at = performance.now();
      const ms = at - mark;
      mark = at;
      return ms;
    };
    // What the batches leave stored, handed to the rescore so it need not read it back.
    const windows = new Map<string, PriceWindow>();
    const financials = new Map<string, AnnualFinancials[]>();
    // A metered provider first says what this refresh fetches; the rest comes from the store.
    const plan = await planFor(executor, provider, wanted, now);
    if (plan) {
      result.deferred = plan.plan.deferred.length;
      log.info(
        { calls: plan.plan.calls, deferred: plan.plan.deferred.length },
        `${provider.source}: this refresh spends ${plan.plan.calls.total ?? '?'} calls` +
          (plan.plan.deferred.length ? `; ${plan.plan.deferred.length} ticker(s) wait for a later one` : ''),
      );
    }
    // All quotes first, in the provider's own batches (one call per batch for FMP).
    const quotes = new Map((await provider.quotes(wanted, quotesAt)).map((q) => [q.ticker.toUpperCase(), q]));
    t.providerMs += lap();
    /**
     * Scores depend only on bars, fiscal years and profile facts: when none changed (a
     * refresh during a session moves quotes only), the stored scores stand. Then the cache.
     */
    const rescoreAndInvalidate = async () => {
      const current = await storedScores(executor);
      if (result.scoringChanged || options.forceScores || current.count === 0) {
        lap();
        const scored = await recomputeScores(executor, now, { windows, financials });
        lap();
        t.scoreReadMs = scored.timings.loadMs;
        t.scoreComputeMs = scored.timings.computeMs;
        t.scoreWriteMs = scored.timings.writeMs;
        result.scored = scored.count;
        result.scoresAsOf = scored.asOf;
        result.scoresRecomputed = true;
      } else {
        result.scored = current.count;
        result.scoresAsOf = current.asOf;
      }
      if (!options.transaction) await invalidate();
      t.invalidateMs = lap();
    };
    let fetching = false;
    try {
      for (let i = 0; i < wanted.length; i += batchSize) {
        const batch = wanted.slice(i, i + batchSize);
        fetching = true;
        const data = plan
          ? await fetchPlanned(executor, provider, batch, asOf, plan, quotes)
          : await fetchBatch(executor, provider, batch, asOf);
        fetching = false;
        t.providerMs += lap();
        result.tickers += data.length;
        const storedFinancials = plan
          ? new Set(data.map((d) => d.profile.ticker).filter((tk) => !plan.plan.financials.has(tk)))
          : undefined;
        const loaded = await writeTransaction(executor, async (trx) => {
          if (!options.transaction) await relaxCommit(trx);
          return loadStockData(trx, data, provider.source, now, { quotes, storedFinancials });
        });
        t.writeMs += lap();
        result.stocks += loaded.stocks;
        result.financials += loaded.financials;
        result.bars += loaded.bars;
        result.scoringChanged ||= loaded.scoringChanged;
        for (const [t, w] of loaded.stored?.windows ?? []) windows.set(t, w);
        for (const [t, f] of loaded.stored?.financials ?? []) financials.set(t, f);
        result.batches++;
        options.onProgress?.({
          phase: 'load',
          done: Math.min(i + batchSize, wanted.length),
          total: wanted.length,
        });
      }
    } catch (err) {
      // A provider failure: the batches written before it are whole stocks, newer than the
      // rest; rescore what they changed and drop the cached answers they make stale, so
      // every answer stays consistent, then report the failure. Nothing written, or a failed
      // write (the database is what failed): nothing to do.
      if (!fetching || result.batches === 0 || options.transaction) throw err;
      log.warn(
        { batches: result.batches, stocks: result.stocks },
        `${provider.source}: refresh failed after ${result.batches} batch(es) were written: rescoring and invalidating for them`,
      );
      await rescoreAndInvalidate().catch((settleErr: unknown) =>
        log.warn({ err: settleErr }, 'after the failed refresh, the rescore or the invalidation failed too'),
      );
      throw err;
    }
    await setDatasetInfo(
      executor,
      { source: provider.source, data_as_of: asOf, quotes_at: result.quotesAt },
      now,
    );
    options.onProgress?.({ phase: 'score', done: 0, total: 1 });
    await rescoreAndInvalidate();
    options.onProgress?.({ phase: 'done', done: 1, total: 1 });
    log.info(
      {
        source: provider.source,
        asOf,
        quotesAt: result.quotesAt,
        tickers: result.tickers,
        bars: result.bars,
        scored: result.scored,
        scoresRecomputed: result.scoresRecomputed,
      },
      'ingest finished',
    );
    return result;
  }

  return { ingest, invalidate };
}

/** A batch's data from the provider: new stocks get their full history, known ones the bars since their last. */
async function fetchBatch(
  db: Knex | Knex.Transaction,
  provider: MarketDataProvider,
  tickers: string[],
  asOf: string,
): Promise<StockData[]> {
  const [profiles, lastDates] = await Promise.all([provider.profiles(tickers), lastStoredBars(db, tickers)]);
  const out: StockData[] = [];
  for (const profile of profiles) {
    const last = lastDates.get(profile.ticker);
    const from = last ? addCalendarDays(last, -OVERLAP_DAYS) : FULL_HISTORY_FROM;
    const [financials, bars] = await Promise.all([
      provider.financials(profile.ticker),
      provider.dailyBars(profile.ticker, { from, to: asOf }),
    ]);
    out.push({ profile, financials, bars });
  }
  return out;
}

interface PlannedFetch {
  plan: FetchPlan;
  holdings: Map<string, TickerHoldings>;
  profiles: Map<string, StoredProfile>;
}

/** What the store holds for each wanted ticker, and the provider's plan over it (null: it has none). */
async function planFor(
  db: Knex | Knex.Transaction,
  provider: MarketDataProvider,
  tickers: string[],
  now: Date,
): Promise<PlannedFetch | null> {
  if (!provider.planFetch) return null;
  const [profiles, lastDates] = await Promise.all([profilesOf(db, tickers), lastStoredBars(db, tickers)]);
  const holdings = tickers.map(
    (ticker): TickerHoldings => ({
      ticker,
      hasProfile: profiles.has(ticker),
      statementsFetchedOn: profiles.get(ticker)?.financials_fetched_on ?? null,
      barsThrough: lastDates.get(ticker) ?? null,
    }),
  );
  const plan = await provider.planFetch(holdings, now);
  return { plan, holdings: new Map(holdings.map((h) => [h.ticker, h])), profiles };
}

/**
 * A batch under a plan: what the plan fetches comes from the provider, the rest from the
 * store (stored profile, stored fiscal years). A ticker without history in the plan gets
 * the completed session's bar from its closing quote (the quote of a refresh after the
 * close is that day's open, high, low, close and volume). A ticker neither stored nor in
 * the plan waits for a later refresh.
 */
async function fetchPlanned(
  db: Knex | Knex.Transaction,
  provider: MarketDataProvider,
  tickers: string[],
  asOf: string,
  { plan, holdings, profiles: stored }: PlannedFetch,
  quotes: Map<string, ProviderQuote>,
): Promise<StockData[]> {
  const fresh = new Map(
    (await provider.profiles(tickers.filter((tk) => plan.profiles.has(tk)))).map((p) => [p.ticker, p]),
  );
  const keep = tickers.filter((tk) => !plan.financials.has(tk) && stored.has(tk));
  const storedYears = keep.length ? await financialsOf(db, keep) : new Map<string, FinancialRow[]>();
  const out: StockData[] = [];
  for (const ticker of tickers) {
    const profile =
      fresh.get(ticker) ??
      (stored.has(ticker) ? profileFromStored(stored.get(ticker) as StoredProfile) : null);
    if (!profile) continue;
    const last = holdings.get(ticker)?.barsThrough ?? null;
    const financials = plan.financials.has(ticker)
      ? await provider.financials(ticker)
      : (storedYears.get(ticker) ?? []).map(financialFromRow);
    let bars: DailyBar[] = [];
    if (plan.history.has(ticker)) {
      const from = last ? addCalendarDays(last, -OVERLAP_DAYS) : FULL_HISTORY_FROM;
      bars = await provider.dailyBars(ticker, { from, to: asOf });
    } else {
      const bar = closingBar(quotes.get(ticker), asOf, last);
      if (bar) bars = [bar];
    }
    out.push({ profile, financials, bars });
  }
  return out;
}

/** The bar of session `asOf` from its closing quote, when the store's bars stop before it. */
export function closingBar(
  quote: ProviderQuote | undefined,
  asOf: string,
  last: string | null,
): DailyBar | null {
  if (!quote || (last !== null && last >= asOf)) return null;
  if (newYorkDate(new Date(quote.timestamp)) !== asOf) return null;
  return {
    date: asOf,
    open: quote.open ?? quote.price,
    high: Math.max(quote.dayHigh ?? quote.price, quote.price),
    low: Math.min(quote.dayLow ?? quote.price, quote.price),
    close: quote.price,
    volume: quote.volume ?? 0,
  };
}
