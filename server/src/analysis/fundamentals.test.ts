import { expect } from 'chai';
import { barsFromCloses, year } from '../../test-support/fixtures.ts';
import { cagr, deriveFundamentals, deriveQuote, epsCagr, revenueCagr } from './fundamentals.ts';

/**
 * Three years growing 10 % a year. Latest year (2023): revenue 1,210, gross profit 605,
 * EBIT 363, D&A 37 (EBITDA 400), net income 242 on 100 shares (EPS 2.42), equity 1,200,
 * assets 2,000, debt 500, cash 100, DPS 1.21. At a price of 36.30 every ratio is a round
 * number worked out by hand in the assertions below.
 */
const GROWER = [
  year(2021, { revenue: 1000, eps: 2.0, netIncome: 200 }),
  year(2022, { revenue: 1100, eps: 2.2, netIncome: 220 }),
  year(2023, {
    revenue: 1210,
    grossProfit: 605,
    operatingIncome: 363,
    depreciation: 37,
    netIncome: 242,
    eps: 2.42,
    totalAssets: 2000,
    totalLiabilities: 800,
    shareholdersEquity: 1200,
    currentAssets: 600,
    currentLiabilities: 300,
    totalDebt: 500,
    cash: 100,
    sharesOutstanding: 100,
    dividendsPerShare: 1.21,
  }),
];

describe('fundamentals', () => {
  describe('deriveFundamentals', () => {
    const f = deriveFundamentals(GROWER, 36.3, 1.1);

    it('computes the valuation ratios', () => {
      expect(f.marketCap).to.be.closeTo(3630, 1e-9); // 36.30 × 100
      expect(f.pe).to.be.closeTo(15, 1e-9); // 36.30 / 2.42
      expect(f.pb).to.be.closeTo(3630 / 1200, 1e-9);
      expect(f.ps).to.be.closeTo(3, 1e-9); // 3,630 / 1,210
      expect(f.evToEbitda).to.be.closeTo(4030 / 400, 1e-9); // EV = 3,630 + 500 − 100
      expect(f.peg).to.be.closeTo(1.5, 1e-9); // 15 / 10 (EPS CAGR 2.00 → 2.42 over 2 years = 10 %)
      expect(f.dividendYield).to.be.closeTo(1.21 / 36.3, 1e-12);
      expect(f.payoutRatio).to.be.closeTo(0.5, 1e-12);
    });

    it('computes margins, returns, growth and balance-sheet ratios', () => {
      expect(f.grossMargin).to.be.closeTo(0.5, 1e-12);
      expect(f.operatingMargin).to.be.closeTo(0.3, 1e-12);
      expect(f.netMargin).to.be.closeTo(0.2, 1e-12);
      expect(f.roe).to.be.closeTo(242 / 1200, 1e-12);
      expect(f.roa).to.be.closeTo(0.121, 1e-12);
      expect(f.roic).to.be.closeTo((363 * 0.79) / 1600, 1e-12); // debt + equity − cash = 1,600
      expect(f.revenueGrowth).to.be.closeTo(0.1, 1e-12);
      expect(f.epsGrowth).to.be.closeTo(0.1, 1e-12);
      expect(f.debtToEquity).to.be.closeTo(500 / 1200, 1e-12);
      expect(f.currentRatio).to.be.closeTo(2, 1e-12);
      expect(f.eps).to.equal(2.42);
      expect(f.beta).to.equal(1.1);
    });

    it('returns null for ratios with a non-positive denominator', () => {
      const loss = deriveFundamentals(
        [
          year(2022, { eps: 1 }),
          year(2023, {
            eps: -0.5,
            netIncome: -50,
            shareholdersEquity: -10,
            operatingIncome: -80,
            depreciation: 30,
          }),
        ],
        20,
        1,
      );
      expect(loss.pe).to.equal(null);
      expect(loss.payoutRatio).to.equal(null);
      expect(loss.peg).to.equal(null);
      expect(loss.pb).to.equal(null);
      expect(loss.roe).to.equal(null);
      expect(loss.debtToEquity).to.equal(null);
      expect(loss.evToEbitda).to.equal(null); // EBITDA −50
      expect(loss.epsGrowth).to.be.closeTo(-1.5, 1e-12); // previous EPS 1 > 0: growth is defined
      expect(loss.eps).to.equal(-0.5);
    });

    it('uses YoY EPS growth for PEG with two years, and no growth with one', () => {
      const two = deriveFundamentals([year(2022, { eps: 1 }), year(2023, { eps: 1.25 })], 25, 1);
      expect(two.pe).to.be.closeTo(20, 1e-12);
      expect(two.peg).to.be.closeTo(20 / 25, 1e-12);
      const one = deriveFundamentals([year(2023)], 15, 1);
      expect(one.revenueGrowth).to.equal(null);
      expect(one.epsGrowth).to.equal(null);
      expect(one.peg).to.equal(null);
    });

    it('returns empty fundamentals without statements', () => {
      const none = deriveFundamentals([], 10, 0.9);
      expect(none.marketCap).to.equal(0);
      expect(none.pe).to.equal(null);
      expect(none.beta).to.equal(0.9);
    });
  });

  describe('growth helpers', () => {
    it('cagr: 100 → 121 over 2 years is 10 %', () => {
      expect(cagr(100, 121, 2)).to.be.closeTo(0.1, 1e-12);
      expect(cagr(-1, 121, 2)).to.equal(null);
      expect(cagr(100, 121, 0)).to.equal(null);
    });

    it('takes EPS and revenue CAGR over the fiscal-year span, with at least 3 years', () => {
      expect(epsCagr(GROWER)).to.be.closeTo(0.1, 1e-12);
      expect(revenueCagr(GROWER)).to.be.closeTo(0.1, 1e-12);
      expect(revenueCagr(GROWER.slice(1))).to.equal(null);
    });
  });

  describe('deriveQuote', () => {
    it('compares the last bar with the previous close and averages 20 days of volume', () => {
      const closes = Array.from({ length: 300 }, (_, i) => 100 + (i % 10));
      closes[10] = 500; // outside the last 252 bars: must not be the year high
      closes[298] = 100;
      closes[299] = 102;
      const bars = barsFromCloses(closes);
      bars.forEach((b, i) => {
        b.volume = i < 280 ? 1 : 2000; // the last 20 bars trade 2,000
      });
      const q = deriveQuote(bars);
      expect(q.price).to.equal(102);
      expect(q.previousClose).to.equal(100);
      expect(q.change).to.be.closeTo(2, 1e-12);
      expect(q.changePct).to.be.closeTo(2, 1e-12); // percent
      expect(q.avgVolume).to.equal(2000);
      expect(q.yearHigh).to.be.closeTo(109 * 1.01, 1e-9);
      expect(q.yearLow).to.be.closeTo(100 * 0.99, 1e-9);
      expect(q.asOf).to.equal(bars[299].date);
    });

    it('uses the open as the previous close with one bar, and rejects no bars', () => {
      const q = deriveQuote([{ date: '2024-01-02', open: 50, high: 52, low: 49, close: 51, volume: 10 }]);
      expect(q.change).to.equal(1);
      expect(q.changePct).to.be.closeTo(2, 1e-12);
      expect(() => deriveQuote([])).to.throw();
    });
  });
});
