import { expect } from 'chai';
import { type FakeFmp, fixture, startFakeFmp } from '../../../test-support/fmp/server.ts';
import { createLogger, type Logger } from '../../logger.ts';
import { MemoryCallBudget } from './budget.ts';
import { FmpClient } from './client.ts';
import { FmpPlanError, FmpResponseError } from './errors.ts';
import { mapExchange, mapSector } from './mapping.ts';
import { FmpProvider } from './provider.ts';

const KEY = 'provider-test-key';
const ASOF = new Date('2026-11-27T21:00:00Z');

describe('FMP provider (against a local FMP-format server)', () => {
  let fmp: FakeFmp;
  let warnings: string[];
  // A real logger; its warning lines' messages land in `warnings`.
  const logger: Logger = createLogger({
    level: 'warn',
    format: 'json',
    destination: {
      write(line: string) {
        const r = JSON.parse(line) as { level: string; msg: string };
        if (r.level === 'warn') warnings.push(r.msg);
      },
    },
  });
  const provider = (universe: string[] = ['AAPL', 'MSFT']) =>
    new FmpProvider({
      client: new FmpClient({
        apiKey: KEY,
        baseUrl: fmp.baseUrl,
        budget: new MemoryCallBudget(250),
        minIntervalMs: 0,
        retries: 0,
      }),
      universe,
      logger,
    });
  const calls = (endpoint?: string) =>
    fmp.requests.filter((r) => !endpoint || r.endpoint === endpoint).length;

  beforeEach(async () => {
    fmp = await startFakeFmp({ apiKey: KEY, syntheticQuotes: true });
    warnings = [];
  });
  afterEach(async () => {
    await fmp.close();
  });

  it('reports its source and the configured universe, upper-cased and without duplicates', async () => {
    const p = provider(['aapl', 'MSFT', 'AAPL ']);
    expect(p.source).to.equal('fmp');
    expect(await p.universe()).to.deep.equal(['AAPL', 'MSFT']);
    expect(calls()).to.equal(0);
  });

  describe('quotes', () => {
    it('maps a batch-quote row field by field (fixture AAPL)', async () => {
      const [aapl] = await provider().quotes(['AAPL'], ASOF);
      expect(aapl).to.deep.equal({
        ticker: 'AAPL',
        price: 277.55,
        change: 1.28,
        changePct: 0.46323, // FMP's changePercentage is already in percent
        open: 276.01,
        dayHigh: 278.1,
        dayLow: 275.32,
        previousClose: 276.27,
        volume: 38211450,
        timestamp: '2026-11-27T19:00:00.000Z', // 1795806000 s
      });
    });

    it('leaves unknown tickers out (one call for three tickers)', async () => {
      await fmp.close();
      fmp = await startFakeFmp({ apiKey: KEY }); // no synthetic quotes: only fixtures exist
      const quotes = await provider().quotes(['AAPL', 'NOPE', 'MSFT'], ASOF);
      expect(quotes.map((q) => q.ticker)).to.deep.equal(['AAPL', 'MSFT']);
      expect(calls('batch-quote')).to.equal(1);
      expect(fmp.requests[0].query.symbols).to.equal('AAPL,NOPE,MSFT');
    });

    for (const [n, expected] of [
      [1, 1],
      [50, 1],
      [51, 2],
      [100, 2],
      [147, 3],
    ] as const) {
      it(`${n} tickers take ${expected} HTTP call(s) in batches of at most 50`, async () => {
        const tickers = Array.from({ length: n }, (_, i) => `T${String(i).padStart(3, '0')}`);
        const quotes = await provider(tickers).quotes(tickers, ASOF);
        expect(quotes).to.have.length(n);
        expect(calls()).to.equal(expected);
        const sent = fmp.requests.flatMap((r) => r.query.symbols.split(','));
        expect(sent).to.deep.equal(tickers);
        for (const r of fmp.requests) expect(r.query.symbols.split(',').length).to.be.at.most(50);
      });
    }

    it('a plan-restricted batch fails with FmpPlanError, not an empty result', async () => {
      fmp.script('batch-quote', [{ status: 402, body: fixture('error_402.json') }]);
      let error: unknown;
      try {
        await provider().quotes(['AAPL'], ASOF);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(FmpPlanError);
    });

    it('a row without a price is a format change: FmpResponseError naming the field', async () => {
      fmp.script('batch-quote', [{ status: 200, body: [{ symbol: 'AAPL', change: 1 }] }]);
      let error: unknown;
      try {
        await provider().quotes(['AAPL'], ASOF);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(FmpResponseError);
      expect((error as Error).message).to.contain('row 0 (AAPL): price');
    });
  });

  describe('profiles', () => {
    it('maps AAPL to our model (FMP "Technology" → GICS Information Technology) and leaves out what is not a company', async () => {
      const profiles = await provider().profiles(['AAPL', 'SPY', 'BTCUSD', 'NOPE']);
      expect(profiles).to.deep.equal([
        {
          ticker: 'AAPL',
          name: 'Apple Inc.',
          sector: 'Information Technology',
          industry: 'Consumer Electronics',
          exchange: 'NASDAQ',
          beta: 1.09,
          description:
            'Apple Inc. designs, manufactures, and markets smartphones, personal computers, tablets, wearables, and accessories worldwide.',
        },
      ]);
      expect(calls('profile')).to.equal(4); // one per ticker: /stable/profile takes one symbol
      expect(warnings).to.have.length(2);
      expect(warnings[0]).to.contain('SPY').and.contain('ETF');
      expect(warnings[1]).to.contain('BTCUSD').and.contain('sector');
    });

    it('maps every FMP sector to a GICS sector, and exchanges to NYSE/NASDAQ', () => {
      expect(mapSector('Healthcare')).to.equal('Health Care');
      expect(mapSector('Consumer Cyclical')).to.equal('Consumer Discretionary');
      expect(mapSector('Consumer Defensive')).to.equal('Consumer Staples');
      expect(mapSector('Financial Services')).to.equal('Financials');
      expect(mapSector('Basic Materials')).to.equal('Materials');
      expect(mapSector('Crypto')).to.equal(null);
      expect(mapExchange('NASDAQ')).to.equal('NASDAQ');
      expect(mapExchange('NYSE')).to.equal('NYSE');
      expect(mapExchange('AMEX')).to.equal('NYSE');
      expect(mapExchange('OTC')).to.equal(null);
    });
  });

  describe('financials', () => {
    it('joins the three annual statements by fiscal year, oldest first, figures as in the fixtures', async () => {
      const rows = await provider().financials('AAPL');
      expect(calls()).to.equal(3);
      for (const endpoint of ['income-statement', 'balance-sheet-statement', 'cash-flow-statement']) {
        const r = fmp.requests.find((q) => q.endpoint === endpoint);
        expect(r?.query).to.deep.include({ symbol: 'AAPL', period: 'annual', limit: '5' });
      }
      expect(rows.map((r) => r.fiscalYear)).to.deep.equal([2023, 2024]);
      const fy24 = rows[1];
      // Values checked by hand against the fixtures (Apple's FY2024 10-K figures, USD).
      expect(fy24).to.deep.include({
        fiscalYear: 2024,
        revenue: 391_035_000_000,
        grossProfit: 180_683_000_000,
        operatingIncome: 123_216_000_000,
        depreciation: 11_445_000_000,
        netIncome: 93_736_000_000,
        eps: 6.08, // diluted
        totalAssets: 364_980_000_000,
        totalLiabilities: 308_030_000_000,
        currentAssets: 152_987_000_000,
        currentLiabilities: 176_392_000_000,
        totalDebt: 106_629_000_000,
        longTermDebt: 85_750_000_000,
        shareholdersEquity: 56_950_000_000,
        retainedEarnings: -19_154_000_000,
        cash: 29_943_000_000,
        operatingCashFlow: 118_254_000_000,
        capitalExpenditure: 9_447_000_000, // FMP -9447000000 → positive
        netPPE: 45_680_000_000,
        sharesOutstanding: 15_408_095_000, // diluted weighted average
      });
      // 15,234,000,000 dividends paid / 15,408,095,000 shares = 0.98870 per share
      expect(fy24.dividendsPerShare).to.be.closeTo(0.9887, 1e-4);
      const fy23 = rows[0];
      expect(fy23).to.deep.include({
        revenue: 383_285_000_000,
        netIncome: 96_995_000_000,
        eps: 6.13,
        shareholdersEquity: 62_146_000_000,
        capitalExpenditure: 10_959_000_000,
        retainedEarnings: -214_000_000,
      });
      // 15,025,000,000 / 15,812,547,000 = 0.95020
      expect(fy23.dividendsPerShare).to.be.closeTo(0.9502, 1e-4);
    });

    it('an unknown symbol costs one call and gives []', async () => {
      expect(await provider().financials('NOPE')).to.deep.equal([]);
      expect(calls()).to.equal(1);
    });

    it('a year missing from one statement is left out', async () => {
      const balance = fixture('balance-sheet-statement_AAPL.json') as unknown[];
      fmp.script('balance-sheet-statement', [{ status: 200, body: balance.slice(0, 1) }]);
      const rows = await provider().financials('AAPL');
      expect(rows.map((r) => r.fiscalYear)).to.deep.equal([2024]);
    });
  });

  describe('daily bars', () => {
    it('turns FMP’s newest-first history into bars oldest first, within the range', async () => {
      const bars = await provider().dailyBars('AAPL', { from: '2026-11-23', to: '2026-11-27' });
      expect(fmp.requests[0]).to.deep.include({ endpoint: 'historical-price-eod/full' });
      expect(fmp.requests[0].query).to.deep.include({ symbol: 'AAPL', from: '2026-11-23', to: '2026-11-27' });
      expect(bars.map((b) => b.date)).to.deep.equal(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27']);
      expect(bars[0]).to.deep.equal({
        date: '2026-11-23',
        open: 268.5,
        high: 271.2,
        low: 267.05,
        close: 270.64,
        volume: 39_722_115,
      });
      expect(bars[3].close).to.equal(277.55);
    });

    it('an unknown symbol gives no bars', async () => {
      expect(await provider().dailyBars('NOPE', { from: '2026-01-01', to: '2026-11-27' })).to.deep.equal([]);
    });
  });
});
