/**
 * Looking at generated sample stocks in tests: the default universe (generated once per
 * test process), the ratios a screener would compute from it, and checks of its bars.
 */
import { generateSampleUniverse } from '../src/market/sample/generator/stocks.ts';
import { SAMPLE_UNIVERSE } from '../src/market/sample/universe.ts';
import type { AnnualFinancials, StockData } from '../src/market/types.ts';

/** The end date of the default test universe (the anchor day of the reference prices). */
export const END = '2025-12-31';

/** The universe's reference figures (price, market cap, earnings profile) by ticker. */
export const reference = new Map(SAMPLE_UNIVERSE.map((c) => [c.ticker, c]));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function share<T>(xs: T[], test: (x: T) => boolean): number {
  return xs.filter(test).length / xs.length;
}

export interface Derived {
  stock: StockData;
  latest: AnnualFinancials;
  close: number;
  marketCap: number;
  pe: number | null;
  pb: number;
  dividendYield: number;
  debtToEquity: number;
  grossMargin: number;
  netMargin: number;
}

/** The ratios a screener would compute, from the latest financials and the last close. */
export function derive(stock: StockData): Derived {
  const latest = stock.financials[stock.financials.length - 1];
  const close = stock.bars[stock.bars.length - 1].close;
  return {
    stock,
    latest,
    close,
    marketCap: close * latest.sharesOutstanding,
    pe: latest.eps > 0 ? close / latest.eps : null,
    pb: (close * latest.sharesOutstanding) / latest.shareholdersEquity,
    dividendYield: latest.dividendsPerShare / close,
    debtToEquity: latest.totalDebt / latest.shareholdersEquity,
    grossMargin: latest.grossProfit / latest.revenue,
    netMargin: latest.netIncome / latest.revenue,
  };
}

export function dailyReturns(stock: StockData): number[] {
  return stock.bars.slice(1).map((b, i) => Math.log(b.close / stock.bars[i].close));
}

export function annualVol(stock: StockData): number {
  const r = dailyReturns(stock);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt((r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1)) * 252);
}

export function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((x, y) => x + y, 0) / a.length;
  const mb = b.reduce((x, y) => x + y, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export const isCents = (x: number) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6;

/** Inconsistent bars of a stock, described (checked in plain code: chai per value is slow). */
export function barProblems(stock: StockData): string[] {
  const out: string[] = [];
  for (const b of stock.bars) {
    const label = `${stock.profile.ticker} ${b.date}`;
    if (!(b.low > 0)) out.push(`${label}: low ${b.low} not positive`);
    if (b.low > Math.min(b.open, b.close)) out.push(`${label}: low ${b.low} above open/close`);
    if (b.high < Math.max(b.open, b.close)) out.push(`${label}: high ${b.high} below open/close`);
    for (const p of [b.open, b.high, b.low, b.close])
      if (!isCents(p)) out.push(`${label}: ${p} not in cents`);
    if (!Number.isInteger(b.volume) || b.volume <= 0) out.push(`${label}: volume ${b.volume}`);
  }
  return out;
}

/** A stock's loss years (net income or EPS not above zero). */
export const lossYears = (s: StockData) => s.financials.filter((f) => f.netIncome <= 0 || f.eps <= 0);

interface TestUniverse {
  universe: StockData[];
  derived: Derived[];
  bySymbol: Map<string, Derived>;
}
let memo: TestUniverse | undefined;

/** The sample universe with the default seed, two years to END, and its ratios (made once, shared). */
export function defaultUniverse(): TestUniverse {
  if (!memo) {
    const universe = generateSampleUniverse({ endDate: END });
    const derived = universe.map(derive);
    memo = { universe, derived, bySymbol: new Map(derived.map((d) => [d.stock.profile.ticker, d])) };
  }
  return memo;
}
