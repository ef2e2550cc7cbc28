/**
 * Published accounting scores (pure functions, no I/O): Piotroski's F-score, Altman's
 * Z-score (Z for manufacturers, Z'' for non-manufacturers), the Graham number and Greenblatt's Magic Formula ratios. Input statements are
 * `AnnualFinancials` (oldest first where a list is taken).
 */
import type { AnnualFinancials } from '../market/types.ts';
import { type AltmanModel, altmanModel } from './industry.ts';

export type { AltmanModel } from './industry.ts';

/** The nine binary signals of Piotroski (2000), in the paper's order. */
const PIOTROSKI_CRITERIA = [
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
 * Altman (1968) Z-score for public manufacturers (for others use `altmanZDoublePrime`;
 * `altmanScore` picks the model by sector and industry):
 * `Z = 1.2·A + 1.4·B + 3.3·C + 0.6·D + 1.0·E` with A = working capital / total assets,
 * B = retained earnings / total assets, C = EBIT / total assets, D = market value of
 * equity / total liabilities, E = sales / total assets. (The paper writes it
 * `.012X1 + .014X2 + .033X3 + .006X4 + .999X5` with X1-X4 in percent.)
 * `null` when total assets or total liabilities are not positive. Does not apply to
 * financial companies or real estate.
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

/**
 * Altman's Z'' for non-manufacturers (Altman 1983, "Corporate Financial Distress", Wiley;
 * Altman & Hotchkiss 2006, "Corporate Financial Distress and Bankruptcy", 3rd ed., Wiley):
 * `Z'' = 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4` with X1 = working capital / total assets,
 * X2 = retained earnings / total assets, X3 = EBIT / total assets, X4 = book value of equity /
 * total liabilities. Sales / assets is left out (it varies most between industries). This is
 * the plain model, without the +3.25 constant of the emerging-market version.
 * `null` when total assets or total liabilities are not positive.
 */
export function altmanZDoublePrime(f: AnnualFinancials): number | null {
  if (!(f.totalAssets > 0) || !(f.totalLiabilities > 0)) return null;
  return altmanZDoublePrimeFromRatios({
    workingCapital: (f.currentAssets - f.currentLiabilities) / f.totalAssets,
    retainedEarnings: f.retainedEarnings / f.totalAssets,
    ebit: f.operatingIncome / f.totalAssets,
    bookEquityToLiabilities: f.shareholdersEquity / f.totalLiabilities,
  });
}

/** The four Z'' ratios, as fractions. */
export interface AltmanDoublePrimeRatios {
  workingCapital: number;
  retainedEarnings: number;
  ebit: number;
  bookEquityToLiabilities: number;
}

/** Altman's Z'' function on its four ratios. */
export function altmanZDoublePrimeFromRatios(r: AltmanDoublePrimeRatios): number {
  return (
    6.56 * r.workingCapital + 3.26 * r.retainedEarnings + 6.72 * r.ebit + 1.05 * r.bookEquityToLiabilities
  );
}

/**
 * Zone cut-offs of each model: Z safe above 2.99, distress below 1.81 (Altman 1968);
 * Z'' safe above 2.60, distress below 1.10 (Altman & Hotchkiss 2006). Grey in between.
 */
export const ALTMAN_ZONES: Readonly<Record<AltmanModel, { safe: number; distress: number }>> = {
  manufacturer: { safe: 2.99, distress: 1.81 },
  'non-manufacturer': { safe: 2.6, distress: 1.1 },
};

/** Altman's zone of a score under its model (the 1968 Z by default). */
export function altmanZone(z: number, model: AltmanModel = 'manufacturer'): 'safe' | 'grey' | 'distress' {
  const cut = ALTMAN_ZONES[model];
  if (z > cut.safe) return 'safe';
  if (z >= cut.distress) return 'grey';
  return 'distress';
}

/** An Altman score with the model it was computed with. */
export interface AltmanScore {
  model: AltmanModel;
  z: number;
}

/**
 * The Altman score that fits the company (see `altmanModel` in industry.ts): Z for
 * manufacturers, Z'' for non-manufacturers, `null` for Financials and Real Estate or when
 * the inputs are missing (the 1968 Z needs a positive market cap).
 */
export function altmanScore(
  f: AnnualFinancials,
  marketCap: number,
  sector: string,
  industry: string,
): AltmanScore | null {
  const model = altmanModel(sector, industry);
  if (model === null) return null;
  const z = model === 'manufacturer' ? (marketCap > 0 ? altmanZ(f, marketCap) : null) : altmanZDoublePrime(f);
  return z !== null && Number.isFinite(z) ? { model, z } : null;
}

/**
 * Where a score sits on one scale shared by both models, for ranking them together: the
 * distress cut-off maps to 1 and the safe cut-off to 2, linearly within the grey zone and
 * beyond it (below: z / distress cut-off). Order within each model is kept, and every safe
 * score of either model ranks above every grey one, every grey one above every distress one.
 */
export function altmanZonePosition(score: AltmanScore): number {
  const { safe, distress } = ALTMAN_ZONES[score.model];
  if (score.z < distress) return score.z / distress;
  return 1 + (score.z - distress) / (safe - distress);
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
