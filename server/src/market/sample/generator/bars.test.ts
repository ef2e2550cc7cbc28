import { expect } from 'chai';
import {
  annualVol,
  barProblems,
  correlation,
  type Derived,
  dailyReturns,
  defaultUniverse,
  END,
  median,
  reference,
} from '../../../../test-support/sample-stocks.ts';
import { isTradingDay } from '../../calendar.ts';
import type { StockData } from '../../types.ts';
import { generateSampleUniverse } from './stocks.ts';

describe('sample generator: price paths', () => {
  let universe: StockData[];
  let derived: Derived[];
  let bySymbol: Map<string, Derived>;

  before(() => {
    ({ universe, derived, bySymbol } = defaultUniverse());
  });

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
