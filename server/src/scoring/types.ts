/** Types of the composite score, its explanation and the per-stock metrics. */
import type { AltmanModel, PiotroskiCriterion } from '../analysis/financial-models.ts';
import type { PerformancePeriod } from '../analysis/indicators.ts';
import type { AnnualFinancials, Fundamentals, Sector } from '../market/types.ts';

export const COMPONENT_KEYS = ['value', 'quality', 'growth', 'momentum', 'risk', 'dividend'] as const;
/** A factor of the composite score. */
export type ComponentKey = (typeof COMPONENT_KEYS)[number];
/** Factor scores, each 0-100 (higher is better; risk: higher is safer). */
export type ComponentScores = Record<ComponentKey, number>;

/** What the scorer needs about one stock. */
export interface ScoreInput {
  ticker: string;
  sector: Sector;
  /** GICS sub-industry: decides which measures apply (Altman model, gross margin). */
  industry: string;
  fundamentals: Fundamentals;
  /** Oldest first. */
  financials: AnnualFinancials[];
  /** Daily closes, oldest first; ≥ 2 years (504) when available. */
  closes: number[];
  /** Daily highs/lows aligned with `closes` (for the 52-week range; closes are used without them). */
  highs?: number[];
  lows?: number[];
  /**
   * Index in `closes` of the first bar of the last bar's calendar year (the YTD base is the
   * close before it); unknown without dates, and then no YTD base.
   */
  yearStartIndex?: number;
}

/**
 * Closes the performance figures are measured from. For each period of N sessions
 * (`PERFORMANCE_SESSIONS`): `[close N bars before the last bar, close N − 1 bars before it]`,
 * the base for a price at the last bar and for a live price one session later. `ytd`:
 * `[the last close of the calendar year before the last bar's, the last bar's close]`, the
 * base for a price in the last bar's year and for one in the next year.
 */
export type PerformanceBases = Record<PerformancePeriod | 'ytd', [number | null, number | null]>;

/**
 * Numbers the screener and the UI need, computed once per stock by the scorer.
 * Ratios and returns are fractions; `null` where undefined or not enough data.
 */
export interface StockMetrics {
  /** Piotroski F-score 0-9 from the last two fiscal years (null with fewer than two). */
  piotroskiF: number | null;
  /** The Piotroski criteria passed. */
  piotroskiPassed: PiotroskiCriterion[];
  /**
   * Altman score of the model in `altmanModel`: the 1968 Z for manufacturers, Z'' for
   * non-manufacturers; null for Financials and Real Estate, where neither applies.
   */
  altmanZ: number | null;
  /** Which Altman model `altmanZ` is (zones: Z 1.81 / 2.99, Z'' 1.10 / 2.60); null when none applies. */
  altmanModel: AltmanModel | null;
  /** √(22.5 × EPS × BVPS); null when EPS or BVPS ≤ 0. */
  grahamNumber: number | null;
  /** Book value (equity) per share. */
  bookValuePerShare: number | null;
  /** Greenblatt earnings yield: EBIT / EV. */
  earningsYield: number | null;
  /** Greenblatt return on capital: EBIT / (net working capital + net PPE). */
  returnOnCapital: number | null;
  /** Free cash flow (CFO − capex) / market cap. */
  fcfYield: number | null;
  /** Return from t−252 to t−21 trading days. */
  momentum12_1: number | null;
  /** Return over the last 126 trading days. */
  return6m: number | null;
  /** Annualised volatility of daily log returns over the last year. */
  volatility: number | null;
  rsi14: number | null;
  sma20: number | null;
  sma50: number | null;
  sma200: number | null;
  high52w: number | null;
  low52w: number | null;
  /** Diluted EPS CAGR over the available fiscal years (≥ 3 years). */
  epsCagr: number | null;
  /** Revenue CAGR over the available fiscal years (≥ 3 years). */
  revenueCagr: number | null;
  /** Mean diluted EPS of the last three fiscal years (Graham's P/E base). */
  epsAvg3y: number | null;
  /** Latest annual revenue, USD. */
  revenue: number | null;
  /** Latest current assets − current liabilities, USD. */
  workingCapital: number | null;
  /** Latest long-term debt, USD. */
  longTermDebt: number | null;
  /** Consecutive latest year-over-year steps with DPS > 0 and not below the year before. */
  dividendGrowthYears: number;
  /** Consecutive latest fiscal years with a dividend paid (DPS > 0). */
  dividendYearsPaid: number;
  /**
   * Consecutive profitable years: fiscal years with positive EPS counted back from the latest,
   * stopping at the first loss (a streak, not a count of all profitable years; 0 when the
   * latest year is a loss). The key keeps its stored name.
   */
  positiveEarningsYears: number;
  /** Fiscal years of statements available. */
  yearsOfData: number;
  /** Where performance is measured from (the screener divides the current price by these). */
  performanceBases: PerformanceBases;
}

/** One input to a factor score, as shown to the user. */
export interface Driver {
  metric: string;
  label: string;
  /** The metric's value (fractions for ratios), or null when unknown. */
  value: number | null;
  /**
   * 0-100, higher is better whatever `better` says (a low P/E gives a high percentile).
   * Null when the metric is unknown. For `payoutSustainability` this is an absolute 0-100
   * score rather than a rank.
   */
  percentile: number | null;
  better: 'higher' | 'lower';
}

export interface ComponentExplanation {
  key: ComponentKey;
  label: string;
  score: number;
  weight: number;
  drivers: Driver[];
  note?: string;
}

/** Why a stock scored what it did, in plain language. */
export interface Explanation {
  summary: string;
  strengths: string[];
  weaknesses: string[];
  components: ComponentExplanation[];
}

export interface ScoreResult {
  ticker: string;
  /** Composite 0-100, one decimal. */
  score: number;
  /** 1 = best in the universe (score desc, then ticker). */
  rank: number;
  /** Each 0-100, one decimal. */
  components: ComponentScores;
  metrics: StockMetrics;
  explanation: Explanation;
}
