/**
 * A refresh from FMP under its daily call budget, end to end: the ingest use case with the
 * FMP provider (built by `createProvider`, counting calls in the database) against a local
 * FMP-format server, on a fake clock, over two trading days. Each refresh asks the plan
 * what to fetch: quotes always; a new ticker's profile, statements and history only while
 * the day's budget (after the reserve for the day's remaining quote refreshes) allows;
 * after the close the day's bar comes from the closing quote, so no history is fetched
 * again; stale statements are fetched again.
 */
import { expect } from 'chai';
import { memoryCache } from '../../../test-support/cache.ts';
import { describeEachDatabase } from '../../../test-support/db.ts';
import { type FakeFmp, startFakeFmp } from '../../../test-support/fmp/server.ts';
import { fixedClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import { migrateLatest } from '../../db/migrate.ts';
import { closingBar, createIngestService } from '../../ingest/service.ts';
import { refreshSchedule, runsLeftToday } from '../../jobs/schedule.ts';
import { createLogger } from '../../logger.ts';
import { createProvider } from '../providers.ts';
import { deleteMarketData } from '../repository.ts';
import { KnexCallBudget, PROVIDER_CALLS_TABLE } from './budget.ts';

const KEY = 'budget-test-key';
const LIMIT = 40;
/** Twelve companies the local server makes up (AAPL's data under other symbols). */
const UNIVERSE = Array.from({ length: 12 }, (_, i) => `CO${String(i).padStart(2, '0')}`);
/** New York wall-clock time (EST, UTC−5, in this week). */
const ny = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00-05:00`);

describeEachDatabase(
  'refresh from FMP within its daily call budget (local FMP server, fake clock)',
  (get) => {
    let fmp: FakeFmp;
    beforeEach(async () => {
      await migrateLatest(get().db);
      // Each test starts from an empty store and an unspent budget.
      await get().db.transaction(async (trx) => {
        await deleteMarketData(trx);
        await trx(PROVIDER_CALLS_TABLE).delete();
      });
      fmp = await startFakeFmp({ apiKey: KEY, syntheticQuotes: true, syntheticCompanies: true });
    });
    afterEach(async () => fmp?.close());

    function setUp(start: Date) {
      const { db } = get();
      const clock = fixedClock(start);
      const config = loadConfig({
        NODE_ENV: 'test',
        FMP_API_KEY: KEY,
        FMP_BASE_URL: fmp.baseUrl,
        FMP_DAILY_LIMIT: String(LIMIT),
      });
      const provider = createProvider(config, {
        db,
        clock,
        universe: UNIVERSE,
        refreshesLeftToday: (at) => runsLeftToday(refreshSchedule, at),
        sleep: async () => {}, // no pacing between calls
      });
      const ingest = createIngestService({
        db,
        cache: memoryCache(),
        clock,
        logger: createLogger({ level: 'silent' }),
      });
      let seen = 0;
      /** Refresh at a New York time; resolves with the result and the requests it made. */
      const refreshAt = async (at: Date) => {
        clock.set(at);
        fmp.quoteTimestamp = Math.floor(at.getTime() / 1000);
        const result = await ingest.ingest(provider, 'all');
        const requests = fmp.requests.slice(seen);
        seen = fmp.requests.length;
        return { result, requests };
      };
      return { db, refreshAt, budget: new KnexCallBudget(db, LIMIT) };
    }

    const symbolsOf = (requests: FakeFmp['requests'], endpoint: string) =>
      requests.filter((r) => r.endpoint === endpoint).map((r) => r.query.symbol);

    it('loads new tickers only as far as the budget allows, then spends one quote call per refresh', async function () {
      this.timeout(60_000);
      const { db, refreshAt, budget } = setUp(ny('2026-11-30', '09:30'));

      // Monday's open: 7 more refreshes today (10:00 … 15:00 and 16:05) keep 7 quote calls.
      // 40 − 1 (quotes now) − 7 = 32 spendable: six new tickers at 5 calls each.
      const open = await refreshAt(ny('2026-11-30', '09:30'));
      expect(open.requests.length).to.equal(1 + 6 * 5);
      expect(symbolsOf(open.requests, 'profile')).to.deep.equal(UNIVERSE.slice(0, 6));
      expect(symbolsOf(open.requests, 'historical-price-eod/full')).to.deep.equal(UNIVERSE.slice(0, 6));
      expect(open.result).to.include({ stocks: 6, deferred: 6, asOf: '2026-11-27' });
      expect((await budget.usage(ny('2026-11-30', '09:31'))).used).to.equal(31);
      const stored = await db('stocks')
        .select('ticker', 'financials_fetched_on', 'quote_date')
        .orderBy('ticker');
      expect(stored.map((r) => r.ticker)).to.deep.equal(UNIVERSE.slice(0, 6));
      for (const r of stored)
        expect(r).to.include({ financials_fetched_on: '2026-11-30', quote_date: '2026-11-30' });

      // An hour later: only the quotes (9 left, 6 of them kept for the rest of the day).
      const ten = await refreshAt(ny('2026-11-30', '10:00'));
      expect(ten.requests.map((r) => r.endpoint)).to.deep.equal(['batch-quote']);
      expect(ten.requests[0].query.symbols.split(',')).to.deep.equal(UNIVERSE);
      expect(ten.result).to.include({ stocks: 6, deferred: 6, bars: 0, scoresRecomputed: false });
    });

    it('takes the day’s bar from the closing quote, and fetches history only for stocks that are behind', async function () {
      this.timeout(60_000);
      const { db, refreshAt, budget } = setUp(ny('2026-11-30', '09:30'));
      await refreshAt(ny('2026-11-30', '09:30')); // six tickers, 31 calls
      const barsBefore = Number((await db('daily_prices').count({ n: '*' }))[0].n);

      // After the close no refresh is left today: 40 − 31 − 1 = 8 spendable, one more ticker.
      const close = await refreshAt(ny('2026-11-30', '16:05'));
      expect(close.result.asOf).to.equal('2026-11-30');
      expect(symbolsOf(close.requests, 'historical-price-eod/full')).to.deep.equal([UNIVERSE[6]]);
      expect(close.requests.length).to.equal(1 + 5);
      expect((await budget.usage(ny('2026-11-30', '16:06'))).used).to.equal(37);
      // The six held tickers got Monday's bar from the closing quote (the local server's
      // made-up quote: open 99.2, high 101.2, low 98.5, price 100, volume 1,000,000).
      const monday = await db('daily_prices').where({ date: '2026-11-30' }).orderBy('ticker');
      expect(monday.map((r) => r.ticker)).to.deep.equal(UNIVERSE.slice(0, 6));
      for (const bar of monday)
        expect({ ...bar, ticker: undefined }).to.deep.include({
          open: 99.2,
          high: 101.2,
          low: 98.5,
          close: 100,
          volume: 1_000_000,
        });
      const barsAfter = Number((await db('daily_prices').count({ n: '*' }))[0].n);
      // Six closing bars plus the new ticker's five bars of history (20–27 November).
      expect(barsAfter - barsBefore).to.equal(6 + 5);
      expect(close.result.scoresRecomputed).to.equal(true);

      // One ticker's statements are older than a quarter: fetched again on Tuesday.
      await db('stocks').where({ ticker: UNIVERSE[2] }).update({ financials_fetched_on: '2026-08-03' });

      // Tuesday's open: a new day's budget. The ticker added after Monday's close lacks
      // Monday's bar (1 history call); the five still missing cost 5 each; the stale
      // statements 3: 1 + 1 + 25 + 3 = 30 of the 32 spendable.
      const tuesday = await refreshAt(ny('2026-12-01', '09:30'));
      expect(symbolsOf(tuesday.requests, 'historical-price-eod/full')).to.deep.equal([
        UNIVERSE[6],
        ...UNIVERSE.slice(7),
      ]);
      expect(symbolsOf(tuesday.requests, 'income-statement')).to.deep.equal([
        UNIVERSE[2],
        ...UNIVERSE.slice(7),
      ]);
      expect(symbolsOf(tuesday.requests, 'profile')).to.deep.equal(UNIVERSE.slice(7));
      expect(tuesday.requests.length).to.equal(30);
      expect(tuesday.result).to.include({ stocks: 12, deferred: 0 });
      const fetched = await db('stocks').where({ ticker: UNIVERSE[2] }).first('financials_fetched_on');
      expect(fetched?.financials_fetched_on).to.equal('2026-12-01');
      const kept = await db('stocks').where({ ticker: UNIVERSE[0] }).first('financials_fetched_on');
      expect(kept?.financials_fetched_on, 'statements not fetched again keep their date').to.equal(
        '2026-11-30',
      );
      // Every stock is scored, and the financials of those not fetched again are intact.
      expect(Number((await db('scores').count({ n: '*' }))[0].n)).to.equal(12);
      expect(Number((await db('financials').where({ ticker: UNIVERSE[0] }).count({ n: '*' }))[0].n)).to.equal(
        2,
      );
    });
  },
);

describe('closingBar: a session’s bar from its closing quote', () => {
  const quote = (timestamp: string) => ({
    ticker: 'CO00',
    price: 100,
    change: 1,
    changePct: 1,
    open: 99,
    dayHigh: 101,
    dayLow: 98,
    previousClose: 99,
    volume: 5_000,
    timestamp,
  });
  const friday = '2026-11-27';

  it('builds the bar when the quote is of the completed session and the store stops before it', () => {
    expect(closingBar(quote('2026-11-27T18:00:00Z'), friday, '2026-11-25')).to.deep.equal({
      date: friday,
      open: 99,
      high: 101,
      low: 98,
      close: 100,
      volume: 5_000,
    });
    // A quote whose high and low leave out its own price (stale fields) still brackets it.
    const odd = { ...quote('2026-11-27T18:00:00Z'), dayHigh: 99.5, dayLow: null };
    expect(closingBar(odd, friday, null)).to.include({ high: 100, low: 100 });
  });

  it('builds nothing when the store already has the day, the quote is of another day, or there is none', () => {
    expect(closingBar(quote('2026-11-27T18:00:00Z'), friday, friday)).to.equal(null);
    // Thursday evening in New York is still Thursday (UTC has moved on to Friday).
    expect(closingBar(quote('2026-11-27T03:00:00Z'), friday, '2026-11-25')).to.equal(null);
    expect(closingBar(undefined, friday, '2026-11-25')).to.equal(null);
  });
});
