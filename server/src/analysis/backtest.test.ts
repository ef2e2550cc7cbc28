import { expect } from 'chai';
import { sampleRankCorrelation } from 'simple-statistics';
import { backtestHorizon, type CloseSeries, type DatedScores, forwardReturn, monthEnds } from './backtest.ts';

/** `n` consecutive weekday-like dates from 2025-01-01 (the study only needs them ordered). */
function dates(n: number): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(2025, 0, 1));
  while (out.length < n) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

describe('backtest statistics', () => {
  it("Spearman's rho of the library matches the published worked example (midranks)", () => {
    // Wikipedia, "Spearman's rank correlation coefficient", Example: IQ against hours of TV
    // per week for ten people; rho = −29/165 ≈ −0.175757575.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(sampleRankCorrelation(iq, tv)).to.be.closeTo(-29 / 165, 1e-12);
  });

  it('a forward return runs from the formation close to the close N sessions later, and needs both', () => {
    const s: CloseSeries = { dates: dates(6), closes: [10, 11, 12, 13, 14, 15] };
    expect(forwardReturn(s, s.dates[1], 3)).to.be.closeTo(14 / 11 - 1, 1e-12);
    expect(forwardReturn(s, s.dates[2], 3)).to.be.closeTo(15 / 12 - 1, 1e-12);
    expect(forwardReturn(s, s.dates[3], 3), 'window not complete').to.equal(null);
    expect(forwardReturn(s, '2024-12-31', 1), 'no bar on the formation day').to.equal(null);
  });

  it('uses no close before the formation day and none after the horizon (point in time)', () => {
    const d = dates(8);
    const base: CloseSeries = { dates: d, closes: [5, 6, 10, 11, 12, 20, 30, 40] };
    const before = forwardReturn(base, d[2], 3);
    const planted: CloseSeries = { dates: d, closes: [500, 0.01, 10, 11, 12, 20, 1e6, 1e-6] };
    expect(forwardReturn(planted, d[2], 3)).to.equal(before);
  });

  it('the last formation date of each month', () => {
    expect(monthEnds(['2025-01-03', '2025-01-31', '2025-02-07', '2025-02-28', '2025-03-07'])).to.deep.equal([
      '2025-01-31',
      '2025-02-28',
      '2025-03-07',
    ]);
  });

  /** 40 stocks whose forward return is `sign × score / 1000` over `sessions` bars. */
  function universe(sign: 1 | -1, formationsCount: number, sessions: number) {
    const d = dates(formationsCount + sessions + 1);
    const prices = new Map<string, CloseSeries>();
    const formations: DatedScores[] = [];
    const tickers = Array.from({ length: 40 }, (_, i) => `T${String(i).padStart(2, '0')}`);
    const score = (i: number, f: number) => ((i * 7 + f * 13) % 40) + 1; // a different order each date
    for (let f = 0; f < formationsCount; f++)
      formations.push({ date: d[f], scores: tickers.map((ticker, i) => ({ ticker, score: score(i, f) })) });
    tickers.forEach((t, i) => {
      // close[f + sessions] / close[f] − 1 = sign × score(i, f) / 1000, built forwards.
      const closes = new Array<number>(d.length).fill(100);
      for (let f = 0; f < formationsCount; f++)
        closes[f + sessions] = closes[f] * (1 + (sign * score(i, f)) / 1000);
      prices.set(t, { dates: d, closes });
    });
    return { formations, prices };
  }

  it('a score that orders returns perfectly: IC 1, deciles rising, every top stock beats the median', () => {
    const { formations, prices } = universe(1, 3, 5);
    const r = backtestHorizon(formations, prices, { key: '1w', sessions: 5 });
    expect(r.dates).to.equal(3);
    for (const p of r.ic.series) expect(p.ic).to.be.closeTo(1, 1e-12);
    const means = r.deciles.map((x) => x.meanReturn ?? Number.NaN);
    for (let i = 1; i < means.length; i++) expect(means[i]).to.be.greaterThan(means[i - 1]);
    // Scores 1..40 each date: the top decile holds 37..40, mean 38.5 / 1000; the bottom 1..4.
    expect(r.deciles[9].meanReturn).to.be.closeTo(0.0385, 1e-12);
    expect(r.deciles[0].meanReturn).to.be.closeTo(0.0025, 1e-12);
    expect(r.spread).to.be.closeTo(0.036, 1e-12);
    expect(r.deciles[9].observations).to.equal(12);
    expect(r.topDecile.hitRate).to.equal(1);
  });

  it('a score that orders returns backwards: IC −1 and no top stock beats the median', () => {
    const { formations, prices } = universe(-1, 3, 5);
    const r = backtestHorizon(formations, prices, { key: '1w', sessions: 5 });
    expect(r.ic.mean).to.be.closeTo(-1, 1e-12);
    expect(r.topDecile.hitRate).to.equal(0);
    expect(r.spread).to.be.lessThan(0);
  });

  it('turnover is the share of the top decile replaced since the previous date', () => {
    const { formations, prices } = universe(1, 3, 5);
    const top = (f: number) =>
      new Set(
        [...formations[f].scores]
          .sort((a, b) => a.score - b.score)
          .slice(36)
          .map((s) => s.ticker),
      );
    const replaced = (a: Set<string>, b: Set<string>) => [...b].filter((t) => !a.has(t)).length / b.size;
    const expected = (replaced(top(0), top(1)) + replaced(top(1), top(2))) / 2;
    const r = backtestHorizon(formations, prices, { key: '1w', sessions: 5 });
    expect(r.topDecile.turnover).to.be.closeTo(expected, 1e-12);
    expect(expected).to.be.greaterThan(0);
  });

  it("the IC's t-statistic is mean / (sd / √n), over non-overlapping dates only", () => {
    // Formation dates 21 sessions apart would not overlap at 1m; at 3m (63) only every third does.
    const r1 = backtestHorizon([], new Map(), { key: '1m', sessions: 21 });
    expect(r1.ic.t).to.equal(null);
    const { formations, prices } = universe(1, 7, 63);
    const r = backtestHorizon(formations, prices, { key: '3m', sessions: 63 });
    expect(r.ic.independentDates).to.equal(3); // dates 0, 3 and 6 of 7
    expect(r.ic.series).to.have.length(7);
    // All ICs are 1 here: zero spread, so no t-statistic rather than an infinite one.
    expect(r.ic.t).to.equal(null);
  });

  it('a t-statistic checked by hand', () => {
    const { formations, prices } = universe(1, 3, 5);
    // Reverse part of the second and third dates so the ICs differ: recompute the expected t by hand.
    const scrambled = formations.map((f, k) => ({
      date: f.date,
      scores: f.scores.map((s, i) => ({ ticker: s.ticker, score: i < k * 10 ? 41 - s.score : s.score })),
    }));
    const r = backtestHorizon(scrambled, prices, { key: '1w', sessions: 5 });
    const ics = r.ic.series.map((p) => p.ic);
    expect(ics[0]).to.be.closeTo(1, 1e-12);
    expect(ics[1]).to.be.lessThan(1);
    const m = (ics[0] + ics[1] + ics[2]) / 3;
    const sd = Math.sqrt(ics.reduce((a, x) => a + (x - m) ** 2, 0) / 2);
    expect(r.ic.t).to.be.closeTo(m / (sd / Math.sqrt(3)), 1e-9);
  });

  it('leaves out a date with fewer than 20 stocks that have a forward return', () => {
    const { formations, prices } = universe(1, 2, 5);
    const thin = [{ date: formations[0].date, scores: formations[0].scores.slice(0, 19) }, formations[1]];
    expect(backtestHorizon(thin, prices, { key: '1w', sessions: 5 }).dates).to.equal(1);
  });
});
