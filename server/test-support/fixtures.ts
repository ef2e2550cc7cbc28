/** Builders for hand-made statements and bars used by the analysis and scoring tests. */
import type { AnnualFinancials, DailyBar, Sector } from '../src/market/types.ts';

/** A plain, healthy fiscal year; override what a test is about. */
export function year(fiscalYear: number, overrides: Partial<AnnualFinancials> = {}): AnnualFinancials {
  return {
    fiscalYear,
    revenue: 1000,
    grossProfit: 400,
    operatingIncome: 200,
    depreciation: 50,
    netIncome: 150,
    eps: 1.5,
    totalAssets: 2000,
    totalLiabilities: 1000,
    currentAssets: 600,
    currentLiabilities: 300,
    totalDebt: 500,
    longTermDebt: 400,
    shareholdersEquity: 1000,
    retainedEarnings: 600,
    cash: 100,
    operatingCashFlow: 220,
    capitalExpenditure: 60,
    netPPE: 800,
    sharesOutstanding: 100,
    dividendsPerShare: 0.5,
    ...overrides,
  };
}

/** Daily bars from closes: open = previous close, high/low ±1 %, volume 1,000. */
export function barsFromCloses(closes: readonly number[], startDate = '2024-01-02'): DailyBar[] {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  return closes.map((close, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    open: i === 0 ? close : closes[i - 1],
    high: close * 1.01,
    low: close * 0.99,
    close,
    volume: 1000,
  }));
}

/** A typical GICS sub-industry of each sector, for inputs that only care about the sector. */
export const TYPICAL_INDUSTRY: Readonly<Record<Sector, string>> = {
  'Communication Services': 'Interactive Media & Services',
  'Consumer Discretionary': 'Restaurants',
  'Consumer Staples': 'Packaged Foods & Meats',
  Energy: 'Integrated Oil & Gas',
  Financials: 'Diversified Banks',
  'Health Care': 'Pharmaceuticals',
  Industrials: 'Industrial Machinery & Supplies & Components',
  'Information Technology': 'Application Software',
  Materials: 'Specialty Chemicals',
  'Real Estate': 'Industrial REITs',
  Utilities: 'Electric Utilities',
};
