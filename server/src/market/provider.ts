/**
 * The market-data provider contract: the built-in sample universe and Financial Modeling
 * Prep implement it; the ingest use case (seed and refresh job) is its only caller.
 */
import type { AnnualFinancials, CompanyProfile, DailyBar } from './types.ts';

export type DataSource = 'sample' | 'fmp';

/** A real-time (or end-of-day) quote as a provider reports it. */
export interface ProviderQuote {
  ticker: string;
  price: number;
  change: number;
  changePct: number;
  open: number | null;
  dayHigh: number | null;
  dayLow: number | null;
  previousClose: number | null;
  volume: number | null;
  /** When the provider priced it (ISO-8601 instant). */
  timestamp: string;
}

/** What the store already holds for a ticker (a metered provider plans its calls from it). */
export interface TickerHoldings {
  ticker: string;
  hasProfile: boolean;
  /** New York date the statements were last fetched, or null. */
  statementsFetchedOn: string | null;
  /** Date of the newest stored daily bar, or null. */
  barsThrough: string | null;
}

/**
 * Which per-ticker data one refresh fetches; what is not fetched comes from the store.
 * Quotes are always fetched. A ticker with no stored profile that is not in `profiles` is
 * left out of this refresh (deferred to a later one).
 */
export interface FetchPlan {
  profiles: ReadonlySet<string>;
  financials: ReadonlySet<string>;
  history: ReadonlySet<string>;
  /** Tickers with missing or stale data left for a later refresh. */
  deferred: readonly string[];
  /** The calls the plan spends, by kind (for the refresh's log line). */
  calls: Record<string, number>;
}

export interface MarketDataProvider {
  readonly source: DataSource;
  /** The tickers refreshed when none are named. */
  universe(): Promise<string[]>;
  /** Latest quotes, fetched in the provider's batch size; unknown tickers are left out. */
  quotes(tickers: string[], asOf: Date): Promise<ProviderQuote[]>;
  profiles(tickers: string[]): Promise<CompanyProfile[]>;
  /** Annual statements, oldest first. */
  financials(ticker: string): Promise<AnnualFinancials[]>;
  /** Daily bars with from <= date <= to (ISO dates, New York), oldest first. */
  dailyBars(ticker: string, range: { from: string; to: string }): Promise<DailyBar[]>;
  /**
   * A metered provider (FMP's daily call budget) says what this refresh fetches; without
   * it every ticker's profile, statements and recent bars are fetched each time.
   */
  planFetch?(holdings: TickerHoldings[], at: Date): Promise<FetchPlan>;
}
