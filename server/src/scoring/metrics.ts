/** Per-stock metrics (`StockMetrics`) from one `ScoreInput`: computed once, stored, screened on. */
import {
  altmanScore,
  grahamNumber,
  greenblattEarningsYield,
  greenblattReturnOnCapital,
  piotroski,
} from '../analysis/financial-models.ts';
import { epsCagr, revenueCagr } from '../analysis/fundamentals.ts';
import {
  closeBack,
  highLow,
  last,
  latestRsi,
  latestSma,
  momentum12_1,
  PERFORMANCE_SESSIONS,
  type PerformancePeriod,
  simpleReturn,
  volatility,
} from '../analysis/indicators.ts';
import type { AnnualFinancials } from '../market/types.ts';
import type { PerformanceBases, ScoreInput, StockMetrics } from './types.ts';

/** Trading days in six months. */
const SIX_MONTHS = 126;

/** The latest price: the last close, else market cap / latest shares. */
export function latestPrice(input: ScoreInput): number | null {
  const close = last(input.closes);
  if (close !== null && close > 0) return close;
  const shares = last(input.financials)?.sharesOutstanding ?? 0;
  return shares > 0 && input.fundamentals.marketCap > 0 ? input.fundamentals.marketCap / shares : null;
}

/** Compute every `StockMetrics` field for one stock (see the field docs for definitions). */
export function computeMetrics(input: ScoreInput): StockMetrics {
  const { closes, financials, fundamentals } = input;
  const latest = last(financials);
  const marketCap = fundamentals.marketCap;
  const shares = latest?.sharesOutstanding ?? 0;
  const bvps = latest && shares > 0 ? latest.shareholdersEquity / shares : null;
  const useHl = input.highs !== undefined && input.lows !== undefined && input.highs.length === closes.length;
  const range = useHl ? highLow(input.highs as number[], input.lows as number[]) : highLow(closes, closes);
  const f = piotroski(financials);
  const altman = latest ? altmanScore(latest, marketCap, input.sector, input.industry) : null;

  return {
    piotroskiF: f?.score ?? null,
    piotroskiPassed: f?.passed ?? [],
    altmanZ: altman?.z ?? null,
    altmanModel: altman?.model ?? null,
    grahamNumber: bvps === null ? null : grahamNumber(fundamentals.eps, bvps),
    bookValuePerShare: finite(bvps),
    earningsYield: latest && marketCap > 0 ? finite(greenblattEarningsYield(latest, marketCap)) : null,
    returnOnCapital: latest ? finite(greenblattReturnOnCapital(latest)) : null,
    fcfYield:
      latest && marketCap > 0
        ? finite((latest.operatingCashFlow - latest.capitalExpenditure) / marketCap)
        : null,
    momentum12_1: momentum12_1(closes),
    return6m: simpleReturn(closes, SIX_MONTHS),
    volatility: volatility(closes),
    rsi14: latestRsi(closes, 14),
    sma20: latestSma(closes, 20),
    sma50: latestSma(closes, 50),
    sma200: latestSma(closes, 200),
    high52w: range?.high ?? null,
    low52w: range?.low ?? null,
    epsCagr: epsCagr(financials),
    revenueCagr: revenueCagr(financials),
    epsAvg3y: financials.length >= 3 ? financials.slice(-3).reduce((s, y) => s + y.eps, 0) / 3 : null,
    revenue: latest?.revenue ?? null,
    workingCapital: latest ? latest.currentAssets - latest.currentLiabilities : null,
    longTermDebt: latest?.longTermDebt ?? null,
    dividendGrowthYears: dividendGrowthYears(financials),
    dividendYearsPaid: countFromLatest(financials, (y) => y.dividendsPerShare > 0),
    positiveEarningsYears: countFromLatest(financials, (y) => y.eps > 0),
    yearsOfData: financials.length,
    performanceBases: performanceBases(closes, input.yearStartIndex),
  };
}

/** The closes each performance period starts from (see `PerformanceBases`). */
function performanceBases(closes: readonly number[], yearStartIndex?: number): PerformanceBases {
  const bases = {} as PerformanceBases;
  for (const [period, n] of Object.entries(PERFORMANCE_SESSIONS) as [PerformancePeriod, number][])
    bases[period] = [closeBack(closes, n), closeBack(closes, n - 1)];
  const ytd = yearStartIndex !== undefined && yearStartIndex > 0 ? closes[yearStartIndex - 1] : undefined;
  bases.ytd = [ytd ?? null, last(closes)];
  return bases;
}

/** Consecutive latest year-over-year steps where both years paid and DPS did not fall. */
export function dividendGrowthYears(financials: readonly AnnualFinancials[]): number {
  let n = 0;
  for (let i = financials.length - 1; i >= 1; i--) {
    const cur = financials[i].dividendsPerShare;
    const prev = financials[i - 1].dividendsPerShare;
    if (!(prev > 0) || cur < prev) break;
    n++;
  }
  return n;
}

function countFromLatest(
  financials: readonly AnnualFinancials[],
  test: (y: AnnualFinancials) => boolean,
): number {
  let n = 0;
  for (let i = financials.length - 1; i >= 0 && test(financials[i]); i--) n++;
  return n;
}

function finite(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
