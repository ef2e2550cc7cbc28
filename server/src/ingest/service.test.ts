import { expect } from 'chai';
import { memoryCache } from '../../test-support/cache.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { fixedClock } from '../clock.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import type { MarketDataProvider } from '../market/provider.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { createIngestService } from './service.ts';

const END = '2026-11-27';
const quiet = createLogger({ level: 'silent' });

describeEachDatabase(
  'ingest use case',
  (get) => {
    beforeEach(async () => {
      await migrateLatest(get().db);
    });

    it('writes the named stocks, scores them, snapshots the day and invalidates the cache', async function () {
      this.timeout(60_000);
      const cache = memoryCache();
      await cache.set('stocks:list:1', 'old', 60);
      await cache.set('screener:universe:v1', 'old', 60);
      await cache.set('health:other', 'kept', 60);
      const clock = fixedClock('2026-11-28T12:00:00Z');
      const ingest = createIngestService({ db: get().db, cache, clock, logger: quiet });
      const progress: string[] = [];
      const provider = createSampleProvider({ seed: 'ingest-test', clock });
      const result = await ingest.ingest(provider, ['aapl', 'MSFT', 'JPM', 'XOM', 'NOPE'], {
        onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
        batchSize: 2,
      });
      expect(result).to.include({ tickers: 4, stocks: 4, financials: 20, batches: 3, scored: 4, asOf: END });
      expect(result.scoresAsOf).to.equal(END);
      expect(progress).to.deep.equal(['load:2/5', 'load:4/5', 'load:5/5', 'score:0/1', 'done:1/1']);
      const db = get().db;
      expect((await db('stocks').select('ticker').orderBy('ticker')).map((r) => r.ticker)).to.deep.equal([
        'AAPL',
        'JPM',
        'MSFT',
        'XOM',
      ]);
      expect(Number((await db('score_snapshots').where('date', END).count({ n: '*' }))[0].n)).to.equal(4);
      // The load and the score recomputation read the injected clock, not the wall clock.
      const at = clock.now().toISOString();
      expect((await db('scores').distinct('computed_at')).map((r) => r.computed_at)).to.deep.equal([at]);
      expect((await db('stocks').distinct('updated_at')).map((r) => r.updated_at)).to.deep.equal([at]);
      expect(await cache.get('stocks:list:1')).to.equal(undefined);
      expect(await cache.get('screener:universe:v1')).to.equal(undefined);
      expect(await cache.get('health:other')).to.equal('kept');
    });

    it("a later run adds the new session's bar and moves the quote to it", async function () {
      this.timeout(60_000);
      const clock = fixedClock('2026-11-25T22:00:00Z'); // after Wednesday's close
      const ingest = createIngestService({
        db: get().db,
        cache: memoryCache(),
        clock,
        logger: quiet,
      });
      const provider = createSampleProvider({ seed: 'ingest-test', clock });
      await ingest.ingest(provider, ['AAPL']);
      const before = Number((await get().db('daily_prices').count({ n: '*' }))[0].n);
      clock.set('2026-11-27T22:00:00Z'); // Friday, after the early close
      const second = await ingest.ingest(provider, ['AAPL']);
      expect(second.asOf).to.equal(END);
      const after = Number((await get().db('daily_prices').count({ n: '*' }))[0].n);
      expect(after).to.equal(before + 1); // Thursday is Thanksgiving
      expect((await get().db('stocks').where('ticker', 'AAPL').first())?.quote_date).to.equal(END);
    });

    it('leaves no half-written stock when the provider fails mid-batch', async function () {
      this.timeout(60_000);
      const sample = createSampleProvider({ seed: 'ingest-test', endDate: END });
      const failing: MarketDataProvider = {
        ...sample,
        source: 'sample',
        async dailyBars(ticker, range) {
          if (ticker === 'JPM') throw new Error('provider timeout');
          return sample.dailyBars(ticker, range);
        },
      };
      const cache = memoryCache();
      await cache.set('stocks:list:1', 'old', 60);
      const ingest = createIngestService({
        db: get().db,
        cache,
        clock: fixedClock('2026-11-28T12:00:00Z'),
        logger: quiet,
      });
      let error: unknown;
      try {
        await ingest.ingest(failing, ['AAPL', 'MSFT', 'JPM', 'XOM'], { batchSize: 2 });
      } catch (err) {
        error = err;
      }
      expect((error as Error)?.message).to.equal('provider timeout');
      // The first batch landed whole; nothing of the failed batch did.
      const tickers = async (table: 'stocks' | 'financials' | 'daily_prices' | 'scores') =>
        (await get().db(table).distinct('ticker').orderBy('ticker')).map((r) => r.ticker);
      expect(await tickers('stocks')).to.deep.equal(['AAPL', 'MSFT']);
      expect(await tickers('financials')).to.deep.equal(['AAPL', 'MSFT']);
      expect(await tickers('daily_prices')).to.deep.equal(['AAPL', 'MSFT']);
      // What landed is rescored and the cached answers it makes stale are dropped: every
      // answer stays consistent with the store.
      expect(await tickers('scores')).to.deep.equal(['AAPL', 'MSFT']);
      expect(await cache.get('stocks:list:1')).to.equal(undefined);
    });

    it('a provider failure before anything is written leaves the store, the scores and the cache as they were', async function () {
      this.timeout(60_000);
      const cache = memoryCache();
      const clock = fixedClock('2026-11-28T12:00:00Z');
      const ingest = createIngestService({ db: get().db, cache, clock, logger: quiet });
      const sample = createSampleProvider({ seed: 'ingest-test', endDate: END });
      await ingest.ingest(sample, ['AAPL', 'MSFT']);
      await cache.set('stocks:list:1', 'cached', 60);
      const stored = async () =>
        JSON.stringify(
          await Promise.all(
            (['stocks', 'scores', 'daily_prices', 'stock_state', 'dataset_info'] as const).map((table) =>
              get().db(table).select(),
            ),
          ),
        );
      const before = await stored();
      const failing: MarketDataProvider = {
        ...sample,
        source: 'sample',
        async dailyBars() {
          throw new Error('provider timeout');
        },
      };
      clock.set('2026-12-01T22:00:00Z');
      let error: unknown;
      try {
        await ingest.ingest(failing, ['AAPL', 'MSFT'], { batchSize: 1 });
      } catch (err) {
        error = err;
      }
      expect((error as Error)?.message).to.equal('provider timeout');
      expect(await stored()).to.equal(before);
      expect(await cache.get('stocks:list:1')).to.equal('cached');
    });
  },
  { fresh: 'each' },
);

describe('sample provider', () => {
  it("serves the generator's history up to the last completed session, deterministically", async () => {
    const clock = fixedClock('2026-11-27T17:30:00Z'); // Friday 12:30 New York, before the early close
    const a = createSampleProvider({ seed: 's', clock });
    const b = createSampleProvider({ seed: 's', endDate: '2026-11-25' });
    expect(a.endDate()).to.equal('2026-11-25');
    const barsA = await a.dailyBars('AAPL', { from: '2026-11-01', to: '2026-12-31' });
    expect(barsA.at(-1)?.date).to.equal('2026-11-25');
    expect(barsA).to.deep.equal(await b.dailyBars('AAPL', { from: '2026-11-01', to: '2026-12-31' }));
    expect((await a.universe()).length).to.be.greaterThan(100);
    expect(await a.profiles(['AAPL', 'NOPE'])).to.have.length(1);
    // Before the open: the last close.
    const [early] = await a.quotes(['AAPL'], new Date('2026-11-27T14:00:00Z'));
    expect(early.price).to.equal(barsA.at(-1)?.close);
    // During the session: a live price inside the day's eventual bar.
    const [quote] = await a.quotes(['AAPL'], clock.now());
    const [day] = await b.dailyBars('AAPL', { from: '2026-11-27', to: '2026-11-27' });
    expect(day).to.equal(undefined); // b's history stops on the 25th
    const later = createSampleProvider({ seed: 's', endDate: '2026-11-27' });
    const [bar] = await later.dailyBars('AAPL', { from: '2026-11-27', to: '2026-11-27' });
    expect(quote.price).to.be.within(bar.low, bar.high);
    expect(quote.open).to.equal(bar.open);
    expect(quote.previousClose).to.equal(barsA.at(-1)?.close);
    expect(quote.timestamp).to.equal(clock.now().toISOString());
    // After the early close (13:00 New York): the day's close.
    const [closing] = await a.quotes(['AAPL'], new Date('2026-11-27T18:30:00Z'));
    expect(closing).to.include({ price: bar.close, dayHigh: bar.high, dayLow: bar.low, volume: bar.volume });
    expect((await a.financials('AAPL')).length).to.equal(5);
    const synthetic = createSampleProvider({ seed: 's', endDate: '2026-11-25', synthetic: 3 });
    expect((await synthetic.universe()).length).to.equal((await a.universe()).length + 3);
  });
});
