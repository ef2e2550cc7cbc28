import { expect } from 'chai';
import {
  type Derived,
  defaultUniverse,
  END,
  lossYears,
  median,
  reference,
  share,
} from '../../../../test-support/sample-stocks.ts';
import type { AnnualFinancials, StockData } from '../../types.ts';
import { SAMPLE_UNIVERSE } from '../universe.ts';
import { SAMPLE_SEED } from './shared.ts';
import { generateSampleUniverse } from './stocks.ts';

describe('sample generator: financials', () => {
  let universe: StockData[];
  let derived: Derived[];
  let bySymbol: Map<string, Derived>;

  before(() => {
    ({ universe, derived, bySymbol } = defaultUniverse());
  });

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
    const reits = derived.filter((d) => /REITs$/.test(d.stock.profile.industry)).map((d) => d.dividendYield);
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

  describe('earnings profiles', () => {
    // Seeds other than the default, so the check is about the rule, not one lucky draw.
    const SEEDS = [SAMPLE_SEED, 1, 2, 3, 4, 5, 6, 7, 8, 'audit'];
    let runs: StockData[][];
    before(() => {
      // One year of bars is enough here: only the financials are looked at.
      runs = SEEDS.map((seed) => generateSampleUniverse({ seed, endDate: END, years: 1 }));
    });

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
  });
});
