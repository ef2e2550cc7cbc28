/**
 * The market-data model shared by providers (sample, FMP), the database layer and the
 * analysis code. Money is in USD, ratios are fractions (0.25 = 25 %), dates are
 * ISO `YYYY-MM-DD` strings in the exchange's calendar (America/New_York).
 */

/** The 11 GICS sectors, spelled as the API and the UI show them. */
export const SECTORS = [
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Energy',
  'Financials',
  'Health Care',
  'Industrials',
  'Information Technology',
  'Materials',
  'Real Estate',
  'Utilities',
] as const;
export type Sector = (typeof SECTORS)[number];

export type Exchange = 'NYSE' | 'NASDAQ';

/** Who a company is: changes rarely. */
export interface CompanyProfile {
  ticker: string;
  name: string;
  sector: Sector;
  industry: string;
  exchange: Exchange;
  /** Beta against the broad US market. */
  beta: number;
  description: string;
}

/** One daily OHLCV bar. */
export interface DailyBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * One fiscal year of statement items (income statement, balance sheet, cash flow),
 * the inputs of the fundamental ratios and of Piotroski, Altman and Graham.
 */
export interface AnnualFinancials {
  fiscalYear: number;
  revenue: number;
  grossProfit: number;
  /** Operating income, used as EBIT. */
  operatingIncome: number;
  /** Depreciation and amortisation (EBITDA = EBIT + D&A). */
  depreciation: number;
  netIncome: number;
  /** Diluted EPS. */
  eps: number;
  totalAssets: number;
  totalLiabilities: number;
  currentAssets: number;
  currentLiabilities: number;
  /** Total debt (short + long term). */
  totalDebt: number;
  longTermDebt: number;
  shareholdersEquity: number;
  retainedEarnings: number;
  cash: number;
  operatingCashFlow: number;
  /** Capital expenditure as a positive number. */
  capitalExpenditure: number;
  /** Net property, plant and equipment (for Greenblatt's return on capital). */
  netPPE: number;
  /** Diluted weighted average shares. */
  sharesOutstanding: number;
  dividendsPerShare: number;
}

/**
 * The latest fundamentals shown and sorted on: derived from the latest annual
 * financials and the latest price. `null` where undefined (e.g. P/E with losses).
 */
export interface Fundamentals {
  marketCap: number;
  pe: number | null;
  pb: number | null;
  ps: number | null;
  evToEbitda: number | null;
  peg: number | null;
  dividendYield: number;
  payoutRatio: number | null;
  grossMargin: number | null;
  operatingMargin: number | null;
  netMargin: number | null;
  roe: number | null;
  roa: number | null;
  roic: number | null;
  revenueGrowth: number | null;
  epsGrowth: number | null;
  debtToEquity: number | null;
  currentRatio: number | null;
  eps: number;
  beta: number;
}

/** The latest quote, computed from the last two bars (or a provider's quote). */
export interface Quote {
  price: number;
  change: number;
  changePct: number;
  open: number;
  dayHigh: number;
  dayLow: number;
  previousClose: number;
  volume: number;
  avgVolume: number;
  yearHigh: number;
  yearLow: number;
  /** ISO date of the bar the quote comes from. */
  asOf: string;
}

/** Everything a provider knows about one stock. */
export interface StockData {
  profile: CompanyProfile;
  /** Oldest first. */
  bars: DailyBar[];
  /** Oldest first; at least the last 5 fiscal years where available. */
  financials: AnnualFinancials[];
}
