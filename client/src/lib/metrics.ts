/**
 * Labels and formats for the API's metric keys (score drivers, `metrics` on a stock, a
 * screen's ranking metric). Ratios arrive as fractions and are shown as %, multiples as `12.3x`.
 */
import { formatCompact, formatMoney, formatMultiple, formatNumber, formatRatio, MISSING } from './format.ts';

export type MetricFormat = 'pct' | 'x' | 'money' | 'bigmoney' | 'int' | 'num' | 'score';

export const KNOWN_METRICS: Record<string, { label: string; fmt: MetricFormat }> = {
  pe: { label: 'P/E', fmt: 'x' },
  pb: { label: 'P/B', fmt: 'x' },
  ps: { label: 'P/S', fmt: 'x' },
  evToEbitda: { label: 'EV/EBITDA', fmt: 'x' },
  peg: { label: 'PEG', fmt: 'num' },
  fcfYield: { label: 'FCF yield', fmt: 'pct' },
  earningsYield: { label: 'Earnings yield', fmt: 'pct' },
  returnOnCapital: { label: 'Return on capital', fmt: 'pct' },
  piotroskiF: { label: 'Piotroski F-score', fmt: 'int' },
  altmanZ: { label: 'Altman Z-score', fmt: 'num' },
  grahamNumber: { label: 'Graham number', fmt: 'money' },
  bookValuePerShare: { label: 'Book value per share', fmt: 'money' },
  momentum12_1: { label: '12-1 month momentum', fmt: 'pct' },
  return6m: { label: '6-month return', fmt: 'pct' },
  priceVsSma200: { label: 'Price vs 200-day average', fmt: 'pct' },
  volatility: { label: 'Volatility (annualised)', fmt: 'pct' },
  rsi14: { label: 'RSI (14)', fmt: 'num' },
  sma50: { label: '50-day average', fmt: 'money' },
  sma200: { label: '200-day average', fmt: 'money' },
  high52w: { label: '52-week high', fmt: 'money' },
  low52w: { label: '52-week low', fmt: 'money' },
  epsCagr: { label: 'EPS CAGR', fmt: 'pct' },
  revenueCagr: { label: 'Revenue CAGR', fmt: 'pct' },
  epsAvg3y: { label: 'EPS, 3-year average', fmt: 'money' },
  revenue: { label: 'Revenue', fmt: 'bigmoney' },
  workingCapital: { label: 'Working capital', fmt: 'bigmoney' },
  longTermDebt: { label: 'Long-term debt', fmt: 'bigmoney' },
  dividendGrowthYears: { label: 'Years of dividend growth', fmt: 'int' },
  dividendYearsPaid: { label: 'Consecutive years paying dividends', fmt: 'int' },
  // A streak counted back from the latest fiscal year, not a count of all profitable years.
  positiveEarningsYears: { label: 'Consecutive profitable years', fmt: 'int' },
  yearsOfData: { label: 'Years of data', fmt: 'int' },
  beta: { label: 'Beta', fmt: 'num' },
  debtToEquity: { label: 'Debt/equity', fmt: 'num' },
  dividendYield: { label: 'Dividend yield', fmt: 'pct' },
  payoutRatio: { label: 'Payout ratio', fmt: 'pct' },
  roe: { label: 'ROE', fmt: 'pct' },
  roa: { label: 'ROA', fmt: 'pct' },
  roic: { label: 'ROIC', fmt: 'pct' },
  grossMargin: { label: 'Gross margin', fmt: 'pct' },
  operatingMargin: { label: 'Operating margin', fmt: 'pct' },
  netMargin: { label: 'Net margin', fmt: 'pct' },
  revenueGrowth: { label: 'Revenue growth', fmt: 'pct' },
  epsGrowth: { label: 'EPS growth', fmt: 'pct' },
  currentRatio: { label: 'Current ratio', fmt: 'num' },
};

/** `priceVsSma200` / `price_vs_sma200` → `price vs sma200`. */
export function metricWords(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A readable label for a metric key: the known label, else the key in words (`Price vs sma200`). */
export function metricLabel(key: string): string {
  const known = KNOWN_METRICS[key];
  if (known) return known.label;
  const w = metricWords(key);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const PCT_WORDS = /\b(yield|roe|roa|roic|margin|growth|cagr|momentum|return|vs|volatility|payout|drawdown)\b/;

/** How to show a metric: the known format, else a guess from its name (a key or a label). */
export function metricFormat(keyOrLabel: string, value: number): MetricFormat {
  const known = KNOWN_METRICS[keyOrLabel];
  if (known) return known.fmt;
  const words = metricWords(keyOrLabel);
  if (PCT_WORDS.test(words)) return 'pct';
  if (/\bscore\b/.test(words) && !Number.isInteger(value) && value > 10) return 'score';
  if (Number.isInteger(value)) return 'int';
  return 'num';
}

export function formatAs(fmt: MetricFormat, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  switch (fmt) {
    case 'pct':
      return formatRatio(value);
    case 'x':
      return formatMultiple(value);
    case 'money':
      return formatMoney(value);
    case 'bigmoney':
      return `${value < 0 ? '-' : ''}$${formatCompact(Math.abs(value))}`;
    case 'int':
      return String(Math.round(value));
    case 'score':
      return formatNumber(value, 1);
    default:
      return formatNumber(value, 2);
  }
}

/** A metric's value, formatted from its key or label. */
export function formatMetric(keyOrLabel: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return formatAs(metricFormat(keyOrLabel, value), value);
}

/** Any value of the `metrics` record: numbers formatted, lists joined, others as text. */
export function formatMetricValue(key: string, value: unknown): string | null {
  if (typeof value === 'number') return formatMetric(key, value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    // Lists of internal codes (e.g. the Piotroski tests passed) say nothing to a reader: count them.
    return `${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (value === null) return MISSING;
  return null;
}
