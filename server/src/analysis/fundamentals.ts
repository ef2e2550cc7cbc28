/**
 * Fundamental ratios from annual statements and the latest price, and the quote from
 * daily bars (pure functions, no I/O). Ratios are fractions (0.25 = 25 %); a ratio is
 * `null` when it is undefined, i.e. when its denominator is zero or negative.
 */
import type { AnnualFinancials, DailyBar, Fundamentals, Quote } from '../market/types.ts';
import { highLow, TRADING_DAYS_PER_YEAR } from './indicators.ts';
import { grossMarginApplies } from './industry.ts';

/** US federal corporate tax rate used for NOPAT in ROIC. */
const TAX_RATE = 0.21;
/** Bars averaged for `Quote.avgVolume`. */
export const AVG_VOLUME_DAYS = 20;

/** `numerator / denominator`, or `null` when the denominator is not positive (or either is not finite). */
function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/**
 * Compound annual growth rate `(last / first)^(1 / years) − 1`; `null` unless both values
 * are positive and `years > 0`.
 */
export function cagr(first: number, last: number, years: number): number | null {
  if (!(first > 0) || !(last > 0) || !(years > 0)) return null;
  return (last / first) ** (1 / years) - 1;
}

/**
 * CAGR of one statement item from the oldest to the latest fiscal year (oldest first
 * input). Needs at least three years (a two-year span) to differ from the YoY growth.
 */
function itemCagr(
  financials: readonly AnnualFinancials[],
  pick: (f: AnnualFinancials) => number,
): number | null {
  if (financials.length < 3) return null;
  const first = financials[0];
  const latest = financials[financials.length - 1];
  return cagr(pick(first), pick(latest), latest.fiscalYear - first.fiscalYear);
}

/** Multi-year diluted EPS CAGR (oldest → latest fiscal year). */
export const epsCagr = (financials: readonly AnnualFinancials[]) => itemCagr(financials, (f) => f.eps);
/** Multi-year revenue CAGR (oldest → latest fiscal year). */
export const revenueCagr = (financials: readonly AnnualFinancials[]) =>
  itemCagr(financials, (f) => f.revenue);

/** Year-over-year growth `latest / previous − 1`; `null` when the previous value is not positive. */
function yoyGrowth(latest: number, previous: number | undefined): number | null {
  if (previous === undefined || !(previous > 0)) return null;
  return latest / previous - 1;
}

/**
 * The latest fundamentals, from annual financials (oldest first) and the current price.
 * Definitions (latest fiscal year `L`, the one before `P`; null on a non-positive denominator):
 * - market cap = price × L.sharesOutstanding (diluted weighted average)
 * - P/E = price / EPS (null when EPS ≤ 0); P/B = market cap / equity; P/S = market cap / revenue
 * - EV = market cap + total debt − cash; EBITDA = operating income + D&A;
 *   EV/EBITDA null when EBITDA ≤ 0 or EV ≤ 0
 * - PEG = P/E ÷ (EPS growth × 100), growth = the multi-year EPS CAGR when there are ≥ 3 years,
 *   else the YoY EPS growth; null when P/E is null or growth ≤ 0
 * - dividend yield = DPS / price; payout = DPS / EPS (null when EPS ≤ 0)
 * - gross / operating / net margin = gross profit / operating income / net income ÷ revenue;
 *   gross margin null, given the company's sector and industry, where there is no cost of
 *   goods sold (banks, insurers: see `grossMarginApplies`)
 * - ROE = net income / ending equity; ROA = net income / ending total assets
 * - ROIC = EBIT × (1 − 21 %) / (total debt + equity − cash)
 * - revenue and EPS growth = YoY, latest vs previous year
 * - debt/equity = total debt / equity; current ratio = current assets / current liabilities
 */
export function deriveFundamentals(
  financials: readonly AnnualFinancials[],
  price: number,
  beta: number,
  company?: { sector: string; industry: string },
): Fundamentals {
  const latest = financials[financials.length - 1];
  if (latest === undefined) return emptyFundamentals(beta);
  const prev = financials.length >= 2 ? financials[financials.length - 2] : undefined;

  const marketCap = price * latest.sharesOutstanding;
  const pe = ratio(price, latest.eps);
  const ev = marketCap + latest.totalDebt - latest.cash;
  const ebitda = latest.operatingIncome + latest.depreciation;
  const epsGrowth = yoyGrowth(latest.eps, prev?.eps);
  const growthForPeg = epsCagr(financials) ?? epsGrowth;

  return {
    marketCap,
    pe,
    pb: ratio(marketCap, latest.shareholdersEquity),
    ps: ratio(marketCap, latest.revenue),
    evToEbitda: ev > 0 ? ratio(ev, ebitda) : null,
    peg: pe !== null && growthForPeg !== null && growthForPeg > 0 ? pe / (growthForPeg * 100) : null,
    dividendYield: ratio(latest.dividendsPerShare, price) ?? 0,
    payoutRatio: ratio(latest.dividendsPerShare, latest.eps),
    grossMargin:
      company && !grossMarginApplies(company.sector, company.industry)
        ? null
        : ratio(latest.grossProfit, latest.revenue),
    operatingMargin: ratio(latest.operatingIncome, latest.revenue),
    netMargin: ratio(latest.netIncome, latest.revenue),
    roe: ratio(latest.netIncome, latest.shareholdersEquity),
    roa: ratio(latest.netIncome, latest.totalAssets),
    roic: ratio(
      latest.operatingIncome * (1 - TAX_RATE),
      latest.totalDebt + latest.shareholdersEquity - latest.cash,
    ),
    revenueGrowth: yoyGrowth(latest.revenue, prev?.revenue),
    epsGrowth,
    debtToEquity: ratio(latest.totalDebt, latest.shareholdersEquity),
    currentRatio: ratio(latest.currentAssets, latest.currentLiabilities),
    eps: latest.eps,
    beta,
  };
}

function emptyFundamentals(beta: number): Fundamentals {
  return {
    marketCap: 0,
    pe: null,
    pb: null,
    ps: null,
    evToEbitda: null,
    peg: null,
    dividendYield: 0,
    payoutRatio: null,
    grossMargin: null,
    operatingMargin: null,
    netMargin: null,
    roe: null,
    roa: null,
    roic: null,
    revenueGrowth: null,
    epsGrowth: null,
    debtToEquity: null,
    currentRatio: null,
    eps: 0,
    beta,
  };
}

/**
 * The quote as of the last bar (bars oldest first): change vs the previous bar's close
 * (`changePct` is in PERCENT, 1.2 = +1.2 %, as the API's `change_pct`), average
 * volume of the last 20 bars (including the last), 52-week high/low from the last 252
 * bars' highs and lows. With a single bar the previous close is that bar's open.
 * Throws on an empty array.
 */
export function deriveQuote(bars: readonly DailyBar[]): Quote {
  const bar = bars[bars.length - 1];
  if (bar === undefined) throw new Error('deriveQuote: no bars');
  const previousClose = bars.length >= 2 ? bars[bars.length - 2].close : bar.open;
  const change = bar.close - previousClose;

  const volumeBars = bars.slice(-AVG_VOLUME_DAYS);
  const avgVolume = volumeBars.reduce((sum, b) => sum + b.volume, 0) / volumeBars.length;

  const yearBars = bars.slice(-TRADING_DAYS_PER_YEAR);
  const range = highLow(
    yearBars.map((b) => b.high),
    yearBars.map((b) => b.low),
  ) as { high: number; low: number };

  return {
    price: bar.close,
    change,
    changePct: previousClose > 0 ? (change / previousClose) * 100 : 0,
    open: bar.open,
    dayHigh: bar.high,
    dayLow: bar.low,
    previousClose,
    volume: bar.volume,
    avgVolume,
    yearHigh: range.high,
    yearLow: range.low,
    asOf: bar.date,
  };
}
