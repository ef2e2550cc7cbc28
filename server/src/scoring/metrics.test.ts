import { expect } from 'chai';
import { TYPICAL_INDUSTRY, year } from '../../test-support/fixtures.ts';
import { deriveFundamentals } from '../analysis/fundamentals.ts';
import type { AnnualFinancials, Sector } from '../market/types.ts';
import { computeMetrics, dividendGrowthYears } from './metrics.ts';
import type { ScoreInput } from './types.ts';

function input(
  financials: AnnualFinancials[],
  closes: number[],
  sector: Sector = 'Industrials',
  industry = TYPICAL_INDUSTRY[sector],
): ScoreInput {
  return {
    ticker: 'X',
    sector,
    industry,
    fundamentals: deriveFundamentals(financials, closes[closes.length - 1], 1),
    financials,
    closes,
  };
}

const fiveYears = (values: Array<Partial<AnnualFinancials>>) => values.map((v, i) => year(2019 + i, v));

describe('stock metrics', () => {
  it('counts the dividend record from the latest year back', () => {
    const dps = (xs: number[]) => fiveYears(xs.map((d) => ({ dividendsPerShare: d })));
    expect(dividendGrowthYears(dps([0.5, 0.5, 0.6, 0.55, 0.6]))).to.equal(1); // 0.55 < 0.60 stops it
    expect(dividendGrowthYears(dps([0, 0.4, 0.5, 0.5, 0.6]))).to.equal(3); // 0 → 0.4 is a start, not a step
    expect(dividendGrowthYears(dps([0, 0, 0, 0, 0]))).to.equal(0);
    const m = computeMetrics(input(dps([0, 0.4, 0.5, 0.5, 0.6]), [10, 11]));
    expect(m.dividendYearsPaid).to.equal(4);
  });

  it('counts consecutive profitable years and averages three years of EPS', () => {
    const m = computeMetrics(input(fiveYears([1, -1, 1, 2, 3].map((eps) => ({ eps }))), [10, 11]));
    expect(m.positiveEarningsYears).to.equal(3);
    expect(m.epsAvg3y).to.be.closeTo(2, 1e-12);
    expect(m.yearsOfData).to.equal(5);
  });

  it('counts profitable years as a streak back from the latest year, not as a total', () => {
    const streak = (eps: number[]) =>
      computeMetrics(input(fiveYears(eps.map((e) => ({ eps: e }))), [10, 11])).positiveEarningsYears;
    expect(streak([1, 1, 1, -1, 1])).to.equal(1); // four profitable years, but only the latest in a row
    expect(streak([1, 1, 1, 1, -1])).to.equal(0); // a loss in the latest year ends the streak
    expect(streak([1, 1, 1, 1, 1])).to.equal(5);
  });

  it('computes the Graham number from EPS and book value per share (1.5 and 10 → 18.37)', () => {
    const m = computeMetrics(
      input([year(2023, { eps: 1.5, shareholdersEquity: 1000, sharesOutstanding: 100 })], [15]),
    );
    expect(m.bookValuePerShare).to.equal(10);
    expect(m.grahamNumber).to.be.closeTo(Math.sqrt(337.5), 1e-12);
    expect(m.grahamNumber).to.be.closeTo(18.37, 0.005);
  });

  it("computes Greenblatt ratios, FCF yield and Altman Z or Z'' by industry (not for Financials or Real Estate)", () => {
    const fin = [year(2023)]; // EBIT 200, debt 500, cash 100, CFO 220, capex 60, 100 shares
    const m = computeMetrics(input(fin, [16])); // market cap 1,600, EV 2,000
    expect(m.earningsYield).to.be.closeTo(0.1, 1e-12);
    expect(m.fcfYield).to.be.closeTo(160 / 1600, 1e-12);
    // year(2023): assets 2,000, WC 300, RE 600, EBIT 200, equity 1,000, liabilities 1,000, sales 1,000.
    // Manufacturer (industrial machinery), 1968 Z with market cap 1,600:
    //   1.2·.15 + 1.4·.30 + 3.3·.10 + 0.6·1.6 + 1.0·.5 = .18 + .42 + .33 + .96 + .5 = 2.39
    expect(m.altmanModel).to.equal('manufacturer');
    expect(m.altmanZ).to.be.closeTo(2.39, 1e-12);
    // Non-manufacturer (software), Z'' with book equity / liabilities = 1:
    //   6.56·.15 + 3.26·.30 + 6.72·.10 + 1.05·1 = .984 + .978 + .672 + 1.05 = 3.684
    const soft = computeMetrics(input(fin, [16], 'Information Technology', 'Application Software'));
    expect(soft.altmanModel).to.equal('non-manufacturer');
    expect(soft.altmanZ).to.be.closeTo(3.684, 1e-12);
    for (const sector of ['Financials', 'Real Estate'] as const) {
      const none = computeMetrics(input(fin, [16], sector));
      expect([none.altmanZ, none.altmanModel], sector).to.deep.equal([null, null]);
    }
  });

  it('computes price indicators from the closes, and the range from highs/lows when given', () => {
    const closes = Array.from({ length: 300 }, (_, i) => i + 1);
    const base = input([year(2023)], closes);
    const m = computeMetrics(base);
    expect(m.momentum12_1).to.be.closeTo(279 / 48 - 1, 1e-12);
    expect(m.return6m).to.be.closeTo(300 / 174 - 1, 1e-12);
    expect(m.sma50).to.be.closeTo(275.5, 1e-12);
    expect(m.sma200).to.be.closeTo(200.5, 1e-12);
    expect(m.rsi14).to.equal(100);
    expect(m.high52w).to.equal(300);
    expect(m.low52w).to.equal(49);
    const withRange = computeMetrics({
      ...base,
      highs: closes.map((c) => c + 1),
      lows: closes.map((c) => c - 1),
    });
    expect(withRange.high52w).to.equal(301);
    expect(withRange.low52w).to.equal(48);
  });

  it('is null where there is not enough data', () => {
    const m = computeMetrics(input([year(2023)], [10, 11, 12]));
    expect(m.piotroskiF).to.equal(null);
    expect(m.piotroskiPassed).to.deep.equal([]);
    expect(m.momentum12_1).to.equal(null);
    expect(m.volatility).to.equal(null);
    expect(m.sma200).to.equal(null);
    expect(m.epsCagr).to.equal(null);
    expect(m.epsAvg3y).to.equal(null);
  });

  it("keeps the closes performance starts from: N sessions back, one fewer for a live price, and the prior year's last close", () => {
    // close[i] = i + 1, 300 closes: the last bar t = 299 closed at 300.
    const closes = Array.from({ length: 300 }, (_, i) => i + 1);
    const m = computeMetrics({ ...input(fiveYears([{}, {}, {}, {}, {}]), closes), yearStartIndex: 280 });
    expect(m.performanceBases).to.deep.equal({
      '1w': [295, 296], // close[t − 5], close[t − 4]
      '1m': [279, 280],
      '3m': [237, 238],
      '6m': [174, 175],
      '1y': [48, 49],
      ytd: [280, 300], // the close before the year's first bar (index 279), and the last close
    });
    expect(m.sma20).to.equal((281 + 300) / 2);
    // Short history: no base where the series does not reach; no year start, no YTD base.
    const short = computeMetrics(input(fiveYears([{}, {}, {}, {}, {}]), closes.slice(0, 30)));
    expect(short.performanceBases['1m']).to.deep.equal([9, 10]);
    expect(short.performanceBases['3m']).to.deep.equal([null, null]);
    expect(short.performanceBases.ytd).to.deep.equal([null, 30]);
    expect(
      computeMetrics({ ...input(fiveYears([{}]), closes), yearStartIndex: 0 }).performanceBases.ytd,
    ).to.deep.equal([null, 300]);
  });
});
