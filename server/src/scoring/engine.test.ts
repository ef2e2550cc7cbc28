import { expect } from 'chai';
import { TYPICAL_INDUSTRY, year } from '../../test-support/fixtures.ts';
import { syntheticUniverse } from '../../test-support/synthetic-scores.ts';
import { deriveFundamentals } from '../analysis/fundamentals.ts';
import type { AnnualFinancials, Sector } from '../market/types.ts';
import { payoutSustainability, rsiPenalty, WEIGHTS } from './components.ts';
import { type ScoreInput, type ScoreResult, scoreUniverse } from './engine.ts';
import { altmanNote } from './explain.ts';
import { percentileRanks } from './percentiles.ts';
import { COMPONENT_KEYS } from './types.ts';

/** 300 closes from `f(i)`; flat at 10 by default. */
const closes = (f: (i: number) => number = () => 10) => Array.from({ length: 300 }, (_, i) => f(i));

/** A stock priced 10 with 100 shares (market cap 1,000) and two plain fiscal years; `latest` overrides 2023. */
function stock(
  ticker: string,
  sector: Sector,
  latest: Partial<AnnualFinancials> = {},
  series = closes(),
  beta = 1,
): ScoreInput {
  const financials = [year(2022), year(2023, latest)];
  return {
    ticker,
    sector,
    industry: TYPICAL_INDUSTRY[sector],
    fundamentals: deriveFundamentals(financials, series[series.length - 1], beta),
    financials,
    closes: series,
  };
}

const byTicker = (results: ScoreResult[], ticker: string) =>
  results.find((r) => r.ticker === ticker) as ScoreResult;
const component = (r: ScoreResult, key: string) => r.explanation.components.find((c) => c.key === key);
const driver = (r: ScoreResult, key: string, metric: string) =>
  component(r, key)?.drivers.find((d) => d.metric === metric);
/** The labels of a component's drivers, as the result gives them. */
const labels = (r: ScoreResult, key: string) => (component(r, key)?.drivers ?? []).map((d) => d.label);

describe('scoring engine', () => {
  describe('percentileRanks', () => {
    it('ranks 0-100 with ties sharing their average rank and NaN left unknown', () => {
      const values = new Float64Array([10, 20, 20, 40, Number.NaN]);
      const out = new Float64Array(5).fill(Number.NaN);
      expect(percentileRanks(values, [0, 1, 2, 3, 4], out)).to.equal(4);
      expect(Array.from(out.slice(0, 4))).to.deep.equal([0, 50, 50, 100]);
      expect(Number.isNaN(out[4])).to.equal(true);
    });

    it('gives 50 to a lone value', () => {
      const out = new Float64Array(1);
      percentileRanks(new Float64Array([3]), [0], out);
      expect(out[0]).to.equal(50);
    });
  });

  describe('rules', () => {
    it('takes 0.5 momentum points per RSI point beyond 70 or 30', () => {
      expect(rsiPenalty(50)).to.equal(0);
      expect(rsiPenalty(70)).to.equal(0);
      expect(rsiPenalty(80)).to.equal(5);
      expect(rsiPenalty(100)).to.equal(15);
      expect(rsiPenalty(25)).to.equal(2.5);
      expect(rsiPenalty(null)).to.equal(0);
    });

    it('scores payout sustainability 100 up to 60 %, 0 from 100 % or with losses', () => {
      expect(payoutSustainability(year(2023, { eps: 2, dividendsPerShare: 1 }))).to.equal(100);
      expect(payoutSustainability(year(2023, { eps: 1, dividendsPerShare: 0.8 }))).to.be.closeTo(50, 1e-9);
      expect(payoutSustainability(year(2023, { eps: 1, dividendsPerShare: 1.2 }))).to.equal(0);
      expect(payoutSustainability(year(2023, { eps: -1, dividendsPerShare: 0.5 }))).to.equal(0);
      expect(payoutSustainability(year(2023, { dividendsPerShare: 0 }))).to.equal(null);
    });

    it('scores a universe of identical stocks a middling 50 on every factor and overall', () => {
      // Every percentile is a tie (50) and no dividend is paid: the composite is 50 only when the
      // weights sum to 1, and every factor must be present and scored.
      const noDividend = { dividendsPerShare: 0 };
      const same = (ticker: string) => ({
        ...stock(
          ticker,
          'Utilities',
          noDividend,
          closes((i) => 10 + (i % 2)),
        ),
        financials: [year(2022, noDividend), year(2023, noDividend)],
      });
      const results = scoreUniverse(['A', 'B', 'C'].map(same));
      for (const r of results) {
        expect(r.score, r.ticker).to.equal(50);
        expect(r.components, r.ticker).to.deep.equal(Object.fromEntries(COMPONENT_KEYS.map((k) => [k, 50])));
        expect(r.explanation.components.map((c) => c.key)).to.deep.equal([...COMPONENT_KEYS]);
      }
    });
  });

  describe('sector-relative value', () => {
    // Six banks at P/B 0.8-1.5 and six tech companies at P/B 5-10 (equity = 1,000 / P/B).
    const banks = [0.8, 0.9, 1.0, 1.1, 1.2, 1.5].map((pb, i) =>
      stock(`BANK${i}`, 'Financials', { shareholdersEquity: 1000 / pb }),
    );
    const tech = [5, 6, 7, 8, 9, 10].map((pb, i) =>
      stock(`TECH${i}`, 'Information Technology', { shareholdersEquity: 1000 / pb }),
    );
    const energy = [stock('OIL0', 'Energy', { shareholdersEquity: 2000 }), stock('OIL1', 'Energy')];
    const results = scoreUniverse([...banks, ...tech, ...energy]);

    it("ranks a bank's P/B against banks only", () => {
      // BANK5 (P/B 1.5) is the dearest bank, though cheaper than every tech stock.
      expect(driver(byTicker(results, 'BANK5'), 'value', 'pb')?.percentile).to.equal(0);
      expect(driver(byTicker(results, 'BANK0'), 'value', 'pb')?.percentile).to.equal(100);
      // TECH0 (P/B 5) is the cheapest tech stock.
      expect(driver(byTicker(results, 'TECH0'), 'value', 'pb')?.percentile).to.equal(100);
      // The note names every value driver and the bank's own peer group, not the universe.
      const note = component(byTicker(results, 'BANK0'), 'value')?.note ?? '';
      for (const label of labels(byTicker(results, 'BANK0'), 'value')) expect(note).to.include(label);
      expect(note).to.include('within Financials').and.not.include('all stocks');
    });

    it('names the driver and its peer group in the strengths', () => {
      const pb = driver(byTicker(results, 'BANK0'), 'value', 'pb')?.label;
      expect(byTicker(results, 'BANK0').explanation.strengths).to.include(
        `${pb} 0.8 (top 1 % of Financials)`,
      );
      expect(byTicker(results, 'BANK5').explanation.weaknesses).to.include(
        `${pb} 1.5 (bottom 1 % of Financials)`,
      );
    });

    it('falls back to the universe for a sector with fewer than 5 peers, and says so', () => {
      // OIL0: P/B 0.5, the lowest of all 14.
      expect(driver(byTicker(results, 'OIL0'), 'value', 'pb')?.percentile).to.equal(100);
      const oil = byTicker(results, 'OIL0');
      const note = component(oil, 'value')?.note ?? '';
      for (const label of labels(oil, 'value')) expect(note).to.include(label);
      expect(note).to.include('against all stocks').and.include('Energy peers');
      expect(oil.explanation.strengths).to.include(
        `${driver(oil, 'value', 'pb')?.label} 0.5 (top 1 % of all stocks)`,
      );
    });

    it('does not compute the Altman Z-score for Financials', () => {
      expect(byTicker(results, 'BANK0').metrics.altmanZ).to.equal(null);
      expect(byTicker(results, 'TECH0').metrics.altmanZ).to.be.a('number');
    });
  });

  describe('Altman model and gross margin by industry', () => {
    // year(2023) figures: Z (market cap 1,000) = .18 + .42 + .33 + 0.6·1.0 + .5 = 2.03 (grey);
    // Z'' = .984 + .978 + .672 + 1.05 = 3.684 (safe). A manufacturer with EBIT 0 instead:
    // Z = .18 + .42 + 0 + .6 + .5 = 1.70 (distress).
    const input = (
      ticker: string,
      sector: Sector,
      industry: string,
      latest: Partial<AnnualFinancials> = {},
    ) => ({
      ...stock(ticker, sector, latest),
      industry,
    });
    const results = scoreUniverse([
      input('SOFT', 'Information Technology', 'Application Software'),
      input('CHIP', 'Information Technology', 'Semiconductors'),
      input('WEAK', 'Industrials', 'Aerospace & Defense', { operatingIncome: 0 }),
      input('REIT', 'Real Estate', 'Industrial REITs'),
      input('BANK', 'Financials', 'Diversified Banks', { grossProfit: 1000 }),
      input('VISA', 'Financials', 'Transaction & Payment Processing Services', { grossProfit: 800 }),
    ]);
    const risk = (t: string) => byTicker(results, t).explanation.components.find((c) => c.key === 'risk');
    const quality = (t: string) =>
      byTicker(results, t).explanation.components.find((c) => c.key === 'quality');

    it("uses Z'' for a software company and Z for a chip maker, ranked by their place in their zones", () => {
      expect(byTicker(results, 'SOFT').metrics.altmanModel).to.equal('non-manufacturer');
      expect(byTicker(results, 'SOFT').metrics.altmanZ).to.be.closeTo(3.684, 1e-9);
      expect(byTicker(results, 'CHIP').metrics.altmanModel).to.equal('manufacturer');
      expect(byTicker(results, 'CHIP').metrics.altmanZ).to.be.closeTo(2.03, 1e-9);
      // Safe Z'' > grey Z > distressed Z: percentiles 100, 50, 0 among the three with a score.
      const pct = (t: string) => risk(t)?.drivers.find((d) => d.metric === 'altmanZ')?.percentile;
      expect([pct('SOFT'), pct('CHIP'), pct('WEAK')]).to.deep.equal([100, 50, 0]);
      expect(risk('SOFT')?.note).to.include(altmanNote('non-manufacturer'));
      expect(risk('CHIP')?.note).to.include(altmanNote('manufacturer'));
      expect(risk('CHIP')?.note).to.not.include(altmanNote('non-manufacturer'));
    });

    it('keeps Real Estate and Financials out of the Altman score and says why', () => {
      expect(byTicker(results, 'REIT').metrics.altmanZ).to.equal(null);
      expect(risk('REIT')?.drivers.find((d) => d.metric === 'altmanZ')?.percentile).to.equal(null);
      // The note names the driver that does not apply and the sector it does not apply to.
      const altman = driver(byTicker(results, 'REIT'), 'risk', 'altmanZ')?.label;
      expect(risk('REIT')?.note).to.include(`${altman} does not apply to Real Estate`);
      expect(risk('BANK')?.note).to.include(`${altman} does not apply to Financials`);
      expect(risk('SOFT')?.note).to.not.include('does not apply');
    });

    it('shows no gross margin for a bank and leaves it out of its quality score', () => {
      const gm = quality('BANK')?.drivers.find((d) => d.metric === 'grossMargin');
      expect(gm).to.include({ value: null, percentile: null });
      expect(quality('BANK')?.note).to.include(`${gm?.label} does not apply`);
      expect(quality('VISA')?.note).to.not.include('does not apply');
      // A payment network keeps its 80 % margin.
      expect(quality('VISA')?.drivers.find((d) => d.metric === 'grossMargin')?.value).to.be.closeTo(
        0.8,
        1e-12,
      );
      // The bank's quality score is the mean of its other known percentiles only.
      const known = (quality('BANK')?.drivers ?? []).filter((d) => d.percentile !== null);
      const mean = known.reduce((sum, d) => sum + (d.percentile as number), 0) / known.length;
      expect(known.map((d) => d.metric)).to.not.include('grossMargin');
      expect(quality('BANK')?.score).to.be.closeTo(Math.round(mean * 10) / 10, 0.051);
    });
  });

  describe('momentum and risk', () => {
    const results = scoreUniverse([
      stock(
        'UP',
        'Industrials',
        {},
        closes((i) => 50 + i * 0.5),
      ),
      stock(
        'FLAT',
        'Industrials',
        {},
        closes((i) => 100 + (i % 2)),
      ),
      stock(
        'DOWN',
        'Industrials',
        {},
        closes((i) => 400 - i),
      ),
    ]);
    const up = byTicker(results, 'UP');

    it('orders momentum by trend and applies the RSI penalty', () => {
      expect(up.metrics.rsi14).to.equal(100);
      expect(up.components.momentum).to.equal(85); // percentiles 100, less 15 points for RSI 100
      expect(byTicker(results, 'FLAT').components.momentum).to.equal(50);
      expect(byTicker(results, 'DOWN').components.momentum).to.equal(0);
      expect(up.explanation.components.find((c) => c.key === 'momentum')?.note).to.equal(
        'RSI 100 is above 70 (overbought): −15.0 points.',
      );
      expect(byTicker(results, 'DOWN').explanation.weaknesses).to.include('RSI 0 (oversold)');
    });

    it('treats lower volatility as safer', () => {
      expect(driver(up, 'risk', 'volatility')?.better).to.equal('lower');
      const vols = ['UP', 'FLAT', 'DOWN'].map((t) => byTicker(results, t).metrics.volatility as number);
      const pcts = ['UP', 'FLAT', 'DOWN'].map(
        (t) => driver(byTicker(results, t), 'risk', 'volatility')?.percentile,
      );
      // the least volatile gets 100, the most volatile 0
      expect(pcts[vols.indexOf(Math.min(...vols))]).to.equal(100);
      expect(pcts[vols.indexOf(Math.max(...vols))]).to.equal(0);
    });
  });

  describe('missing data', () => {
    const bare: ScoreInput = {
      ticker: 'NEW',
      sector: 'Health Care',
      industry: 'Pharmaceuticals',
      fundamentals: deriveFundamentals([], 10, 1.2),
      financials: [],
      closes: [10, 10.5, 11],
    };
    const results = scoreUniverse([
      bare,
      stock('OLD1', 'Health Care'),
      stock('OLD2', 'Health Care', { netIncome: 10 }),
    ]);
    const r = byTicker(results, 'NEW');

    it('scores unknown factors a neutral 50 and says so', () => {
      expect(r.components.value).to.equal(50);
      expect(r.components.quality).to.equal(50);
      expect(r.components.growth).to.equal(50);
      expect(r.components.momentum).to.equal(50);
      expect(r.components.dividend).to.equal(50);
      // The summary's "not enough data" sentence names each factor without data, and only those.
      const unknown =
        /Not enough data for ([^:]*): scored a neutral 50/.exec(r.explanation.summary)?.[1] ?? '';
      for (const c of r.explanation.components) {
        const named = unknown.includes(c.label.toLowerCase());
        expect(named, c.key).to.equal(c.drivers.every((d) => d.percentile === null));
      }
      expect(component(r, 'value')?.note).to.contain('neutral 50');
    });

    it('ranks what is known: beta alone decides its risk score', () => {
      expect(driver(r, 'risk', 'beta')?.percentile).to.equal(0); // beta 1.2 vs 1.0, 1.0
      expect(r.components.risk).to.equal(0);
    });
  });

  describe('composite, order and determinism', () => {
    const universe = syntheticUniverse(300, 300, 7);
    const results = scoreUniverse(universe);

    it('keeps every score within 0-100 at one decimal', () => {
      for (const r of results) {
        for (const v of [r.score, ...Object.values(r.components)]) {
          expect(v).to.be.within(0, 100);
          expect(Math.round(v * 10) / 10).to.equal(v);
        }
      }
    });

    it('is the weighted mean of the components', () => {
      for (const r of results) {
        const mean = COMPONENT_KEYS.reduce((s, k) => s + WEIGHTS[k] * r.components[k], 0);
        expect(Math.abs(mean - r.score)).to.be.at.most(0.1 + 1e-9);
      }
    });

    it('returns the results best first with ranks 1..n', () => {
      expect(results.map((r) => r.rank)).to.deep.equal(results.map((_, i) => i + 1));
      for (let i = 1; i < results.length; i++) expect(results[i - 1].score).to.be.at.least(results[i].score);
      expect(results[0].explanation.summary).to.contain('Ranks #1 of 300, in the top 1 % of the universe.');
    });

    it('gives the same output whatever the input order', () => {
      const shuffled = [...universe].reverse();
      shuffled.push(shuffled.splice(17, 1)[0]);
      expect(scoreUniverse(shuffled)).to.deep.equal(results);
    });

    it('can skip the explanations and still give the same scores', () => {
      const bare = scoreUniverse(universe, { explain: false });
      expect(bare.map((r) => [r.ticker, r.score, r.components])).to.deep.equal(
        results.map((r) => [r.ticker, r.score, r.components]),
      );
      expect(bare[0].explanation).to.deep.equal({
        summary: '',
        strengths: [],
        weaknesses: [],
        components: [],
      });
    });

    it('returns nothing for an empty universe', () => {
      expect(scoreUniverse([])).to.deep.equal([]);
    });
  });
});
