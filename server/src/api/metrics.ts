/**
 * The one registry of fundamentals and metric fields: the loader maps the model to table
 * columns with it, the service shapes responses with it, the schema is built from it, and
 * the API sends each metric with its label and format so the client never guesses.
 * Zod-free, so the client can import it at run time too.
 */
import type { Fundamentals } from '../market/types.ts';
import type { StockMetrics } from '../scoring/types.ts';

/**
 * How a value is shown: `pct` a fraction as a percentage (0.25 → 25.0 %), `x` a multiple (12.3x), `money` USD, `big_money` USD in K/M/B/T, `int`
 * a count, `num` a plain number, `score` a 0-100 score, `text` a word shown as it is (e.g. the Altman model).
 */
export const METRIC_FORMATS = ['pct', 'x', 'money', 'big_money', 'int', 'num', 'score', 'text'] as const;
export type MetricFormat = (typeof METRIC_FORMATS)[number];

export interface FieldInfo {
  label: string;
  format: MetricFormat;
}

/**
 * The latest fundamentals: the model's key (`market/types.ts` Fundamentals), the `stocks`
 * column (also the API field name), label and format. Order is the API's order.
 */
export const FUNDAMENTAL_FIELDS = [
  { key: 'marketCap', column: 'market_cap', label: 'Market cap', format: 'big_money' },
  { key: 'pe', column: 'pe', label: 'P/E', format: 'x' },
  { key: 'pb', column: 'pb', label: 'P/B', format: 'x' },
  { key: 'ps', column: 'ps', label: 'P/S', format: 'x' },
  { key: 'evToEbitda', column: 'ev_to_ebitda', label: 'EV/EBITDA', format: 'x' },
  { key: 'peg', column: 'peg', label: 'PEG', format: 'num' },
  { key: 'dividendYield', column: 'dividend_yield', label: 'Dividend yield', format: 'pct' },
  { key: 'payoutRatio', column: 'payout_ratio', label: 'Payout ratio', format: 'pct' },
  { key: 'grossMargin', column: 'gross_margin', label: 'Gross margin', format: 'pct' },
  { key: 'operatingMargin', column: 'operating_margin', label: 'Operating margin', format: 'pct' },
  { key: 'netMargin', column: 'net_margin', label: 'Net margin', format: 'pct' },
  { key: 'roe', column: 'roe', label: 'ROE', format: 'pct' },
  { key: 'roa', column: 'roa', label: 'ROA', format: 'pct' },
  { key: 'roic', column: 'roic', label: 'ROIC', format: 'pct' },
  { key: 'revenueGrowth', column: 'revenue_growth', label: 'Revenue growth', format: 'pct' },
  { key: 'epsGrowth', column: 'eps_growth', label: 'EPS growth', format: 'pct' },
  { key: 'debtToEquity', column: 'debt_to_equity', label: 'Debt/equity', format: 'num' },
  { key: 'currentRatio', column: 'current_ratio', label: 'Current ratio', format: 'num' },
  { key: 'eps', column: 'eps', label: 'EPS', format: 'money' },
  { key: 'beta', column: 'beta', label: 'Beta', format: 'num' },
] as const satisfies ReadonlyArray<{ key: keyof Fundamentals; column: string } & FieldInfo>;

/** Every Fundamentals key is in the registry (a new field fails the type-check until added). */
type MissingFundamental = Exclude<keyof Fundamentals, (typeof FUNDAMENTAL_FIELDS)[number]['key']>;
const _allFundamentals: [MissingFundamental] extends [never] ? true : MissingFundamental = true;
void _allFundamentals;

/**
 * The StockMetrics fields the API sends: numbers, and words such as the Altman model (format
 * `text`); lists such as the Piotroski criteria passed stay internal.
 */
export type MetricKey = {
  [K in keyof StockMetrics]: StockMetrics[K] extends number | string | null ? K : never;
}[keyof StockMetrics];

/** Per-stock indicators and published scores, in the order the API lists them. */
export const STOCK_METRICS: Record<MetricKey, FieldInfo> = {
  piotroskiF: { label: 'Piotroski F-score', format: 'int' },
  altmanZ: { label: 'Altman Z-score', format: 'num' },
  altmanModel: { label: 'Altman model', format: 'text' },
  grahamNumber: { label: 'Graham number', format: 'money' },
  bookValuePerShare: { label: 'Book value per share', format: 'money' },
  earningsYield: { label: 'Earnings yield', format: 'pct' },
  returnOnCapital: { label: 'Return on capital', format: 'pct' },
  fcfYield: { label: 'FCF yield', format: 'pct' },
  momentum12_1: { label: '12-1 month momentum', format: 'pct' },
  return6m: { label: '6-month return', format: 'pct' },
  volatility: { label: 'Volatility (annualised)', format: 'pct' },
  rsi14: { label: 'RSI (14)', format: 'num' },
  sma20: { label: '20-day average', format: 'money' },
  sma50: { label: '50-day average', format: 'money' },
  sma200: { label: '200-day average', format: 'money' },
  high52w: { label: '52-week high', format: 'money' },
  low52w: { label: '52-week low', format: 'money' },
  epsCagr: { label: 'EPS CAGR', format: 'pct' },
  revenueCagr: { label: 'Revenue CAGR', format: 'pct' },
  epsAvg3y: { label: 'EPS, 3-year average', format: 'money' },
  revenue: { label: 'Revenue', format: 'big_money' },
  workingCapital: { label: 'Working capital', format: 'big_money' },
  longTermDebt: { label: 'Long-term debt', format: 'big_money' },
  dividendGrowthYears: { label: 'Years of dividend growth', format: 'int' },
  dividendYearsPaid: { label: 'Consecutive years paying dividends', format: 'int' },
  // A streak counted back from the latest fiscal year, not a count of all profitable years.
  positiveEarningsYears: { label: 'Consecutive profitable years', format: 'int' },
  yearsOfData: { label: 'Years of data', format: 'int' },
};

/** Score drivers computed on the fly rather than stored as a field. */
const DERIVED: Record<string, FieldInfo> = {
  priceVsSma200: { label: 'Price vs 200-day average', format: 'pct' },
};

/** The number each screener strategy shows beside a match, by strategy id. */
export const STRATEGY_METRIC_FORMATS: Record<string, MetricFormat> = {
  value: 'score',
  growth: 'score',
  momentum: 'pct',
  dividend: 'pct',
  quality: 'score',
  garp: 'num',
  piotroski: 'int',
  'graham-defensive': 'num',
  'magic-formula': 'int',
  'altman-safe': 'num',
};

const BY_KEY: Record<string, FieldInfo> = {
  ...Object.fromEntries(FUNDAMENTAL_FIELDS.map((f) => [f.key, { label: f.label, format: f.format }])),
  ...STOCK_METRICS,
  ...DERIVED,
};

/** Label and format of any metric key (fundamental, stock metric, driver); `num` when unknown. */
export function metricInfo(key: string): FieldInfo {
  return BY_KEY[key] ?? { label: key, format: 'num' };
}

/** True when the registry knows the key (tests check every driver and metric is known). */
export function isKnownMetric(key: string): boolean {
  return key in BY_KEY;
}
