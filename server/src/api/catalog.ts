/**
 * The screener's metric catalog: every metric a stock row of `GET /api/stocks` can carry, in
 * one list. A metric's `key` is at once the field a row carries when `columns=<key>` asks for
 * it, the sort key (`sort=<key>`), and the prefix of its bounds (`<key>_min`, `<key>_max`).
 * The list route's query schema, the column table (screener/columns.ts), the OpenAPI
 * descriptions and `GET /api/screener/metrics` (the client's column chooser and filter panel)
 * are all built from it. Zod-free, so the client could import it at run time too.
 *
 * Units, one convention each (the value a row carries and a bound is given in):
 * - `usd`: US dollars (a price, a market cap).
 * - `fraction`: a share of one, 0.25 = 25 % (margins, yields, growth, returns, distances).
 * - `percent`: percent points, 1.5 = +1.5 % (only the day's change, `change_pct`, kept as the
 *   API has always sent it).
 * - `ratio`: a plain multiple or ratio (P/E 15 = 15x, debt/equity 0.5, beta 1.2).
 * - `shares`: a number of shares (volume).
 * - `count`: a whole number (Piotroski's 0-9, a rank).
 * - `score`: a 0-100 score, higher is better.
 * - `index`: an oscillator on a 0-100 scale that is not better one way (RSI).
 * - `text`: a word (sector, industry, exchange): filtered by exact match, not by bounds.
 */
import type { MetricFormat } from './metrics.ts';

export const UNITS = [
  'usd',
  'fraction',
  'percent',
  'ratio',
  'shares',
  'count',
  'score',
  'index',
  'text',
] as const;
export type Unit = (typeof UNITS)[number];

/** What each unit means, for the catalog route and the OpenAPI descriptions. */
export const UNIT_DESCRIPTIONS: Record<Unit, string> = {
  usd: 'US dollars',
  fraction: 'a fraction: 0.25 = 25 %',
  percent: 'percent points: 1.5 = +1.5 %',
  ratio: 'a multiple or ratio: 15 = 15x',
  shares: 'a number of shares',
  count: 'a whole number',
  score: 'a 0-100 score, higher is better',
  index: 'a 0-100 index',
  text: 'text, matched exactly (case-insensitive); a comma-separated list matches any of them',
};

/** Groups of the filter panel, in its order. */
export const GROUPS = [
  'Descriptive',
  'Valuation',
  'Profitability',
  'Growth',
  'Financial health',
  'Technical',
  'Performance',
  'Scores',
] as const;
type Group = (typeof GROUPS)[number];

interface MetricSpec {
  key: string;
  label: string;
  unit: Unit;
  /** How the client shows the value (api/metrics.ts METRIC_FORMATS). */
  format: MetricFormat;
  group: Group;
  description: string;
  /** Decimals the API rounds to (and filters on); absent: the stored value as it is. */
  digits?: number;
}

/**
 * Every metric, in the filter panel's order. Where it comes from is the column table's
 * business (screener/columns.ts); how each is computed is said in its description.
 */
export const CATALOG = [
  // ---- Descriptive
  {
    key: 'sector',
    label: 'Sector',
    unit: 'text',
    format: 'text',
    group: 'Descriptive',
    description: 'GICS sector.',
  },
  {
    key: 'industry',
    label: 'Industry',
    unit: 'text',
    format: 'text',
    group: 'Descriptive',
    description: 'GICS sub-industry.',
  },
  {
    key: 'exchange',
    label: 'Exchange',
    unit: 'text',
    format: 'text',
    group: 'Descriptive',
    description: 'Listing exchange (NYSE or NASDAQ).',
  },
  {
    key: 'price',
    label: 'Price',
    unit: 'usd',
    format: 'money',
    group: 'Descriptive',
    description: 'Latest price (the last close, or the live quote during a session).',
  },
  {
    key: 'change',
    label: 'Change',
    unit: 'usd',
    format: 'money',
    group: 'Descriptive',
    description: "The day's change against the previous close.",
    digits: 4,
  },
  {
    key: 'change_pct',
    label: 'Change %',
    unit: 'percent',
    format: 'num',
    group: 'Descriptive',
    description: "The day's change against the previous close, in percent points.",
    digits: 4,
  },
  {
    key: 'market_cap',
    label: 'Market cap',
    unit: 'usd',
    format: 'big_money',
    group: 'Descriptive',
    description: 'Price × diluted shares of the latest fiscal year. `cap=` filters by size bucket.',
  },
  {
    key: 'volume',
    label: 'Volume',
    unit: 'shares',
    format: 'int',
    group: 'Descriptive',
    description: "The session's volume.",
  },
  {
    key: 'avg_volume',
    label: 'Average volume',
    unit: 'shares',
    format: 'int',
    group: 'Descriptive',
    description: 'Mean daily volume of the last 20 sessions.',
  },
  {
    key: 'rel_volume',
    label: 'Relative volume',
    unit: 'ratio',
    format: 'x',
    group: 'Descriptive',
    description: "The session's volume ÷ the 20-session average.",
    digits: 4,
  },
  // ---- Valuation
  {
    key: 'pe',
    label: 'P/E',
    unit: 'ratio',
    format: 'x',
    group: 'Valuation',
    description: 'Price ÷ diluted EPS of the latest fiscal year; none with a loss.',
    digits: 4,
  },
  {
    key: 'pb',
    label: 'P/B',
    unit: 'ratio',
    format: 'x',
    group: 'Valuation',
    description: "Market cap ÷ shareholders' equity.",
    digits: 4,
  },
  {
    key: 'ps',
    label: 'P/S',
    unit: 'ratio',
    format: 'x',
    group: 'Valuation',
    description: 'Market cap ÷ revenue.',
    digits: 4,
  },
  {
    key: 'ev_to_ebitda',
    label: 'EV/EBITDA',
    unit: 'ratio',
    format: 'x',
    group: 'Valuation',
    description:
      'Enterprise value (market cap + debt − cash) ÷ EBITDA (operating income + D&A); none when either is not positive.',
    digits: 4,
  },
  {
    key: 'peg',
    label: 'PEG',
    unit: 'ratio',
    format: 'num',
    group: 'Valuation',
    description:
      'P/E ÷ (EPS growth in percent): the multi-year EPS CAGR, else the year-over-year growth; none when growth is not positive.',
    digits: 4,
  },
  {
    key: 'earnings_yield',
    label: 'Earnings yield',
    unit: 'fraction',
    format: 'pct',
    group: 'Valuation',
    description: "Greenblatt's earnings yield: EBIT ÷ enterprise value.",
    digits: 6,
  },
  {
    key: 'fcf_yield',
    label: 'FCF yield',
    unit: 'fraction',
    format: 'pct',
    group: 'Valuation',
    description: 'Free cash flow (operating cash flow − capex) ÷ market cap.',
    digits: 6,
  },
  {
    key: 'eps',
    label: 'EPS',
    unit: 'usd',
    format: 'money',
    group: 'Valuation',
    description: 'Diluted earnings per share, latest fiscal year.',
    digits: 4,
  },
  {
    key: 'dividend_yield',
    label: 'Dividend yield',
    unit: 'fraction',
    format: 'pct',
    group: 'Valuation',
    description: 'Dividends per share ÷ price.',
    digits: 6,
  },
  {
    key: 'payout_ratio',
    label: 'Payout ratio',
    unit: 'fraction',
    format: 'pct',
    group: 'Valuation',
    description: 'Dividends per share ÷ EPS; none with a loss.',
    digits: 6,
  },
  // ---- Profitability
  {
    key: 'gross_margin',
    label: 'Gross margin',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: 'Gross profit ÷ revenue; none for banks and insurers (no cost of goods sold).',
    digits: 6,
  },
  {
    key: 'operating_margin',
    label: 'Operating margin',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: 'Operating income ÷ revenue.',
    digits: 6,
  },
  {
    key: 'net_margin',
    label: 'Net margin',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: 'Net income ÷ revenue.',
    digits: 6,
  },
  {
    key: 'roe',
    label: 'ROE',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: "Net income ÷ shareholders' equity.",
    digits: 6,
  },
  {
    key: 'roa',
    label: 'ROA',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: 'Net income ÷ total assets.',
    digits: 6,
  },
  {
    key: 'roic',
    label: 'ROIC',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: 'EBIT × (1 − 21 %) ÷ (debt + equity − cash).',
    digits: 6,
  },
  {
    key: 'return_on_capital',
    label: 'Return on capital',
    unit: 'fraction',
    format: 'pct',
    group: 'Profitability',
    description: "Greenblatt's return on capital: EBIT ÷ (net working capital + net PP&E).",
    digits: 6,
  },
  // ---- Growth
  {
    key: 'revenue',
    label: 'Revenue',
    unit: 'usd',
    format: 'big_money',
    group: 'Growth',
    description: 'Revenue of the latest fiscal year.',
  },
  {
    key: 'revenue_growth',
    label: 'Revenue growth',
    unit: 'fraction',
    format: 'pct',
    group: 'Growth',
    description: 'Revenue, latest fiscal year against the one before.',
    digits: 6,
  },
  {
    key: 'eps_growth',
    label: 'EPS growth',
    unit: 'fraction',
    format: 'pct',
    group: 'Growth',
    description:
      'Diluted EPS, latest fiscal year against the one before; none when the earlier was not positive.',
    digits: 6,
  },
  {
    key: 'revenue_cagr',
    label: 'Revenue CAGR',
    unit: 'fraction',
    format: 'pct',
    group: 'Growth',
    description: 'Compound annual revenue growth over the stored fiscal years (at least three).',
    digits: 6,
  },
  {
    key: 'eps_cagr',
    label: 'EPS CAGR',
    unit: 'fraction',
    format: 'pct',
    group: 'Growth',
    description:
      'Compound annual EPS growth over the stored fiscal years (at least three, both ends positive).',
    digits: 6,
  },
  // ---- Financial health
  {
    key: 'debt_to_equity',
    label: 'Debt/equity',
    unit: 'ratio',
    format: 'num',
    group: 'Financial health',
    description: "Total debt ÷ shareholders' equity.",
    digits: 4,
  },
  {
    key: 'current_ratio',
    label: 'Current ratio',
    unit: 'ratio',
    format: 'num',
    group: 'Financial health',
    description: 'Current assets ÷ current liabilities.',
    digits: 4,
  },
  {
    key: 'piotroski',
    label: 'Piotroski F-score',
    unit: 'count',
    format: 'int',
    group: 'Financial health',
    description: "Piotroski's F-score, 0-9, from the last two fiscal years.",
    digits: 0,
  },
  {
    key: 'altman_z',
    label: 'Altman Z-score',
    unit: 'ratio',
    format: 'num',
    group: 'Financial health',
    description: "Altman's Z (manufacturers) or Z'' (others); none for financials and real estate.",
    digits: 4,
  },
  // ---- Technical
  {
    key: 'beta',
    label: 'Beta',
    unit: 'ratio',
    format: 'num',
    group: 'Technical',
    description: 'Beta against the broad US market.',
    digits: 4,
  },
  {
    key: 'volatility',
    label: 'Volatility',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Annualised standard deviation of daily log returns over the last 252 sessions.',
    digits: 6,
  },
  {
    key: 'rsi14',
    label: 'RSI (14)',
    unit: 'index',
    format: 'num',
    group: 'Technical',
    description: "Wilder's 14-session relative strength index, 0-100, at the last close.",
    digits: 4,
  },
  {
    key: 'sma20',
    label: 'SMA 20',
    unit: 'usd',
    format: 'money',
    group: 'Technical',
    description: 'Simple moving average of the last 20 closes.',
    digits: 4,
  },
  {
    key: 'sma50',
    label: 'SMA 50',
    unit: 'usd',
    format: 'money',
    group: 'Technical',
    description: 'Simple moving average of the last 50 closes.',
    digits: 4,
  },
  {
    key: 'sma200',
    label: 'SMA 200',
    unit: 'usd',
    format: 'money',
    group: 'Technical',
    description: 'Simple moving average of the last 200 closes.',
    digits: 4,
  },
  {
    key: 'price_vs_sma20',
    label: 'Price vs SMA 20',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Distance of the price from its 20-session SMA: price ÷ SMA − 1 (0.05 = 5 % above).',
    digits: 6,
  },
  {
    key: 'price_vs_sma50',
    label: 'Price vs SMA 50',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Distance of the price from its 50-session SMA: price ÷ SMA − 1.',
    digits: 6,
  },
  {
    key: 'price_vs_sma200',
    label: 'Price vs SMA 200',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Distance of the price from its 200-session SMA: price ÷ SMA − 1.',
    digits: 6,
  },
  {
    key: 'high_52w',
    label: '52-week high',
    unit: 'usd',
    format: 'money',
    group: 'Technical',
    description: 'Highest high of the last 252 sessions (today included).',
  },
  {
    key: 'low_52w',
    label: '52-week low',
    unit: 'usd',
    format: 'money',
    group: 'Technical',
    description: 'Lowest low of the last 252 sessions (today included).',
  },
  {
    key: 'from_52w_high',
    label: 'From 52-week high',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Price ÷ 52-week high − 1: zero at the high, negative below it.',
    digits: 6,
  },
  {
    key: 'from_52w_low',
    label: 'From 52-week low',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Price ÷ 52-week low − 1: zero at the low, positive above it.',
    digits: 6,
  },
  {
    key: 'momentum_12_1',
    label: '12-1 month momentum',
    unit: 'fraction',
    format: 'pct',
    group: 'Technical',
    description: 'Return from 252 to 21 sessions ago (skipping the latest month).',
    digits: 6,
  },
  // ---- Performance: price ÷ the close N sessions before − 1
  {
    key: 'perf_1w',
    label: 'Performance 1W',
    unit: 'fraction',
    format: 'pct',
    group: 'Performance',
    description: 'Price ÷ the close 5 sessions before − 1.',
    digits: 6,
  },
  {
    key: 'perf_1m',
    label: 'Performance 1M',
    unit: 'fraction',
    format: 'pct',
    group: 'Performance',
    description: 'Price ÷ the close 21 sessions before − 1.',
    digits: 6,
  },
  {
    key: 'perf_3m',
    label: 'Performance 3M',
    unit: 'fraction',
    format: 'pct',
    group: 'Performance',
    description: 'Price ÷ the close 63 sessions before − 1.',
    digits: 6,
  },
  {
    key: 'perf_6m',
    label: 'Performance 6M',
    unit: 'fraction',
    format: 'pct',
    group: 'Performance',
    description: 'Price ÷ the close 126 sessions before − 1.',
    digits: 6,
  },
  {
    key: 'perf_1y',
    label: 'Performance 1Y',
    unit: 'fraction',
    format: 'pct',
    group: 'Performance',
    description: 'Price ÷ the close 252 sessions before − 1.',
    digits: 6,
  },
  {
    key: 'perf_ytd',
    label: 'Performance YTD',
    unit: 'fraction',
    format: 'pct',
    group: 'Performance',
    description: 'Price ÷ the last close of the previous calendar year − 1.',
    digits: 6,
  },
  // ---- Scores
  {
    key: 'score',
    label: 'Score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The composite score, 0-100.',
  },
  {
    key: 'rank',
    label: 'Rank',
    unit: 'count',
    format: 'int',
    group: 'Scores',
    description: 'Rank by score in the universe (1 = best).',
  },
  {
    key: 'value',
    label: 'Value score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The value component, 0-100.',
  },
  {
    key: 'quality',
    label: 'Quality score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The quality component, 0-100.',
  },
  {
    key: 'growth',
    label: 'Growth score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The growth component, 0-100.',
  },
  {
    key: 'momentum',
    label: 'Momentum score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The momentum component, 0-100.',
  },
  {
    key: 'risk',
    label: 'Risk score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The risk component, 0-100 (higher is safer).',
  },
  {
    key: 'dividend',
    label: 'Dividend score',
    unit: 'score',
    format: 'score',
    group: 'Scores',
    description: 'The dividend component, 0-100.',
  },
] as const satisfies readonly MetricSpec[];

type CatalogEntry = (typeof CATALOG)[number];
/** Every catalog key. */
export type CatalogKey = CatalogEntry['key'];
/** The keys of text metrics (exact-match filters). */
export type TextKey = Extract<CatalogEntry, { unit: 'text' }>['key'];
/** The keys of numeric metrics (bounds `<key>_min`, `<key>_max`). */
export type NumericKey = Exclude<CatalogKey, TextKey>;

export const CATALOG_KEYS = CATALOG.map((m) => m.key) as CatalogKey[];
export const TEXT_KEYS = CATALOG.filter((m) => m.unit === 'text').map((m) => m.key) as TextKey[];
export const NUMERIC_KEYS = CATALOG.filter((m) => m.unit !== 'text').map((m) => m.key) as NumericKey[];

const BY_KEY = new Map<string, MetricSpec>(CATALOG.map((m) => [m.key, m]));

/** The catalog entry of a key, or undefined. */
export function catalogEntry(key: string): MetricSpec | undefined {
  return BY_KEY.get(key);
}

/** Keys a row is sorted by besides the catalog's. */
export const SORT_KEYS = ['ticker', 'name', ...CATALOG_KEYS] as const;

/** Views of the stocks table, like finviz's: each a list of columns, in order (ticker and name come first, always). */
export const PRESETS = [
  {
    key: 'overview',
    label: 'Overview',
    columns: ['sector', 'industry', 'market_cap', 'pe', 'price', 'change_pct', 'volume', 'score'],
  },
  {
    key: 'valuation',
    label: 'Valuation',
    columns: [
      'market_cap',
      'pe',
      'peg',
      'ps',
      'pb',
      'ev_to_ebitda',
      'earnings_yield',
      'fcf_yield',
      'eps',
      'eps_growth',
      'eps_cagr',
      'revenue_cagr',
      'price',
      'change_pct',
    ],
  },
  {
    key: 'financial',
    label: 'Financial',
    columns: [
      'market_cap',
      'dividend_yield',
      'payout_ratio',
      'roa',
      'roe',
      'roic',
      'current_ratio',
      'debt_to_equity',
      'gross_margin',
      'operating_margin',
      'net_margin',
      'piotroski',
      'altman_z',
      'price',
      'change_pct',
    ],
  },
  {
    key: 'performance',
    label: 'Performance',
    columns: [
      'perf_1w',
      'perf_1m',
      'perf_3m',
      'perf_6m',
      'perf_1y',
      'perf_ytd',
      'volatility',
      'avg_volume',
      'rel_volume',
      'price',
      'change_pct',
      'volume',
    ],
  },
  {
    key: 'technical',
    label: 'Technical',
    columns: [
      'beta',
      'price_vs_sma20',
      'price_vs_sma50',
      'price_vs_sma200',
      'high_52w',
      'low_52w',
      'from_52w_high',
      'from_52w_low',
      'rsi14',
      'momentum_12_1',
      'price',
      'change_pct',
      'volume',
    ],
  },
  {
    key: 'scores',
    label: 'Scores',
    columns: [
      'sector',
      'score',
      'rank',
      'value',
      'quality',
      'growth',
      'momentum',
      'risk',
      'dividend',
      'piotroski',
    ],
  },
] as const satisfies ReadonlyArray<{ key: string; label: string; columns: readonly CatalogKey[] }>;

export type PresetKey = (typeof PRESETS)[number]['key'];

/** The presets that show a metric. */
export function presetsOf(key: string): PresetKey[] {
  return PRESETS.filter((p) => (p.columns as readonly string[]).includes(key)).map((p) => p.key);
}

/**
 * finviz's market-cap buckets (`cap=`), each `[min, max)` in USD: a stock is in the bucket
 * whose lower bound it reaches and whose upper bound it stays below.
 */
export const CAP_BUCKETS = [
  { key: 'mega', label: 'Mega ($200bln and more)', min: 200e9, max: null },
  { key: 'large', label: 'Large ($10bln to $200bln)', min: 10e9, max: 200e9 },
  { key: 'mid', label: 'Mid ($2bln to $10bln)', min: 2e9, max: 10e9 },
  { key: 'small', label: 'Small ($300mln to $2bln)', min: 300e6, max: 2e9 },
  { key: 'micro', label: 'Micro ($50mln to $300mln)', min: 50e6, max: 300e6 },
  { key: 'nano', label: 'Nano (under $50mln)', min: null, max: 50e6 },
] as const satisfies ReadonlyArray<{ key: string; label: string; min: number | null; max: number | null }>;

export type CapBucket = (typeof CAP_BUCKETS)[number]['key'];
export const CAP_KEYS = CAP_BUCKETS.map((b) => b.key) as CapBucket[];

/** True when a market cap is in the bucket (`[min, max)`). */
export function inCapBucket(marketCap: number, bucket: (typeof CAP_BUCKETS)[number]): boolean {
  return (bucket.min === null || marketCap >= bucket.min) && (bucket.max === null || marketCap < bucket.max);
}

/** Exchanges a stock may be listed on (market/types.ts Exchange). */
export const EXCHANGES = ['NYSE', 'NASDAQ'] as const;
