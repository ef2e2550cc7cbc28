/**
 * A deterministic synthetic universe of `ScoreInput`s (random walks and five years of
 * statements) for tests and benchmarks of the scorer. Not market data: only plausible shapes.
 */
import { deriveFundamentals } from '../src/analysis/fundamentals.ts';
import { type AnnualFinancials, SECTORS } from '../src/market/types.ts';
import type { ScoreInput } from '../src/scoring/types.ts';
import { TYPICAL_INDUSTRY } from './fixtures.ts';

/** `n` stocks with `days` daily bars each (504 = two years), reproducible from `seed`. */
export function syntheticUniverse(n: number, days = 504, seed = 1): ScoreInput[] {
  let state = seed >>> 0 || 1;
  const rnd = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());

  return Array.from({ length: n }, (_, i) => {
    const closes: number[] = [];
    const highs: number[] = [];
    const lows: number[] = [];
    let p = 10 + rnd() * 290;
    const vol = 0.008 + rnd() * 0.03;
    const drift = (rnd() - 0.45) * 0.002;
    for (let d = 0; d < days; d++) {
      p *= Math.exp(drift + vol * gauss());
      closes.push(p);
      highs.push(p * (1 + rnd() * 0.02));
      lows.push(p * (1 - rnd() * 0.02));
    }
    const financials: AnnualFinancials[] = [];
    let revenue = 2e8 + rnd() * 4e10;
    const growth = (rnd() - 0.3) * 0.3;
    const margin = rnd() * 0.35 - 0.05;
    const shares = 2e7 + rnd() * 2e9;
    let dps = rnd() < 0.6 ? rnd() * 3 : 0;
    for (let y = 0; y < 5; y++) {
      revenue *= 1 + growth + gauss() * 0.05;
      const operatingIncome = revenue * (margin + gauss() * 0.03);
      const netIncome = operatingIncome * 0.75;
      const totalAssets = revenue * (0.8 + rnd() * 1.5);
      const equity = totalAssets * (0.15 + rnd() * 0.5);
      const yShares = shares * (1 + (rnd() - 0.6) * 0.03 * y);
      dps = dps > 0 ? dps * (1 + (rnd() - 0.2) * 0.1) : 0;
      financials.push({
        fiscalYear: 2020 + y,
        revenue,
        grossProfit: revenue * (0.2 + rnd() * 0.5),
        operatingIncome,
        depreciation: revenue * 0.05,
        netIncome,
        eps: netIncome / yShares,
        totalAssets,
        totalLiabilities: totalAssets - equity,
        currentAssets: totalAssets * (0.2 + rnd() * 0.3),
        currentLiabilities: totalAssets * (0.1 + rnd() * 0.2),
        totalDebt: totalAssets * rnd() * 0.4,
        longTermDebt: totalAssets * rnd() * 0.3,
        shareholdersEquity: equity,
        retainedEarnings: totalAssets * (rnd() - 0.2),
        cash: totalAssets * rnd() * 0.15,
        operatingCashFlow: netIncome * (0.7 + rnd() * 0.7),
        capitalExpenditure: revenue * 0.04,
        netPPE: totalAssets * 0.3,
        sharesOutstanding: yShares,
        dividendsPerShare: dps,
      });
    }
    const price = closes[closes.length - 1];
    return {
      ticker: `S${String(i).padStart(5, '0')}`,
      sector: SECTORS[i % SECTORS.length],
      industry: TYPICAL_INDUSTRY[SECTORS[i % SECTORS.length]],
      fundamentals: deriveFundamentals(financials, price, 0.4 + rnd() * 1.4),
      financials,
      closes,
      highs,
      lows,
    };
  });
}
