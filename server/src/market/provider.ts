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
}
