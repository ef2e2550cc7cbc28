import { expect } from 'chai';
import { isTradingDay } from '../calendar.ts';
import type { AnnualFinancials, StockData } from '../types.ts';
import { SECTORS } from '../types.ts';
import {
  generateSampleUniverse,
  generateStock,
  generateSyntheticUniverse,
  intradayState,
  SAMPLE_SEED,
  syntheticCompanies,
} from './generator.ts';
import { SAMPLE_UNIVERSE } from './universe.ts';

const END = '2025-12-31';
const reference = new Map(SAMPLE_UNIVERSE.map((c) => [c.ticker, c]));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function share<T>(xs: T[], test: (x: T) => boolean): number {
  return xs.filter(test).length / xs.length;
}

interface Derived {
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
function derive(stock: StockData): Derived {
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

function dailyReturns(stock: StockData): number[] {
  return stock.bars.slice(1).map((b, i) => Math.log(b.close / stock.bars[i].close));
}

function annualVol(stock: StockData): number {
  const r = dailyReturns(stock);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt((r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1)) * 252);
}

function correlation(a: number[], b: number[]): number {
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

const isCents = (x: number) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6;

/** Inconsistent bars of a stock, described (checked in plain code: chai per value is slow). */
function barProblems(stock: StockData): string[] {
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

describe('sample data generator', () => {
  let universe: StockData[];
  let derived: Derived[];
  const bySymbol = new Map<string, Derived>();

  before(() => {
    universe = generateSampleUniverse({ endDate: END });
    derived = universe.map(derive);
    for (const d of derived) bySymbol.set(d.stock.profile.ticker, d);
  });

  describe('determinism', () => {
    it('gives deeply identical output for the same seed and options', () => {
      const again = generateSampleUniverse({ endDate: END });
      expect(again).to.deep.equal(universe);
      const seeded = generateSampleUniverse({ endDate: END, seed: 'abc', tickers: ['AAPL', 'XOM'] });
      expect(generateSampleUniverse({ endDate: END, seed: 'abc', tickers: ['AAPL', 'XOM'] })).to.deep.equal(
        seeded,
      );
    });

    it('gives different data for a different seed', () => {
      const a = generateSampleUniverse({ endDate: END, seed: 1, tickers: ['AAPL'] })[0];
      const b = generateSampleUniverse({ endDate: END, seed: 2, tickers: ['AAPL'] })[0];
      expect(a.bars.map((x) => x.close)).to.not.deep.equal(b.bars.map((x) => x.close));
      expect(a.financials).to.not.deep.equal(b.financials);
      expect(a.profile).to.deep.equal(b.profile);
    });

    it('uses SAMPLE_SEED by default', () => {
      const explicit = generateSampleUniverse({ endDate: END, seed: SAMPLE_SEED, tickers: ['MSFT'] });
      expect(explicit[0]).to.deep.equal(bySymbol.get('MSFT')?.stock);
    });

    it("does not change a company's data when other companies are added or removed", () => {
      const subset = generateSampleUniverse({ endDate: END, tickers: ['JPM', 'NEE'] });
      expect(subset.map((s) => s.profile.ticker)).to.deep.equal(['JPM', 'NEE']);
      expect(subset[0]).to.deep.equal(bySymbol.get('JPM')?.stock);
      expect(subset[1]).to.deep.equal(bySymbol.get('NEE')?.stock);
      const single = generateStock(SAMPLE_UNIVERSE[0], { endDate: END });
      expect(single).to.deep.equal(universe[0]);
    });

    it('rejects unknown tickers and bad options', () => {
      expect(() => generateSampleUniverse({ endDate: END, tickers: ['AAPL', 'NOPE'] })).to.throw(/NOPE/);
      expect(() => generateSampleUniverse({ endDate: END, years: 0 })).to.throw(RangeError);
      expect(() => generateSampleUniverse({ endDate: '2025-13-01' })).to.throw(RangeError);
    });
  });

  describe('bars', () => {
    it('has one bar per NYSE trading day for two years back from endDate', () => {
      // 2024 has 252 trading days and 2025 has 250.
      for (const s of universe) expect(s.bars.length, s.profile.ticker).to.equal(502);
      const bars = universe[0].bars;
      expect(bars[0].date).to.equal('2024-01-02');
      expect(bars[bars.length - 1].date).to.equal(END);
      for (let i = 0; i < bars.length; i++) {
        expect(isTradingDay(bars[i].date), bars[i].date).to.equal(true);
        if (i > 0) expect(bars[i].date > bars[i - 1].date).to.equal(true);
      }
    });

    it('has about 504 bars for other two-year windows and ends on the last trading day', () => {
      const [a] = generateSampleUniverse({ endDate: '2025-06-15', tickers: ['KO'] });
      expect(a.bars.length).to.be.within(500, 506);
      expect(a.bars[a.bars.length - 1].date).to.equal('2025-06-13');
      const [b] = generateSampleUniverse({ endDate: '2025-06-13', years: 1, tickers: ['KO'] });
      expect(b.bars.length).to.be.within(248, 253);
      expect(b.bars[b.bars.length - 1].date).to.equal('2025-06-13');
    });

    it('keeps history stable: extending the end date only appends bars', () => {
      const tickers = ['AAPL', 'JPM', 'XOM', 'NEE'];
      const base = generateSampleUniverse({ endDate: '2026-11-25', tickers });
      for (const later of ['2026-11-27', '2026-12-31', '2027-03-15']) {
        const extended = generateSampleUniverse({ endDate: later, tickers });
        for (let i = 0; i < tickers.length; i++) {
          const byDate = new Map(extended[i].bars.map((b) => [b.date, b]));
          const overlap = base[i].bars.filter((b) => byDate.has(b.date));
          expect(overlap.length, `${tickers[i]} to ${later}`).to.be.greaterThan(40);
          expect(overlap, `${tickers[i]} to ${later}`).to.deep.equal(overlap.map((b) => byDate.get(b.date)));
        }
      }
      // The day after: exactly one more bar, every earlier bar identical.
      const next = generateSampleUniverse({ endDate: '2026-11-27', tickers, startDate: '2024-11-26' });
      const prev = generateSampleUniverse({ endDate: '2026-11-25', tickers, startDate: '2024-11-26' });
      for (let i = 0; i < tickers.length; i++) {
        expect(next[i].bars.slice(0, -1)).to.deep.equal(prev[i].bars);
        expect(next[i].bars.at(-1)?.date).to.equal('2026-11-27');
      }
    });

    it('gives the same bar for a day whatever window is asked for', () => {
      const [whole] = generateSampleUniverse({ endDate: '2026-06-30', tickers: ['KO'], years: 3 });
      const [part] = generateSampleUniverse({
        endDate: '2026-02-10',
        startDate: '2025-12-20',
        tickers: ['KO'],
      });
      expect(part.bars.length).to.be.within(30, 36);
      const byDate = new Map(whole.bars.map((b) => [b.date, b]));
      expect(part.bars).to.deep.equal(part.bars.map((b) => byDate.get(b.date)));
    });

    it('has consistent OHLC in cents and positive integer volumes', () => {
      expect(universe.flatMap(barProblems)).to.deep.equal([]);
    });

    it('ends within 15 % of the reference price', () => {
      for (const d of derived) {
        const ref = reference.get(d.stock.profile.ticker)?.price ?? 0;
        expect(d.close / ref, d.stock.profile.ticker).to.be.within(0.849, 1.151);
      }
    });

    it('trades a plausible share of the company each day', () => {
      for (const d of derived) {
        const turnover = median(d.stock.bars.map((b) => b.volume)) / d.latest.sharesOutstanding;
        expect(turnover, d.stock.profile.ticker).to.be.within(0.002, 0.02);
      }
    });

    it('has sector-typical volatility', () => {
      const vols = (sector: string) =>
        derived.filter((d) => d.stock.profile.sector === sector).map((d) => annualVol(d.stock));
      expect(median(vols('Utilities'))).to.be.within(0.12, 0.28);
      expect(median(vols('Consumer Staples'))).to.be.within(0.12, 0.28);
      expect(median(vols('Information Technology'))).to.be.within(0.22, 0.45);
      expect(median(vols('Energy'))).to.be.within(0.2, 0.45);
      expect(median(vols('Utilities'))).to.be.lessThan(median(vols('Information Technology')));
      for (const d of derived) expect(annualVol(d.stock), d.stock.profile.ticker).to.be.within(0.08, 0.8);
    });

    it('makes stocks move together (shared market and sector factors)', () => {
      const r = (t: string) => dailyReturns(bySymbol.get(t)?.stock as StockData);
      const pairs: [string, string][] = [
        ['AAPL', 'MSFT'],
        ['XOM', 'CVX'],
        ['JPM', 'BAC'],
        ['NEE', 'DUK'],
        ['AAPL', 'JPM'],
        ['HD', 'CAT'],
      ];
      const correlations = pairs.map(([a, b]) => correlation(r(a), r(b)));
      for (const c of correlations) expect(c).to.be.within(0.05, 0.95);
      // Same-sector pairs correlate more than the cross-sector average.
      expect((correlations[0] + correlations[1] + correlations[2] + correlations[3]) / 4).to.be.greaterThan(
        (correlations[4] + correlations[5]) / 2,
      );
    });
  });

  describe('intraday', () => {
    it('moves from the open through the day to the close, inside the day range', () => {
      const stock = bySymbol.get('MSFT')?.stock as StockData;
      for (const bar of stock.bars.slice(-20)) {
        expect(intradayState(bar, 'MSFT', 0).price).to.equal(bar.open);
        expect(intradayState(bar, 'MSFT', 1)).to.deep.equal({
          price: bar.close,
          dayHigh: bar.high,
          dayLow: bar.low,
          volume: bar.volume,
        });
        let previous = intradayState(bar, 'MSFT', 0);
        const prices = new Set<number>();
        for (let f = 0.05; f < 1; f += 0.05) {
          const s = intradayState(bar, 'MSFT', f);
          prices.add(s.price);
          expect(s.price).to.be.within(s.dayLow, s.dayHigh);
          expect(s.dayHigh).to.be.within(previous.dayHigh, bar.high);
          expect(s.dayLow).to.be.within(bar.low, previous.dayLow);
          expect(s.volume).to.be.within(previous.volume, bar.volume);
          expect(isCents(s.price)).to.equal(true);
          previous = s;
        }
        expect(prices.size, bar.date).to.be.greaterThan(3);
      }
    });

    it('is deterministic in seed, ticker, day and time', () => {
      const bar = (bySymbol.get('KO') as Derived).stock.bars[10];
      const day = (seed: string) => [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => intradayState(bar, 'KO', f, seed));
      expect(day('s')).to.deep.equal(day('s'));
      expect(day('t').map((x) => x.price)).to.not.deep.equal(day('s').map((x) => x.price));
    });
  });

  describe('financials', () => {
    it('has the last five fiscal years, oldest first', () => {
      for (const s of universe) {
        expect(
          s.financials.map((f) => f.fiscalYear),
          s.profile.ticker,
        ).to.deep.equal([2020, 2021, 2022, 2023, 2024]);
      }
    });

    it('has balance sheets that add up and consistent statement items', () => {
      for (const s of universe) {
        for (const f of s.financials) {
          const label = `${s.profile.ticker} ${f.fiscalYear}`;
          expect(f.totalAssets, label).to.equal(f.totalLiabilities + f.shareholdersEquity);
          expect(f.currentAssets, label).to.be.within(0, f.totalAssets);
          expect(f.cash, label).to.be.within(0, f.currentAssets);
          expect(f.currentLiabilities, label).to.be.within(0, f.totalLiabilities);
          expect(f.totalDebt, label).to.be.at.least(f.longTermDebt);
          expect(f.longTermDebt, label).to.be.at.least(0);
          expect(f.totalDebt, label).to.be.at.most(f.totalLiabilities);
          expect(f.netPPE + f.currentAssets, label).to.be.at.most(f.totalAssets);
          expect(f.revenue, label).to.be.greaterThan(0);
          expect(f.grossProfit, label).to.be.within(0, f.revenue);
          expect(f.operatingIncome, label).to.be.at.most(f.grossProfit);
          expect(f.depreciation, label).to.be.greaterThan(0);
          expect(f.capitalExpenditure, label).to.be.greaterThan(0);
          expect(f.shareholdersEquity, label).to.be.greaterThan(0);
          expect(Number.isInteger(f.sharesOutstanding) && f.sharesOutstanding > 0, label).to.equal(true);
          expect(f.eps, label).to.be.closeTo(f.netIncome / f.sharesOutstanding, 0.006);
          expect(f.dividendsPerShare, label).to.be.at.least(0);
          const cashEarnings = f.netIncome + f.depreciation;
          expect(Math.abs(f.operatingCashFlow - cashEarnings), label).to.be.at.most(
            0.2 * Math.abs(cashEarnings) + 1,
          );
        }
      }
    });

    it('reports gross profit as revenue for banks and insurers', () => {
      for (const t of ['JPM', 'BAC', 'GS', 'PGR']) {
        const f = bySymbol.get(t)?.latest as AnnualFinancials;
        expect(f.grossProfit, t).to.equal(f.revenue);
      }
    });

    it('has a market cap within a factor 1.5 of the reference', () => {
      for (const d of derived) {
        const ref = reference.get(d.stock.profile.ticker)?.marketCap ?? 0;
        expect(d.marketCap / ref, d.stock.profile.ticker).to.be.within(1 / 1.5, 1.5);
      }
    });

    it('gives plausible P/E ratios, with a few loss makers', () => {
      const pes = derived.map((d) => d.pe).filter((x): x is number => x !== null);
      expect(share(pes, (pe) => pe >= 8 && pe <= 45)).to.be.at.least(0.75);
      for (const pe of pes) expect(pe).to.be.within(3, 250);
      const losses = derived.filter((d) => d.latest.netIncome < 0).length;
      expect(losses).to.be.within(3, 20);
    });

    it('gives plausible P/B ratios (banks near book value)', () => {
      expect(share(derived, (d) => d.pb >= 1 && d.pb <= 15)).to.be.at.least(0.8);
      for (const d of derived) expect(d.pb, d.stock.profile.ticker).to.be.within(0.5, 20);
      for (const d of derived.filter((x) => /(Diversified|Regional) Banks/.test(x.stock.profile.industry))) {
        expect(d.pb, d.stock.profile.ticker).to.be.within(0.7, 3);
      }
    });

    it('gives plausible dividend yields', () => {
      for (const d of derived) expect(d.dividendYield, d.stock.profile.ticker).to.be.within(0, 0.08);
      expect(share(derived, (d) => d.dividendYield <= 0.06)).to.be.at.least(0.9);
      const utilities = derived
        .filter((d) => d.stock.profile.sector === 'Utilities')
        .map((d) => d.dividendYield);
      const reits = derived
        .filter((d) => /REITs$/.test(d.stock.profile.industry))
        .map((d) => d.dividendYield);
      expect(median(utilities)).to.be.within(0.025, 0.05);
      expect(median(reits)).to.be.within(0.025, 0.055);
      for (const t of ['TSLA', 'AMZN', 'BRK.B'])
        expect(bySymbol.get(t)?.latest.dividendsPerShare, t).to.equal(0);
      for (const t of ['JNJ', 'XOM', 'PG', 'NEE', 'O', 'JPM']) {
        expect(bySymbol.get(t)?.latest.dividendsPerShare, t).to.be.greaterThan(0);
      }
    });

    it('gives sector-typical margins', () => {
      const software = derived.filter((d) => /Software$/.test(d.stock.profile.industry));
      for (const d of software) expect(d.grossMargin, d.stock.profile.ticker).to.be.at.least(0.6);
      for (const t of ['WMT', 'COST', 'KR']) expect(bySymbol.get(t)?.netMargin, t).to.be.within(0, 0.05);
      for (const t of ['COST', 'KR']) expect(bySymbol.get(t)?.grossMargin, t).to.be.below(0.3);
      const gm = (sector: string) =>
        median(derived.filter((d) => d.stock.profile.sector === sector).map((d) => d.grossMargin));
      expect(gm('Information Technology')).to.be.greaterThan(gm('Energy'));
      expect(gm('Information Technology')).to.be.greaterThan(gm('Industrials'));
      for (const d of derived) expect(d.netMargin, d.stock.profile.ticker).to.be.within(-0.3, 0.6);
    });

    it('gives plausible leverage', () => {
      const nonBanks = derived.filter((d) => d.latest.grossProfit !== d.latest.revenue);
      expect(share(nonBanks, (d) => d.debtToEquity >= 0 && d.debtToEquity <= 2.5)).to.be.at.least(0.9);
      for (const d of derived) expect(d.debtToEquity, d.stock.profile.ticker).to.be.within(0, 3);
    });

    it('has growing and shrinking companies, a few past loss years and negative retained earnings', () => {
      const growth = derived.map((d) => d.latest.revenue / d.stock.financials[0].revenue);
      expect(share(growth, (g) => g > 1)).to.be.at.least(0.6);
      expect(growth.filter((g) => g < 1).length).to.be.at.least(3);
      for (const g of growth) expect(g).to.be.within(0.3, 4);
      const pastLosses = derived.filter((d) =>
        d.stock.financials.slice(0, -1).some((f) => f.netIncome < 0),
      ).length;
      expect(pastLosses).to.be.at.least(1);
      expect(derived.filter((d) => d.latest.retainedEarnings < 0).length).to.be.at.least(1);
    });
  });

  describe('earnings profiles', () => {
    // Seeds other than the default, so the check is about the rule, not one lucky draw.
    const SEEDS = [SAMPLE_SEED, 1, 2, 3, 4, 5, 6, 7, 8, 'audit'];
    let runs: StockData[][];
    before(() => {
      // One year of bars is enough here: only the financials are looked at.
      runs = SEEDS.map((seed) => generateSampleUniverse({ seed, endDate: END, years: 1 }));
    });
    const lossYears = (s: StockData) => s.financials.filter((f) => f.netIncome <= 0 || f.eps <= 0);

    it('never gives a steady earner a loss year: AAPL, MSFT, JPM, BRK.B... profitable in every year, every seed', () => {
      for (const ticker of ['AAPL', 'MSFT', 'JPM', 'BRK.B', 'GOOGL', 'KO', 'PG', 'V', 'NEE']) {
        expect(reference.get(ticker)?.earnings, ticker).to.equal('steady');
      }
      const steady = new Set(SAMPLE_UNIVERSE.filter((c) => c.earnings === 'steady').map((c) => c.ticker));
      expect(steady.size).to.be.at.least(90);
      const found: string[] = [];
      SEEDS.forEach((seed, k) => {
        for (const s of runs[k]) {
          if (!steady.has(s.profile.ticker)) continue;
          for (const f of lossYears(s))
            found.push(`${seed}: ${s.profile.ticker} FY${f.fiscalYear} EPS ${f.eps}`);
        }
      });
      expect(found).to.deep.equal([]);
    });

    it('may give a cyclical earner one loss year before the latest, never in the latest', () => {
      const cyclical = new Set(SAMPLE_UNIVERSE.filter((c) => c.earnings === 'cyclical').map((c) => c.ticker));
      let withLoss = 0;
      for (const run of runs) {
        for (const s of run) {
          if (!cyclical.has(s.profile.ticker)) continue;
          const losses = lossYears(s);
          expect(losses.length, s.profile.ticker).to.be.at.most(1);
          expect(s.financials[s.financials.length - 1].netIncome, s.profile.ticker).to.be.above(0);
          if (losses.length > 0) withLoss++;
        }
      }
      // About a third of the cyclical company-runs (35 % chance each): clearly some, clearly not all.
      const total = cyclical.size * runs.length;
      expect(withLoss / total).to.be.within(0.2, 0.5);
    });

    it('gives synthetic companies a profile: loss makers, and cyclical ones mostly in Energy and Materials', () => {
      const companies = syntheticCompanies(1100, 7);
      for (const c of companies) expect(c.earnings === 'loss-making', c.ticker).to.equal(c.pe === null);
      const cyclicalShare = (sector: string) =>
        share(
          companies.filter((c) => c.sector === sector && c.pe !== null),
          (c) => c.earnings === 'cyclical',
        );
      expect(cyclicalShare('Energy')).to.be.above(cyclicalShare('Consumer Staples') + 0.3);
      const data = generateSyntheticUniverse(110, { endDate: END, seed: 7, years: 1 });
      const steady = data.filter((_, i) => companies[i].earnings === 'steady');
      expect(steady.length).to.be.at.least(50);
      for (const s of steady) expect(lossYears(s), s.profile.ticker).to.deep.equal([]);
    });
  });

  describe('synthetic universe', () => {
    let synthetic: StockData[];
    before(() => {
      synthetic = generateSyntheticUniverse(330, { endDate: END, seed: 7 });
    });

    it('makes SYN-numbered companies spread over the 11 sectors', () => {
      expect(synthetic).to.have.length(330);
      expect(synthetic[0].profile.ticker).to.equal('SYN0001');
      expect(synthetic[329].profile.ticker).to.equal('SYN0330');
      expect(new Set(synthetic.map((s) => s.profile.ticker)).size).to.equal(330);
      for (const sector of SECTORS) {
        expect(synthetic.filter((s) => s.profile.sector === sector).length, sector).to.equal(30);
      }
    });

    it('does not depend on the count', () => {
      const few = generateSyntheticUniverse(5, { endDate: END, seed: 7 });
      expect(few).to.deep.equal(synthetic.slice(0, 5));
      expect(syntheticCompanies(3, 7)).to.deep.equal(syntheticCompanies(10, 7).slice(0, 3));
    });

    it('has consistent bars and balance sheets and plausible ratios', () => {
      const d = synthetic.map(derive);
      for (const s of synthetic) expect(s.bars.length).to.equal(502);
      expect(synthetic.flatMap(barProblems)).to.deep.equal([]);
      const unbalanced = synthetic.flatMap((s) =>
        s.financials.filter((f) => f.totalAssets !== f.totalLiabilities + f.shareholdersEquity),
      );
      expect(unbalanced).to.deep.equal([]);
      const pes = d.map((x) => x.pe).filter((x): x is number => x !== null);
      expect(share(pes, (pe) => pe >= 6 && pe <= 45)).to.be.at.least(0.8);
      expect(share(d, (x) => x.pb >= 0.7 && x.pb <= 15)).to.be.at.least(0.9);
      expect(share(d, (x) => x.dividendYield <= 0.065)).to.equal(1);
      expect(share(d, (x) => x.latest.netIncome < 0)).to.be.within(0.02, 0.2);
    });
  });
});
