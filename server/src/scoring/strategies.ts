/**
 * Screener strategies: published stock-selection methods as pure filters and rankings over
 * rows the API loads from the database (latest fundamentals, score and `StockMetrics`).
 */
import { ALTMAN_ZONES, PIOTROSKI_LABELS } from '../analysis/financial-models.ts';
import type { AltmanModel } from '../analysis/industry.ts';
import { clip, NotFoundError } from '../errors.ts';
import type { Fundamentals } from '../market/types.ts';
import { formatValue, thousands } from './explain.ts';
import { compareTickers } from './ranking.ts';
import type { ComponentScores, StockMetrics } from './types.ts';

/** One stock as the screener sees it: everything a strategy needs, nothing else. */
export interface StrategyRow {
  ticker: string;
  name: string;
  sector: string;
  price: number | null;
  fundamentals: Fundamentals;
  score: number;
  components: ComponentScores;
  metrics: StockMetrics;
}

/** Universe-wide figures some filters compare against, computed once per run. */
export interface StrategyContext {
  /** Median positive P/B of the rows (null when none). */
  medianPb: number | null;
}

/** A row that passed, with the value the strategy ranks or shows it by. */
interface RankedRow {
  row: StrategyRow;
  value: number | null;
}

/** One rule of a strategy, in words and as a test; a row matches when it passes every rule. */
interface Criterion {
  rule: string;
  test(row: StrategyRow, ctx: StrategyContext): boolean;
}

export interface Strategy {
  /** kebab-case, used in URLs. */
  id: string;
  name: string;
  /** What it does, its formula, and where the data shortens the published method. */
  description: string;
  /** The published reference. */
  source: string;
  /** Human-readable filter rules (the criteria's wording). */
  rules: string[];
  /** The rules with their tests. */
  criteria: Criterion[];
  /** How matches are ordered. */
  ranking: string;
  /** Label of the number shown next to each match. */
  metricLabel: string;
  /** Passes every criterion. */
  filter(row: StrategyRow, ctx: StrategyContext): boolean;
  /** Orders the rows that passed, best first (ties broken by ticker). */
  rank(rows: readonly StrategyRow[]): RankedRow[];
  /** Why a row matched, with its values. */
  reasons(row: StrategyRow): string[];
}

export interface RankedMatch {
  rank: number;
  ticker: string;
  name: string;
  sector: string;
  price: number | null;
  score: number;
  metric: { label: string; value: number | null };
  reasons?: string[];
}

/** No strategy has this id (the message names the ones there are). */
export class UnknownStrategyError extends NotFoundError {
  constructor(id: string) {
    super(
      `unknown strategy ${clip(id)}; one of ${STRATEGIES.map((x) => x.id).join(', ')}`,
      'strategy_not_found',
    );
  }
}

// ---------- thresholds ----------

/** Graham's defensive size test, restated in today's money (he asked for $100 M of sales in 1972). */
const GRAHAM_MIN_REVENUE = 2e9;
/** Graham's "+33 % EPS over ten years", annualised: (4/3)^(1/10) − 1 ≈ 2.9 % a year. */
const GRAHAM_MIN_EPS_CAGR = (4 / 3) ** (1 / 10) - 1;
/** Years of data the statements cover (Graham's 10- and 20-year windows shrink to this). */
const HISTORY_YEARS = 5;
/** Greenblatt's minimum market capitalisation. */
const MAGIC_FORMULA_MIN_CAP = 50e6;
/**
 * Sectors the Magic Formula leaves out: Greenblatt excludes financials and utilities (their
 * balance sheets make EBIT / (NWC + net PPE) and EBIT / EV meaningless); real estate was part of
 * Financials when the book appeared (2005) and became its own GICS sector in 2016.
 */
const MAGIC_FORMULA_EXCLUDED_SECTORS: ReadonlySet<string> = new Set([
  'Financials',
  'Utilities',
  'Real Estate',
]);
/** Sectors no Altman model applies to. */
const ALTMAN_EXCLUDED_SECTORS: ReadonlySet<string> = new Set(['Financials', 'Real Estate']);

// ---------- helpers ----------

/** Ties of a strategy's ranking value go by ticker, in the composite ranking's ticker order. */
const byTicker = (a: StrategyRow, b: StrategyRow) => compareTickers(a.ticker, b.ticker);

/** Sort by `key` (nulls last), descending or ascending, then ticker. */
function rankBy(
  rows: readonly StrategyRow[],
  key: (r: StrategyRow) => number | null,
  order: 'desc' | 'asc',
): RankedRow[] {
  const sign = order === 'desc' ? -1 : 1;
  return rows
    .map((row) => ({ row, value: key(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) {
        return sign * (a.value - b.value);
      }
      return byTicker(a.row, b.row);
    });
}

const pct = (v: number | null) => formatValue(v, 'pct');
const num = (v: number | null) => formatValue(v, 'multiple');
const dec = (v: number | null) => formatValue(v, 'decimal');

/** $5.2B / $830M. */
function money(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a >= 1e12) return `$${(v / 1e12).toFixed(1)}T`;
  if (a >= 1e9) return `$${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `$${(v / 1e6).toFixed(0)}M`;
  return `$${thousands(v)}`;
}

/** P/E on the mean EPS of the last three years (Graham's "average earnings"). */
export function grahamPe(row: StrategyRow): number | null {
  const avg = row.metrics.epsAvg3y;
  return row.price !== null && avg !== null && avg > 0 ? row.price / avg : null;
}

/** Price ÷ Graham number (below 1: trading under Graham's maximum price). */
export function priceToGrahamNumber(row: StrategyRow): number | null {
  const g = row.metrics.grahamNumber;
  return row.price !== null && g !== null && g > 0 ? row.price / g : null;
}

const positive = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0;

/** A strategy from its criteria: the rules are their wording, the filter their conjunction. */
function define(s: Omit<Strategy, 'rules' | 'filter'>): Strategy {
  return {
    ...s,
    rules: s.criteria.map((c) => c.rule),
    filter: (row, ctx) => s.criteria.every((c) => c.test(row, ctx)),
  };
}

const rule = (text: string, test: Criterion['test']): Criterion => ({ rule: text, test });

// ---------- the strategies ----------

const value = define({
  id: 'value',
  name: 'Deep value',
  description:
    'Cheap on earnings, book value and cash flow at once: positive P/E of at most 15, P/B of at most 2, ' +
    'EV/EBITDA of at most 10 and positive free cash flow, ranked by the value score (sector-relative ' +
    'earnings, book, sales, EBITDA and free-cash-flow yields). The low-P/E and high book-to-market ' +
    'premiums are documented by Basu (1977) and Fama & French (1992).',
  source:
    'Basu S. (1977) "Investment Performance of Common Stocks in Relation to Their Price-Earnings Ratios", ' +
    'Journal of Finance 32(3); Fama E. & French K. (1992) "The Cross-Section of Expected Stock Returns", ' +
    'Journal of Finance 47(2).',
  criteria: [
    rule('P/E > 0 and ≤ 15', (r) => positive(r.fundamentals.pe) && r.fundamentals.pe <= 15),
    rule('P/B > 0 and ≤ 2', (r) => positive(r.fundamentals.pb) && r.fundamentals.pb <= 2),
    rule(
      'EV/EBITDA > 0 and ≤ 10',
      (r) => positive(r.fundamentals.evToEbitda) && r.fundamentals.evToEbitda <= 10,
    ),
    rule('Free cash flow yield > 0', (r) => positive(r.metrics.fcfYield)),
  ],
  ranking: 'by value score, highest first',
  metricLabel: 'Value score',
  rank: (rows) => rankBy(rows, (r) => r.components.value, 'desc'),
  reasons: (r) => [
    `P/E ${num(r.fundamentals.pe)}`,
    `P/B ${num(r.fundamentals.pb)}`,
    `EV/EBITDA ${num(r.fundamentals.evToEbitda)}`,
    `FCF yield ${pct(r.metrics.fcfYield)}`,
  ],
});

const growth = define({
  id: 'growth',
  name: 'Growth',
  description:
    'Companies growing sales and earnings fast, now and over several years: revenue and EPS up at least ' +
    '15 % in the latest fiscal year, revenue compounding at least 10 % a year over the available history, ' +
    "and a profit. In the spirit of O'Neil's CAN SLIM earnings-growth criteria (C and A), on annual data.",
  source: `O'Neil W. (1988) "How to Make Money in Stocks", McGraw-Hill (CAN SLIM, criteria C and A).`,
  criteria: [
    rule('Revenue growth ≥ 15 % (latest year)', (r) => (r.fundamentals.revenueGrowth ?? -1) >= 0.15),
    rule('EPS growth ≥ 15 % (latest year)', (r) => (r.fundamentals.epsGrowth ?? -1) >= 0.15),
    rule('Revenue CAGR ≥ 10 %', (r) => (r.metrics.revenueCagr ?? -1) >= 0.1),
    rule('EPS > 0', (r) => r.fundamentals.eps > 0),
  ],
  ranking: 'by growth score, highest first',
  metricLabel: 'Growth score',
  rank: (rows) => rankBy(rows, (r) => r.components.growth, 'desc'),
  reasons: (r) => [
    `Revenue ${formatValue(r.fundamentals.revenueGrowth, 'signedPct')} YoY`,
    `EPS ${formatValue(r.fundamentals.epsGrowth, 'signedPct')} YoY`,
    `Revenue CAGR ${formatValue(r.metrics.revenueCagr, 'signedPct')}`,
  ],
});

const momentum = define({
  id: 'momentum',
  name: 'Momentum',
  description:
    "Winners keep winning over 3-12 months: the past year's return skipping the latest month (12-1 " +
    'momentum) is positive, the price is above its 200-day average and the 50-day average is above the ' +
    '200-day (an uptrend), and RSI(14) is below 80 (not overextended). Ranked by 12-1 momentum.',
  source:
    'Jegadeesh N. & Titman S. (1993) "Returns to Buying Winners and Selling Losers: Implications for Stock ' +
    'Market Efficiency", Journal of Finance 48(1).',
  criteria: [
    rule('12-1 month momentum > 0', (r) => (r.metrics.momentum12_1 ?? -1) > 0),
    rule(
      'Price > 200-day moving average',
      (r) => r.price !== null && r.metrics.sma200 !== null && r.price > r.metrics.sma200,
    ),
    rule(
      '50-day moving average > 200-day moving average',
      (r) => r.metrics.sma50 !== null && r.metrics.sma200 !== null && r.metrics.sma50 > r.metrics.sma200,
    ),
    rule('RSI(14) < 80', (r) => r.metrics.rsi14 !== null && r.metrics.rsi14 < 80),
  ],
  ranking: 'by 12-1 month momentum, highest first',
  metricLabel: '12-1 month momentum',
  rank: (rows) => rankBy(rows, (r) => r.metrics.momentum12_1, 'desc'),
  reasons: (r) => [
    `12-1 momentum ${formatValue(r.metrics.momentum12_1, 'signedPct')}`,
    `Price ${formatValue(r.price !== null && r.metrics.sma200 ? r.price / r.metrics.sma200 - 1 : null, 'signedPct')} vs 200-day average`,
    `RSI ${formatValue(r.metrics.rsi14, 'multiple')}`,
  ],
});

const dividend = define({
  id: 'dividend',
  name: 'Dividend income',
  description:
    'A meaningful, covered and growing dividend: yield of at least 2.5 %, payout of at most 75 % of ' +
    'earnings, and a dividend raised or held (never cut) for at least 3 consecutive years. Dividend-growth ' +
    'indexes ask for 20-25 years of increases; the statements here cover 5 years, so the record is ' +
    'shortened to 3 year-over-year steps.',
  source:
    'After S&P High Yield Dividend Aristocrats methodology (S&P Dow Jones Indices): yield-ranked companies ' +
    'with a record of dividend increases.',
  criteria: [
    rule('Dividend yield ≥ 2.5 %', (r) => r.fundamentals.dividendYield >= 0.025),
    rule(
      'EPS > 0 and payout ratio ≤ 75 %',
      (r) =>
        r.fundamentals.eps > 0 && r.fundamentals.payoutRatio !== null && r.fundamentals.payoutRatio <= 0.75,
    ),
    rule('Dividend raised or held ≥ 3 years in a row', (r) => r.metrics.dividendGrowthYears >= 3),
  ],
  ranking: 'by dividend yield, highest first',
  metricLabel: 'Dividend yield',
  rank: (rows) => rankBy(rows, (r) => r.fundamentals.dividendYield, 'desc'),
  reasons: (r) => [
    `Yield ${pct(r.fundamentals.dividendYield)}`,
    `Payout ${pct(r.fundamentals.payoutRatio)}`,
    `${formatValue(r.metrics.dividendGrowthYears, 'years')} without a cut`,
  ],
});

const quality = define({
  id: 'quality',
  name: 'Quality',
  description:
    'Profitable, efficient and conservatively financed businesses: ROE of at least 15 %, ROIC of at least ' +
    '12 %, debt/equity of at most 1 and a Piotroski F-score of at least 6. Ranked by the quality score ' +
    '(sector-relative ROE, ROIC, gross and operating margins, and the F-score), following the ' +
    'profitability and quality premiums of Novy-Marx (2013) and Asness, Frazzini & Pedersen (2019).',
  source:
    'Novy-Marx R. (2013) "The Other Side of Value: The Gross Profitability Premium", Journal of Financial ' +
    'Economics 108(1); Asness C., Frazzini A. & Pedersen L. (2019) "Quality Minus Junk", Review of ' +
    'Accounting Studies 24(1).',
  criteria: [
    rule('ROE ≥ 15 %', (r) => (r.fundamentals.roe ?? -1) >= 0.15),
    rule('ROIC ≥ 12 %', (r) => (r.fundamentals.roic ?? -1) >= 0.12),
    rule('Debt/equity ≤ 1', (r) => r.fundamentals.debtToEquity !== null && r.fundamentals.debtToEquity <= 1),
    rule('Piotroski F-score ≥ 6', (r) => (r.metrics.piotroskiF ?? 0) >= 6),
  ],
  ranking: 'by quality score, highest first',
  metricLabel: 'Quality score',
  rank: (rows) => rankBy(rows, (r) => r.components.quality, 'desc'),
  reasons: (r) => [
    `ROE ${pct(r.fundamentals.roe)}`,
    `ROIC ${pct(r.fundamentals.roic)}`,
    `Debt/equity ${dec(r.fundamentals.debtToEquity)}`,
    `F-score ${formatValue(r.metrics.piotroskiF, 'fscore')}`,
  ],
});

const garp = define({
  id: 'garp',
  name: 'Growth at a reasonable price',
  description:
    "Peter Lynch's PEG ratio: P/E divided by the EPS growth rate in percent (here the multi-year EPS " +
    'CAGR when there are three or more years, else the latest year). A PEG of 1 or less means the market ' +
    'pays no more than the growth rate. Requires positive earnings and positive growth, including in the ' +
    'latest year. Ranked by PEG, lowest first.',
  source: 'Lynch P. (1989) "One Up on Wall Street", Simon & Schuster.',
  criteria: [
    rule('P/E > 0', (r) => positive(r.fundamentals.pe)),
    rule('PEG > 0 and ≤ 1', (r) => positive(r.fundamentals.peg) && r.fundamentals.peg <= 1),
    rule('EPS growth (latest year) > 0', (r) => positive(r.fundamentals.epsGrowth)),
  ],
  ranking: 'by PEG, lowest first',
  metricLabel: 'PEG',
  rank: (rows) => rankBy(rows, (r) => r.fundamentals.peg, 'asc'),
  reasons: (r) => [
    `PEG ${dec(r.fundamentals.peg)}`,
    `P/E ${num(r.fundamentals.pe)}`,
    `EPS CAGR ${formatValue(r.metrics.epsCagr, 'signedPct')}`,
  ],
});

const piotroskiStrategy = define({
  id: 'piotroski',
  name: 'Piotroski F-score',
  description:
    "Piotroski's nine accounting signals (profitability: ROA > 0, CFO > 0, ΔROA > 0, CFO > net income; " +
    'leverage and liquidity: lower long-term debt / average assets, higher current ratio, no new shares; ' +
    'efficiency: higher gross margin, higher asset turnover), one point each, from the last two fiscal ' +
    'years. As in the paper, the leverage point needs leverage to have fallen: a company with no ' +
    'long-term debt in either year gets no point for it. Piotroski bought high scorers (8-9) among the cheapest book-to-market quintile; here the cheap ' +
    'half of the universe by P/B. Ranked by F-score, then lowest P/B.',
  source:
    'Piotroski J. (2000) "Value Investing: The Use of Historical Financial Statement Information to ' +
    'Separate Winners from Losers", Journal of Accounting Research 38 (Supplement).',
  criteria: [
    rule('Piotroski F-score ≥ 8 of 9', (r) => (r.metrics.piotroskiF ?? 0) >= 8),
    rule(
      'P/B > 0 and at or below the universe median (the cheap half)',
      (r, ctx) => positive(r.fundamentals.pb) && ctx.medianPb !== null && r.fundamentals.pb <= ctx.medianPb,
    ),
  ],
  ranking: 'by F-score, highest first, then by P/B, lowest first',
  metricLabel: 'F-score',
  rank: (rows) =>
    [...rows]
      .sort(
        (a, b) =>
          (b.metrics.piotroskiF ?? 0) - (a.metrics.piotroskiF ?? 0) ||
          (a.fundamentals.pb ?? Number.POSITIVE_INFINITY) - (b.fundamentals.pb ?? Number.POSITIVE_INFINITY) ||
          byTicker(a, b),
      )
      .map((row) => ({ row, value: row.metrics.piotroskiF })),
  reasons: (r) => [
    `F-score ${formatValue(r.metrics.piotroskiF, 'fscore')}`,
    `P/B ${num(r.fundamentals.pb)}`,
    ...r.metrics.piotroskiPassed.map((c) => PIOTROSKI_LABELS[c]),
  ],
});

const grahamDefensive = define({
  id: 'graham-defensive',
  name: 'Graham defensive investor',
  description:
    "Benjamin Graham's seven tests for the defensive investor, adapted to the data: adequate size; strong " +
    'finances (current ratio ≥ 2, long-term debt ≤ working capital); earnings stability; dividend record; ' +
    'earnings growth; moderate P/E (≤ 15 on three-year average EPS); moderate price to assets (P/E × P/B ≤ ' +
    '22.5, or P/B ≤ 1.5). Graham asked for 10 years of profits, 20 years of dividends and +33 % EPS growth ' +
    'over 10 years; the statements here cover 5 years, so the company must have 5 consecutive profitable ' +
    'years and 5 consecutive years of dividends (each of the last 5), and growth is the same +33 % per decade annualised (≥ 2.9 % a year). Size is annual ' +
    'revenue ≥ $2 billion (Graham: $100 million in 1972). Ranked by price ÷ Graham number ' +
    '(√(22.5 × EPS × book value per share)), lowest first.',
  source:
    'Graham B. (1973) "The Intelligent Investor", 4th rev. ed., Harper & Row, chapter 14 "Stock Selection ' +
    'for the Defensive Investor".',
  criteria: [
    rule('Annual revenue ≥ $2 billion', (r) => (r.metrics.revenue ?? 0) >= GRAHAM_MIN_REVENUE),
    rule('Current ratio ≥ 2', (r) => (r.fundamentals.currentRatio ?? 0) >= 2),
    rule('Long-term debt ≤ working capital', ({ metrics: m }) => {
      return m.longTermDebt !== null && m.workingCapital !== null && m.longTermDebt <= m.workingCapital;
    }),
    rule(
      `${HISTORY_YEARS} consecutive profitable years (EPS > 0 in each of the last ${HISTORY_YEARS})`,
      (r) => r.metrics.positiveEarningsYears >= HISTORY_YEARS,
    ),
    rule(
      `${HISTORY_YEARS} consecutive years of dividends (paid in each of the last ${HISTORY_YEARS})`,
      (r) => r.metrics.dividendYearsPaid >= HISTORY_YEARS,
    ),
    rule(
      'EPS CAGR ≥ 2.9 % a year (+33 % per decade)',
      (r) => (r.metrics.epsCagr ?? -1) >= GRAHAM_MIN_EPS_CAGR,
    ),
    rule('P/E ≤ 15 on three-year average EPS', (r) => {
      const pe = grahamPe(r);
      return pe !== null && pe <= 15;
    }),
    rule('P/E × P/B ≤ 22.5, or P/B ≤ 1.5', (r) => {
      const pe = grahamPe(r);
      const pb = r.fundamentals.pb;
      return pe !== null && positive(pb) && (pe * pb <= 22.5 || pb <= 1.5);
    }),
  ],
  ranking: 'by price ÷ Graham number, lowest first',
  metricLabel: 'Price / Graham number',
  rank: (rows) => rankBy(rows, priceToGrahamNumber, 'asc'),
  reasons: (r) => {
    const pe = grahamPe(r);
    const pb = r.fundamentals.pb;
    return [
      `Revenue ${money(r.metrics.revenue)}`,
      `Current ratio ${dec(r.fundamentals.currentRatio)}`,
      `P/E ${num(pe)} (3-year EPS)`,
      `P/E × P/B ${num(pe !== null && pb !== null ? pe * pb : null)}`,
      `Graham number ${r.metrics.grahamNumber === null ? 'n/a' : `$${r.metrics.grahamNumber.toFixed(2)}`}`,
    ];
  },
});

const magicFormula = define({
  id: 'magic-formula',
  name: 'Magic Formula',
  description:
    "Joel Greenblatt's Magic Formula: rank companies by earnings yield (EBIT / enterprise value, EV = " +
    'market cap + debt − cash) and by return on capital (EBIT / (net working capital + net PPE)), add the ' +
    'two ranks and buy the lowest sums: good businesses at bargain prices. As in the book, financials and ' +
    'utilities are excluded, and so is real estate (part of Financials when the book was written, its own ' +
    'GICS sector since 2016); the market cap is at least $50 million and both ratios must be positive.',
  source: 'Greenblatt J. (2005) "The Little Book That Beats the Market", Wiley.',
  criteria: [
    rule('Not Financials, Utilities or Real Estate', (r) => !MAGIC_FORMULA_EXCLUDED_SECTORS.has(r.sector)),
    rule('Market cap ≥ $50 million', (r) => (r.fundamentals.marketCap ?? 0) >= MAGIC_FORMULA_MIN_CAP),
    rule('Earnings yield (EBIT/EV) > 0', (r) => positive(r.metrics.earningsYield)),
    rule('Return on capital (EBIT / (NWC + net PPE)) > 0', (r) => positive(r.metrics.returnOnCapital)),
  ],
  ranking: 'by earnings-yield rank + return-on-capital rank, lowest sum first',
  metricLabel: 'EY + ROC rank sum',
  rank: (rows) => {
    const eyRank = competitionRanks(rows, (r) => r.metrics.earningsYield as number);
    const rocRank = competitionRanks(rows, (r) => r.metrics.returnOnCapital as number);
    return rows
      .map((row) => ({ row, value: (eyRank.get(row) as number) + (rocRank.get(row) as number) }))
      .sort(
        (a, b) =>
          a.value - b.value ||
          (b.row.metrics.earningsYield as number) - (a.row.metrics.earningsYield as number) ||
          byTicker(a.row, b.row),
      );
  },
  reasons: (r) => [
    `Earnings yield ${pct(r.metrics.earningsYield)}`,
    `Return on capital ${pct(r.metrics.returnOnCapital)}`,
  ],
});

/** 1 for the highest value; equal values share the best rank (1, 2, 2, 4). */
function competitionRanks(
  rows: readonly StrategyRow[],
  key: (r: StrategyRow) => number,
): Map<StrategyRow, number> {
  const sorted = [...rows].sort((a, b) => key(b) - key(a));
  const ranks = new Map<StrategyRow, number>();
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    ranks.set(r, i > 0 && key(prev) === key(r) ? (ranks.get(prev) as number) : i + 1);
  });
  return ranks;
}

/**
 * The safe-zone rule of one Altman model: a company scored under that model must be above its
 * safe cut; one scored under the other model is judged by that model's rule; a company with no
 * Altman score (no model fits, or missing figures) fails both.
 */
function altmanSafeUnder(model: AltmanModel): Criterion['test'] {
  return ({ metrics: { altmanZ: z, altmanModel: m } }) =>
    z !== null && m !== null && (m !== model || z > ALTMAN_ZONES[model].safe);
}

const altmanSafe = define({
  id: 'altman-safe',
  name: 'Altman safe zone',
  description:
    "A financial-distress filter with the Altman model that fits the company. Manufacturers: Altman's 1968 " +
    'Z = 1.2 × working capital / assets + 1.4 × retained earnings / assets + 3.3 × EBIT / assets + 0.6 × ' +
    'market cap / total liabilities + 1.0 × sales / assets; safe above 2.99, grey 1.81-2.99, distress below ' +
    "1.81. Other companies: Z'' = 6.56 × working capital / assets + 3.26 × retained earnings / assets + " +
    "6.72 × EBIT / assets + 1.05 × book equity / total liabilities, Altman's version for non-manufacturers; " +
    'safe above 2.60, grey 1.10-2.60, distress below 1.10. Manufacturers are the GICS sub-industries that ' +
    'make goods (hardware and chips, chemicals and metals, machinery, vehicles, food and drink, drugs and ' +
    'medical devices, refining). Neither model applies to Financials or Real Estate, which are excluded. ' +
    'Keeps the safe zone and ranks it by the composite score.',
  source:
    'Altman E. (1968) "Financial Ratios, Discriminant Analysis and the Prediction of Corporate ' +
    'Bankruptcy", Journal of Finance 23(4); Altman E. & Hotchkiss E. (2006) "Corporate Financial Distress ' +
    "and Bankruptcy\", 3rd ed., Wiley (Z'' for non-manufacturers).",
  criteria: [
    rule('Manufacturers: Altman Z > 2.99 (safe zone)', altmanSafeUnder('manufacturer')),
    rule("Non-manufacturers: Altman Z'' > 2.60 (safe zone)", altmanSafeUnder('non-manufacturer')),
    rule(
      'Not Financials or Real Estate (neither model applies)',
      (r) => !ALTMAN_EXCLUDED_SECTORS.has(r.sector),
    ),
  ],
  ranking: 'by composite score, highest first',
  metricLabel: 'Altman Z-score',
  rank: (rows) =>
    rankBy(rows, (r) => r.score, 'desc').map(({ row }) => ({ row, value: row.metrics.altmanZ })),
  reasons: (r) => [
    `${r.metrics.altmanModel === 'non-manufacturer' ? "Altman Z''" : 'Altman Z'} ${dec(r.metrics.altmanZ)} (safe zone)`,
    `Score ${r.score.toFixed(1)}`,
  ],
});

/** Every strategy, in the order the UI lists them. */
export const STRATEGIES: readonly Strategy[] = [
  value,
  growth,
  momentum,
  dividend,
  quality,
  garp,
  piotroskiStrategy,
  grahamDefensive,
  magicFormula,
  altmanSafe,
];

/** The strategy with this id, or undefined. */
export function getStrategy(id: string): Strategy | undefined {
  return STRATEGIES.find((s) => s.id === id);
}

/** Universe-wide figures for the filters (median P/B over the rows with a positive P/B). */
export function strategyContext(rows: readonly StrategyRow[]): StrategyContext {
  const pbs = rows
    .map((r) => r.fundamentals.pb)
    .filter(positive)
    .sort((a, b) => a - b);
  if (pbs.length === 0) return { medianPb: null };
  const mid = pbs.length >> 1;
  return { medianPb: pbs.length % 2 === 1 ? pbs[mid] : (pbs[mid - 1] + pbs[mid]) / 2 };
}

/** How many rows fail each of a strategy's rules (a row failing several counts for each), in rule order. */
export function ruleFailures(
  strategy: Strategy,
  rows: readonly StrategyRow[],
  ctx: StrategyContext = strategyContext(rows),
): { rule: string; excluded: number }[] {
  return strategy.criteria.map((c) => ({
    rule: c.rule,
    excluded: rows.reduce((n, r) => n + (c.test(r, ctx) ? 0 : 1), 0),
  }));
}

/**
 * Run a strategy over the universe: filter, rank, and return the best `limit` matches
 * (rank 1 first). Throws `UnknownStrategyError` for an unknown id.
 */
export function runStrategy(id: string, rows: readonly StrategyRow[], limit = 50): RankedMatch[] {
  const strategy = getStrategy(id);
  if (!strategy) throw new UnknownStrategyError(id);
  const ctx = strategyContext(rows);
  const ranked = strategy.rank(rows.filter((r) => strategy.filter(r, ctx)));
  return ranked.slice(0, Math.max(0, Math.floor(limit))).map(({ row, value }, i) => ({
    rank: i + 1,
    ticker: row.ticker,
    name: row.name,
    sector: row.sector,
    price: row.price,
    score: row.score,
    metric: { label: strategy.metricLabel, value },
    reasons: strategy.reasons(row),
  }));
}
