/**
 * Published accounting scores (pure functions, no I/O): Piotroski's F-score, Altman's
 * Z-score, the Graham number and Greenblatt's Magic Formula ratios. Input statements are
 * `AnnualFinancials` (oldest first where a list is taken).
 */
import type { AnnualFinancials } from '../market/types.ts';

/** The nine binary signals of Piotroski (2000), in the paper's order. */
export const PIOTROSKI_CRITERIA = [
  'roa',
  'cfo',
  'deltaRoa',
  'accrual',
  'deltaLeverage',
  'deltaLiquidity',
  'noEquityIssue',
  'deltaMargin',
  'deltaTurnover',
] as const;
export type PiotroskiCriterion = (typeof PIOTROSKI_CRITERIA)[number];

/** Plain-language names of the Piotroski criteria, for rules and explanations. */
export const PIOTROSKI_LABELS: Record<PiotroskiCriterion, string> = {
  roa: 'Positive return on assets',
  cfo: 'Positive operating cash flow',
  deltaRoa: 'Return on assets improved',
  accrual: 'Operating cash flow exceeds net income',
  deltaLeverage: 'Long-term debt / average assets fell',
  deltaLiquidity: 'Current ratio improved',
  noEquityIssue: 'No new shares issued',
  deltaMargin: 'Gross margin improved',
  deltaTurnover: 'Asset turnover improved',
};

export interface PiotroskiResult {
  /** 0-9: the number of criteria passed. */
  score: number;
  /** Passed criteria, in the paper's order. */
  passed: PiotroskiCriterion[];
}

/**
 * Piotroski F-score (Piotroski 2000, "Value Investing: The Use of Historical Financial
 * Statement Information to Separate Winners from Losers", J. of Accounting Research 38)
 * for the latest fiscal year `t` against `t − 1`. One point each for:
 * 1. ROA > 0 (net income / beginning-of-year total assets)  2. CFO > 0
 * 3. ΔROA > 0  4. accrual: CFO > net income (both scaled by beginning assets)
 * 5. Δleverage < 0: long-term debt / average total assets fell. As in the paper, a point
 *    only when leverage fell: no long-term debt in either year is no change (no point)
 * 6. Δcurrent ratio > 0
 * 7. no equity issued (diluted shares did not rise)  8. Δgross margin > 0
 * 9. Δasset turnover > 0 (revenue / beginning-of-year total assets).
 * "Beginning-of-year" and "average" assets use the year before when it is present and
 * fall back to the year's own total assets otherwise (so two years suffice).
 * `null` with fewer than two fiscal years.
 */
export function piotroski(financials: readonly AnnualFinancials[]): PiotroskiResult | null {
  const n = financials.length;
  if (n < 2) return null;
  const cur = financials[n - 1];
  const prev = financials[n - 2];
  const prev2 = n >= 3 ? financials[n - 3] : undefined;

  const begCur = prev.totalAssets;
  const begPrev = prev2?.totalAssets ?? prev.totalAssets;
  const avgCur = (cur.totalAssets + prev.totalAssets) / 2;
  const avgPrev = prev2 ? (prev.totalAssets + prev2.totalAssets) / 2 : prev.totalAssets;

  const roaCur = safeDiv(cur.netIncome, begCur);
  const roaPrev = safeDiv(prev.netIncome, begPrev);
  const levCur = safeDiv(cur.longTermDebt, avgCur);
  const levPrev = safeDiv(prev.longTermDebt, avgPrev);
  const crCur = safeDiv(cur.currentAssets, cur.currentLiabilities);
  const crPrev = safeDiv(prev.currentAssets, prev.currentLiabilities);
  const gmCur = safeDiv(cur.grossProfit, cur.revenue);
  const gmPrev = safeDiv(prev.grossProfit, prev.revenue);
  const turnCur = safeDiv(cur.revenue, begCur);
  const turnPrev = safeDiv(prev.revenue, begPrev);

  const checks: Record<PiotroskiCriterion, boolean> = {
    roa: roaCur !== null && roaCur > 0,
    cfo: cur.operatingCashFlow > 0,
    deltaRoa: roaCur !== null && roaPrev !== null && roaCur > roaPrev,
    accrual: cur.operatingCashFlow > cur.netIncome,
    deltaLeverage: levCur !== null && levPrev !== null && levCur < levPrev,
    deltaLiquidity: crCur !== null && crPrev !== null && crCur > crPrev,
    noEquityIssue: cur.sharesOutstanding <= prev.sharesOutstanding,
    deltaMargin: gmCur !== null && gmPrev !== null && gmCur > gmPrev,
    deltaTurnover: turnCur !== null && turnPrev !== null && turnCur > turnPrev,
  };
  const passed = PIOTROSKI_CRITERIA.filter((c) => checks[c]);
  return { score: passed.length, passed };
}

/**
 * Altman (1968) Z-score for public manufacturers:
 * `Z = 1.2·A + 1.4·B + 3.3·C + 0.6·D + 1.0·E` with A = working capital / total assets,
 * B = retained earnings / total assets, C = EBIT / total assets, D = market value of
 * equity / total liabilities, E = sales / total assets. (The paper writes it
 * `.012X1 + .014X2 + .033X3 + .006X4 + .999X5` with X1-X4 in percent.)
 * `null` when total assets or total liabilities are not positive. Does not apply to
 * financial companies: callers should not compute it for the Financials sector.
 */
export function altmanZ(f: AnnualFinancials, marketCap: number): number | null {
  if (!(f.totalAssets > 0) || !(f.totalLiabilities > 0)) return null;
  return altmanZFromRatios({
    workingCapital: (f.currentAssets - f.currentLiabilities) / f.totalAssets,
    retainedEarnings: f.retainedEarnings / f.totalAssets,
    ebit: f.operatingIncome / f.totalAssets,
    marketValueToLiabilities: marketCap / f.totalLiabilities,
    sales: f.revenue / f.totalAssets,
  });
}

/** The five Altman ratios, as fractions (A-C and E over total assets, D over total liabilities). */
export interface AltmanRatios {
  workingCapital: number;
  retainedEarnings: number;
  ebit: number;
  marketValueToLiabilities: number;
  sales: number;
}

/** Altman's 1968 discriminant function on the five ratios. */
export function altmanZFromRatios(r: AltmanRatios): number {
  return (
    1.2 * r.workingCapital +
    1.4 * r.retainedEarnings +
    3.3 * r.ebit +
    0.6 * r.marketValueToLiabilities +
    r.sales
  );
}

/** Altman's zones: safe above 2.99, grey 1.81-2.99, distress below 1.81. */
export function altmanZone(z: number): 'safe' | 'grey' | 'distress' {
  if (z > 2.99) return 'safe';
  if (z >= 1.81) return 'grey';
  return 'distress';
}

/**
 * Graham number `√(22.5 × EPS × BVPS)`: the highest price Graham's defensive investor
 * would pay (P/E 15 × P/B 1.5 = 22.5). `null` when EPS or book value per share is ≤ 0.
 */
export function grahamNumber(eps: number, bookValuePerShare: number): number | null {
  if (!(eps > 0) || !(bookValuePerShare > 0)) return null;
  return Math.sqrt(22.5 * eps * bookValuePerShare);
}

/**
 * Greenblatt's earnings yield: EBIT / enterprise value, EV = market cap + total debt − cash.
 * `null` when EV ≤ 0.
 */
export function greenblattEarningsYield(f: AnnualFinancials, marketCap: number): number | null {
  const ev = marketCap + f.totalDebt - f.cash;
  return ev > 0 ? f.operatingIncome / ev : null;
}

/**
 * Greenblatt's return on capital: EBIT / (net working capital + net PPE). Net working
 * capital follows the book: current assets without cash, minus current liabilities
 * without short-term debt (total debt − long-term debt), floored at 0.
 * `null` when the capital is ≤ 0.
 */
export function greenblattReturnOnCapital(f: AnnualFinancials): number | null {
  const shortTermDebt = Math.max(0, f.totalDebt - f.longTermDebt);
  const nwc = Math.max(0, f.currentAssets - f.cash - (f.currentLiabilities - shortTermDebt));
  const capital = nwc + f.netPPE;
  return capital > 0 ? f.operatingIncome / capital : null;
}

function safeDiv(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}
