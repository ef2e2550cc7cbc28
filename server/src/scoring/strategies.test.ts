import { expect } from 'chai';
import { syntheticUniverse } from '../../test-support/synthetic-scores.ts';
import type { Fundamentals } from '../market/types.ts';
import { scoreUniverse } from './engine.ts';
import {
  getStrategy,
  grahamPe,
  priceToGrahamNumber,
  ruleFailures,
  runStrategy,
  STRATEGIES,
  type Strategy,
  type StrategyRow,
  strategyContext,
  UnknownStrategyError,
} from './strategies.ts';
import type { StockMetrics } from './types.ts';

/** A middling stock that passes none of the strategies except the Magic Formula. */
function row(
  ticker: string,
  over: {
    fundamentals?: Partial<Fundamentals>;
    metrics?: Partial<StockMetrics>;
    price?: number;
    score?: number;
    sector?: string;
  } = {},
): StrategyRow {
  return {
    ticker,
    name: `${ticker} Inc.`,
    sector: over.sector ?? 'Industrials',
    price: over.price ?? 100,
    score: over.score ?? 50,
    components: { value: 50, quality: 50, growth: 50, momentum: 50, risk: 50, dividend: 50 },
    fundamentals: {
      marketCap: 10e9,
      pe: 20,
      pb: 3,
      ps: 2,
      evToEbitda: 12,
      peg: 2,
      dividendYield: 0.01,
      payoutRatio: 0.2,
      grossMargin: 0.4,
      operatingMargin: 0.15,
      netMargin: 0.1,
      roe: 0.12,
      roa: 0.06,
      roic: 0.1,
      revenueGrowth: 0.05,
      epsGrowth: 0.05,
      debtToEquity: 0.8,
      currentRatio: 1.5,
      eps: 5,
      beta: 1,
      ...over.fundamentals,
    },
    metrics: {
      piotroskiF: 5,
      piotroskiPassed: [],
      altmanZ: 2.5,
      altmanModel: 'manufacturer',
      grahamNumber: 60,
      bookValuePerShare: 33,
      earningsYield: 0.08,
      returnOnCapital: 0.2,
      fcfYield: 0.04,
      momentum12_1: -0.05,
      return6m: 0.02,
      volatility: 0.25,
      rsi14: 55,
      sma20: 101,
      sma50: 100,
      sma200: 98,
      high52w: 120,
      low52w: 80,
      epsCagr: 0.05,
      revenueCagr: 0.05,
      epsAvg3y: 4.8,
      revenue: 5e9,
      workingCapital: 1e9,
      longTermDebt: 2e9,
      dividendGrowthYears: 1,
      dividendYearsPaid: 5,
      positiveEarningsYears: 5,
      yearsOfData: 5,
      performanceBases: {
        '1w': [null, null],
        '1m': [null, null],
        '3m': [null, null],
        '6m': [null, null],
        '1y': [null, null],
        ytd: [null, null],
      },
      ...over.metrics,
    },
  };
}

/** The registered strategy `id`; fails the test when there is none. */
function strategy(id: string): Strategy {
  const found = getStrategy(id);
  if (!found) throw new Error(`no strategy ${id}`);
  return found;
}
const passes = (id: string, r: StrategyRow, universe: StrategyRow[] = [r]) =>
  strategy(id).filter(r, strategyContext(universe));
const tickers = (id: string, rows: StrategyRow[], limit = 50) =>
  runStrategy(id, rows, limit).map((m) => m.ticker);

describe('screener strategies', () => {
  describe('registry', () => {
    it('has the required strategies with unique kebab-case ids and documentation', () => {
      const ids = STRATEGIES.map((s) => s.id);
      expect(new Set(ids).size).to.equal(ids.length);
      for (const id of [
        'value',
        'growth',
        'momentum',
        'dividend',
        'quality',
        'garp',
        'piotroski',
        'graham-defensive',
        'magic-formula',
        'altman-safe',
      ]) {
        expect(ids).to.include(id);
      }
      for (const s of STRATEGIES) {
        expect(s.id).to.match(/^[a-z]+(-[a-z]+)*$/);
        expect(s.description.length, s.id).to.be.greaterThan(80);
        expect(s.source.length, s.id).to.be.greaterThan(20);
        expect(s.rules.length, s.id).to.be.greaterThan(0);
        expect(s.ranking, s.id).to.match(/^by /);
      }
    });

    it('counts, per rule, the rows that fail it; a row matches exactly when it fails none', () => {
      const ok = row('OK', { fundamentals: { currentRatio: 2.5 } });
      const lowCr = row('LOWCR', { fundamentals: { currentRatio: 1.2 } });
      const two = row('TWO', { fundamentals: { currentRatio: 1.2 }, metrics: { dividendYearsPaid: 2 } });
      const rows = [ok, lowCr, two];
      const graham = strategy('graham-defensive');
      const ctx = strategyContext(rows);
      const excluded = (r: StrategyRow) => ruleFailures(graham, [r], ctx).map((f) => f.excluded);
      const failures = ruleFailures(graham, rows, ctx);
      // One count per rule, in rule order: each the sum of the rows that fail it.
      expect(failures.map((f) => f.rule)).to.deep.equal(graham.rules);
      expect(failures.map((f) => f.excluded)).to.deep.equal(
        graham.rules.map((_, i) => excluded(ok)[i] + excluded(lowCr)[i] + excluded(two)[i]),
      );
      // A low current ratio fails one more rule than OK; two years of dividends one more again.
      const extra = (r: StrategyRow) => excluded(r).reduce((n, x, i) => n + x - excluded(ok)[i], 0);
      expect([extra(lowCr), extra(two)]).to.deep.equal([1, 2]);
      for (const s of STRATEGIES)
        for (const r of rows) {
          const failsNone = ruleFailures(s, [r], ctx).every((f) => f.excluded === 0);
          expect(s.filter(r, ctx), `${s.id} ${r.ticker}`).to.equal(failsNone);
        }
    });

    it('rejects an unknown id, honours the limit and numbers the ranks', () => {
      expect(() => runStrategy('astrology', [])).to.throw(UnknownStrategyError);
      expect(getStrategy('astrology')).to.equal(undefined);
      const rows = ['A', 'B', 'C'].map((t) => row(t));
      const matches = runStrategy('magic-formula', rows, 2);
      expect(matches.map((m) => m.rank)).to.deep.equal([1, 2]);
      expect(matches[0].reasons?.length).to.be.greaterThan(0);
      expect(runStrategy('magic-formula', rows, 0)).to.deep.equal([]);
    });

    it('rejects the default row everywhere but the Magic Formula', () => {
      for (const s of STRATEGIES) expect(passes(s.id, row('X')), s.id).to.equal(s.id === 'magic-formula');
    });
  });

  describe('graham-defensive', () => {
    // Passes every test: revenue $5 B, current ratio 2.5, LTD $1 B ≤ working capital $1.5 B,
    // 5 profitable and dividend-paying years, EPS CAGR 5 %, price 60 on 3-year EPS 5 → P/E 12, P/B 1.5.
    const graham = (
      fundamentals: Partial<Fundamentals> = {},
      metrics: Partial<StockMetrics> = {},
      price = 60,
    ) =>
      row('G', {
        price,
        fundamentals: { currentRatio: 2.5, pb: 1.5, ...fundamentals },
        metrics: { longTermDebt: 1e9, workingCapital: 1.5e9, epsAvg3y: 5, epsCagr: 0.05, ...metrics },
      });

    it('passes P/E 12 × P/B 1.5 = 18 ≤ 22.5', () => {
      expect(grahamPe(graham())).to.be.closeTo(12, 1e-12);
      expect(passes('graham-defensive', graham())).to.equal(true);
    });

    it('fails a P/E of 20 (price 60 on EPS 3), and P/E 16 even with P/B 1', () => {
      expect(passes('graham-defensive', graham({}, { epsAvg3y: 3 }))).to.equal(false);
      expect(passes('graham-defensive', graham({ pb: 1 }, { epsAvg3y: 60 / 16 }))).to.equal(false);
    });

    it('applies P/E × P/B ≤ 22.5 or P/B ≤ 1.5', () => {
      expect(passes('graham-defensive', graham({ pb: 1.8 }, { epsAvg3y: 60 / 14 }))).to.equal(false); // 25.2
      expect(passes('graham-defensive', graham({ pb: 2.2 }, { epsAvg3y: 6 }))).to.equal(true); // 10 × 2.2 = 22
      expect(passes('graham-defensive', graham({ pb: 1.5 }, { epsAvg3y: 4 }))).to.equal(true); // 15 × 1.5 = 22.5
    });

    it('requires size, liquidity, a 5-year record and EPS growth', () => {
      expect(passes('graham-defensive', graham({}, { revenue: 1e9 }))).to.equal(false);
      expect(passes('graham-defensive', graham({ currentRatio: 1.9 }))).to.equal(false);
      expect(passes('graham-defensive', graham({}, { longTermDebt: 2e9 }))).to.equal(false);
      expect(passes('graham-defensive', graham({}, { positiveEarningsYears: 4 }))).to.equal(false);
      expect(passes('graham-defensive', graham({}, { dividendYearsPaid: 4 }))).to.equal(false);
      expect(passes('graham-defensive', graham({}, { epsCagr: 0.02 }))).to.equal(false); // < 2.9 %
    });

    it('ranks by price ÷ Graham number, lowest first', () => {
      const cheap = row('CHEAP', {
        ...graham(),
        price: 60,
        metrics: { ...graham().metrics, grahamNumber: 90 },
      });
      const fair = row('FAIR', {
        ...graham(),
        price: 60,
        metrics: { ...graham().metrics, grahamNumber: 65 },
      });
      const g = { ...graham(), ticker: 'G' };
      expect(priceToGrahamNumber(cheap)).to.be.closeTo(60 / 90, 1e-12);
      expect(tickers('graham-defensive', [fair, g, cheap])).to.deep.equal(['CHEAP', 'FAIR', 'G']);
    });
  });

  describe('piotroski', () => {
    // P/B of the universe: 1, 1.5, 2, 3, 4, 6 → median 2.5.
    const universe = [
      row('F9', { metrics: { piotroskiF: 9 }, fundamentals: { pb: 3 } }),
      row('F8CHEAP', { metrics: { piotroskiF: 8 }, fundamentals: { pb: 1 } }),
      row('F8', { metrics: { piotroskiF: 8 }, fundamentals: { pb: 2 } }),
      row('F8DEAR', { metrics: { piotroskiF: 8 }, fundamentals: { pb: 4 } }),
      row('F7', { metrics: { piotroskiF: 7 }, fundamentals: { pb: 1.5 } }),
      row('F6', { metrics: { piotroskiF: 6 }, fundamentals: { pb: 6 } }),
    ];

    it('keeps F ≥ 8 in the cheap half by P/B, ranked by F then P/B', () => {
      expect(strategyContext(universe).medianPb).to.equal(2.5);
      expect(tickers('piotroski', universe)).to.deep.equal(['F8CHEAP', 'F8']);
      // F9 at P/B 1.2: P/Bs 1, 1.2, 1.5, 2, 4, 6 → median 1.75, so F8 (P/B 2) drops out.
      const cheaperF9 = universe.map((r) =>
        r.ticker === 'F9' ? { ...r, fundamentals: { ...r.fundamentals, pb: 1.2 } } : r,
      );
      expect(tickers('piotroski', cheaperF9)).to.deep.equal(['F9', 'F8CHEAP']);
    });
  });

  describe('magic-formula', () => {
    // EY ranks: B 1 (15 %), D 2 (12 %), A 3 (10 %), C 4 (5 %)
    // ROC ranks: C 1 (50 %), A 2 (30 %), B 3 (20 %), D 4 (10 %)
    // Sums: B 4, A 5, C 5 (tie: higher EY first → A), D 6.
    const mf = (t: string, ey: number, roc: number, over: { sector?: string; marketCap?: number } = {}) =>
      row(t, {
        sector: over.sector,
        fundamentals: { marketCap: over.marketCap ?? 10e9 },
        metrics: { earningsYield: ey, returnOnCapital: roc },
      });
    const rows = [
      mf('A', 0.1, 0.3),
      mf('B', 0.15, 0.2),
      mf('C', 0.05, 0.5),
      mf('D', 0.12, 0.1),
      mf('BANK', 0.3, 0.9, { sector: 'Financials' }),
      mf('UTIL', 0.3, 0.9, { sector: 'Utilities' }),
      mf('REIT', 0.3, 0.9, { sector: 'Real Estate' }),
      mf('TINY', 0.3, 0.9, { marketCap: 40e6 }),
      mf('LOSS', -0.05, 0.9),
    ];

    it('orders by the rank sum of earnings yield and return on capital', () => {
      const matches = runStrategy('magic-formula', rows);
      expect(matches.map((m) => m.ticker)).to.deep.equal(['B', 'A', 'C', 'D']);
      expect(matches.map((m) => m.metric.value)).to.deep.equal([4, 5, 5, 6]);
    });

    // Greenblatt (2005), "The Little Book That Beats the Market": utilities and financial stocks
    // (banks, insurers) are excluded; Real Estate left GICS Financials in 2016 and is excluded too.
    it('excludes Financials, Utilities and Real Estate however good their ratios', () => {
      const tickers = runStrategy('magic-formula', rows).map((m) => m.ticker);
      for (const excluded of ['BANK', 'UTIL', 'REIT']) expect(tickers).to.not.include(excluded);
      // The same REIT figures in an eligible sector would rank first (EY 30 %, ROC 90 %).
      const asIndustrial = runStrategy('magic-formula', [...rows, mf('IND', 0.3, 0.9)]);
      expect(asIndustrial[0].ticker).to.equal('IND');
      // One rule excludes the three, and it names their sectors.
      const magic = strategy('magic-formula');
      const excluded = ruleFailures(
        magic,
        rows.filter((r) => ['BANK', 'UTIL', 'REIT'].includes(r.ticker)),
      );
      expect(excluded.filter((f) => f.excluded > 0).map((f) => f.excluded)).to.deep.equal([3]);
      const sectorRule = excluded.find((f) => f.excluded === 3)?.rule;
      for (const sector of ['Financials', 'Utilities', 'Real Estate']) expect(sectorRule).to.include(sector);
    });
  });

  describe('garp', () => {
    it('keeps PEG ≤ 1 with positive growth, lowest PEG first', () => {
      const rows = [
        row('P09', { fundamentals: { peg: 0.9, epsGrowth: 0.2 } }),
        row('P05', { fundamentals: { peg: 0.5, epsGrowth: 0.3 } }),
        row('P12', { fundamentals: { peg: 1.2, epsGrowth: 0.2 } }),
        row('NULL', { fundamentals: { peg: null, epsGrowth: 0.2 } }),
        row('SHRINK', { fundamentals: { peg: 0.7, epsGrowth: -0.1 } }),
        row('LOSS', { fundamentals: { peg: 0.5, pe: null, epsGrowth: 0.2 } }),
      ];
      expect(tickers('garp', rows)).to.deep.equal(['P05', 'P09']);
    });
  });

  describe('altman-safe', () => {
    const z = (
      ticker: string,
      altmanZ: number,
      model: 'manufacturer' | 'non-manufacturer',
      score: number,
      sector?: string,
    ) => row(ticker, { metrics: { altmanZ, altmanModel: model }, score, sector });

    it("keeps manufacturers with Z > 2.99 and non-manufacturers with Z'' > 2.60, ranked by score", () => {
      const rows = [
        z('Z35', 3.5, 'manufacturer', 40),
        z('Z40', 4, 'manufacturer', 70),
        z('Z299', 2.99, 'manufacturer', 90), // grey: the safe zone starts above 2.99
        z('Z28', 2.8, 'manufacturer', 85), // grey for the 1968 Z ...
        z('ZPP28', 2.8, 'non-manufacturer', 60, 'Information Technology'), // ... safe for Z''
        z('ZPP26', 2.6, 'non-manufacturer', 80, 'Utilities'), // grey: Z'' safe starts above 2.60
      ];
      const matches = runStrategy('altman-safe', rows);
      expect(matches.map((m) => m.ticker)).to.deep.equal(['Z40', 'ZPP28', 'Z35']);
      expect(matches[0].metric.value).to.equal(4);
      // A non-manufacturer's reason names Z'' and its value.
      expect(matches[1].reasons?.[0]).to.include("Z''").and.include('2.80');
    });

    it('leaves out Financials and Real Estate whatever their numbers, and says so in its rules', () => {
      const rows = [
        z('BANK', 5, 'non-manufacturer', 95, 'Financials'),
        z('REIT', 5, 'non-manufacturer', 95, 'Real Estate'),
        row('NONE', { metrics: { altmanZ: null, altmanModel: null }, score: 99 }),
      ];
      expect(runStrategy('altman-safe', rows)).to.deep.equal([]);
      // The rule that leaves out the bank and the REIT names both sectors.
      const altman = strategy('altman-safe');
      const sectorRule = ruleFailures(altman, rows.slice(0, 2)).find((f) => f.excluded === 2)?.rule;
      expect(sectorRule).to.include('Financials').and.include('Real Estate');
    });

    it('charges each exclusion to the rule of the model that applies, or to the sector rule', () => {
      const rows = [
        z('SAFE', 3.5, 'manufacturer', 40),
        z('GREY', 2.8, 'manufacturer', 50),
        z('GREYPP', 2.5, 'non-manufacturer', 50),
        z('BANK', 5, 'non-manufacturer', 95, 'Financials'),
        row('NONE', { metrics: { altmanZ: null, altmanModel: null }, score: 99 }),
      ];
      const altman = strategy('altman-safe');
      expect(ruleFailures(altman, rows).map((f) => f.excluded)).to.deep.equal([2, 2, 1]);
      const ctx = strategyContext(rows);
      expect(rows.filter((r) => altman.filter(r, ctx)).map((r) => r.ticker)).to.deep.equal(['SAFE']);
    });
  });

  describe('value, growth, momentum, dividend, quality', () => {
    it('value: P/E ≤ 15, P/B ≤ 2, EV/EBITDA ≤ 10, positive FCF', () => {
      const ok = { fundamentals: { pe: 12, pb: 1.5, evToEbitda: 8 }, metrics: { fcfYield: 0.05 } };
      expect(passes('value', row('V', ok))).to.equal(true);
      expect(passes('value', row('V', { ...ok, fundamentals: { ...ok.fundamentals, pe: null } }))).to.equal(
        false,
      );
      expect(passes('value', row('V', { ...ok, fundamentals: { ...ok.fundamentals, pb: 2.5 } }))).to.equal(
        false,
      );
      expect(passes('value', row('V', { ...ok, metrics: { fcfYield: -0.01 } }))).to.equal(false);
    });

    it('growth: revenue and EPS +15 %, revenue CAGR 10 %, profitable', () => {
      const ok = { fundamentals: { revenueGrowth: 0.2, epsGrowth: 0.25 }, metrics: { revenueCagr: 0.12 } };
      expect(passes('growth', row('G', ok))).to.equal(true);
      expect(passes('growth', row('G', { ...ok, metrics: { revenueCagr: 0.08 } }))).to.equal(false);
      expect(passes('growth', row('G', { ...ok, fundamentals: { ...ok.fundamentals, eps: -1 } }))).to.equal(
        false,
      );
    });

    it('momentum: positive 12-1, uptrend, RSI < 80; ranked by 12-1', () => {
      const m = (t: string, mom: number, extra: Partial<StockMetrics> = {}) =>
        row(t, { metrics: { momentum12_1: mom, ...extra } });
      const rows = [
        m('M20', 0.2),
        m('M40', 0.4),
        m('HOT', 0.9, { rsi14: 85 }),
        m('BELOW', 0.5, { sma200: 101 }),
      ];
      expect(tickers('momentum', rows)).to.deep.equal(['M40', 'M20']);
    });

    it('dividend: yield ≥ 2.5 %, payout ≤ 75 %, 3 years without a cut; ranked by yield', () => {
      const d = (t: string, y: number, payout: number, years: number) =>
        row(t, {
          fundamentals: { dividendYield: y, payoutRatio: payout },
          metrics: { dividendGrowthYears: years },
        });
      const rows = [
        d('Y4', 0.04, 0.5, 3),
        d('Y6', 0.06, 0.7, 4),
        d('HIGHPAY', 0.08, 0.9, 4),
        d('SHORT', 0.05, 0.5, 2),
      ];
      expect(tickers('dividend', rows)).to.deep.equal(['Y6', 'Y4']);
    });

    it('quality: ROE ≥ 15 %, ROIC ≥ 12 %, D/E ≤ 1, F ≥ 6', () => {
      const ok = { fundamentals: { roe: 0.2, roic: 0.15, debtToEquity: 0.5 }, metrics: { piotroskiF: 7 } };
      expect(passes('quality', row('Q', ok))).to.equal(true);
      expect(
        passes('quality', row('Q', { ...ok, fundamentals: { ...ok.fundamentals, debtToEquity: 1.5 } })),
      ).to.equal(false);
      expect(passes('quality', row('Q', { ...ok, metrics: { piotroskiF: 5 } }))).to.equal(false);
    });
  });

  describe('on scored data', () => {
    it('runs every strategy over a scored universe with ordered, well-formed matches', () => {
      const inputs = syntheticUniverse(400, 300, 3);
      const byTicker = new Map(inputs.map((i) => [i.ticker, i]));
      const rows: StrategyRow[] = scoreUniverse(inputs).map((r) => {
        const input = byTicker.get(r.ticker) as (typeof inputs)[number];
        return {
          ticker: r.ticker,
          name: r.ticker,
          sector: input.sector,
          price: input.closes[input.closes.length - 1],
          fundamentals: input.fundamentals,
          score: r.score,
          components: r.components,
          metrics: r.metrics,
        };
      });
      let total = 0;
      for (const s of STRATEGIES) {
        const matches = runStrategy(s.id, rows, 1000);
        total += matches.length;
        expect(matches.map((m) => m.rank)).to.deep.equal(matches.map((_, i) => i + 1));
        for (const m of matches) expect(m.reasons?.every((x) => x.length > 0)).to.equal(true);
      }
      expect(total).to.be.greaterThan(0);
    });
  });
});
