import { expect } from 'chai';
import type { Knex } from 'knex';
import { memoryCache } from '../../test-support/cache.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { fixedClock } from '../clock.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { recomputeScores } from '../scoring-runs/recompute.ts';
import { createIngestService } from './service.ts';

const quiet = createLogger({ level: 'silent' });
const TICKERS = ['AAPL', 'MSFT', 'JPM', 'XOM', 'KO', 'NEE'];

/** New York wall-clock times of the week of 23 November 2026 (EST, UTC−5). */
const ny = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00-05:00`);

const prices = async (db: Knex) =>
  (await db('stocks').select('ticker', 'price', 'quote_date', 'day_high', 'day_low').orderBy('ticker')).map(
    (r) => ({ ...r }),
  );
const barCount = async (db: Knex) => Number((await db('daily_prices').count({ n: '*' }))[0].n);
const scoreRows = async (db: Knex) =>
  (await db('scores').select('*').orderBy('ticker')).map((r) => ({ ...r, computed_at: undefined }));

describeEachDatabase(
  'refresh with the sample provider (fake clock)',
  (get) => {
    beforeEach(async () => {
      await migrateLatest(get().db);
    });

    function setUp(start: Date, seed = 'refresh-test') {
      const clock = fixedClock(start);
      const cache = memoryCache();
      const ingest = createIngestService({ db: get().db, cache, clock, logger: quiet });
      const provider = createSampleProvider({ seed, clock });
      return { clock, cache, ingest, provider };
    }

    it('moves quotes between refreshes an hour apart in a session, without new bars or rescoring', async function () {
      this.timeout(60_000);
      const db = get().db;
      const { clock, ingest, provider } = setUp(ny('2026-11-24', '08:00'));
      await ingest.ingest(provider, TICKERS); // before Tuesday's open: Monday's close
      const bars = await barCount(db);
      const scores = await scoreRows(db);

      clock.set(ny('2026-11-24', '10:30'));
      const first = await ingest.ingest(provider, TICKERS);
      const at1030 = await prices(db);
      clock.set(ny('2026-11-24', '11:30'));
      const second = await ingest.ingest(provider, TICKERS);
      const at1130 = await prices(db);

      expect(first).to.include({ bars: 0, financials: 0, scoresRecomputed: false, asOf: '2026-11-23' });
      expect(second).to.include({ bars: 0, scoresRecomputed: false });
      expect(await barCount(db)).to.equal(bars);
      expect(await scoreRows(db)).to.deep.equal(scores);
      for (const row of at1030) expect(row.quote_date).to.equal('2026-11-24');
      const moved = at1030.filter((r, i) => r.price !== at1130[i].price);
      expect(moved.length, 'prices that moved in an hour').to.be.greaterThan(TICKERS.length / 2);

      // The stored quote is the provider's live quote at that instant, and it lies inside
      // the day's eventual bar.
      const day = createSampleProvider({ seed: 'refresh-test', endDate: '2026-11-24' });
      const live = await day.quotes(TICKERS, ny('2026-11-24', '11:30'));
      for (const q of live) {
        const row = at1130.find((r) => r.ticker === q.ticker);
        expect(row?.price, q.ticker).to.equal(q.price);
        const [bar] = await day.dailyBars(q.ticker, { from: '2026-11-24', to: '2026-11-24' });
        expect(q.price).to.be.within(bar.low, bar.high);
        expect(row?.day_high).to.be.at.most(bar.high);
        expect(row?.day_low).to.be.at.least(bar.low);
      }
    });

    it('gives the same prices for the same seed, other prices for another seed', async function () {
      this.timeout(60_000);
      const db = get().db;
      const at = ny('2026-11-24', '10:30');
      const a = setUp(at);
      await a.ingest.ingest(a.provider, TICKERS);
      const first = await prices(db);
      await db('stocks').update({ price: 0 });
      await a.ingest.ingest(createSampleProvider({ seed: 'refresh-test', clock: fixedClock(at) }), TICKERS);
      expect(await prices(db)).to.deep.equal(first);
      const other = await createSampleProvider({ seed: 'another', clock: fixedClock(at) }).quotes(
        TICKERS,
        at,
      );
      expect(other.map((q) => q.price)).to.not.deep.equal(first.map((r) => r.price));
    });

    it('adds the day’s bar after the close and rescores; a holiday adds nothing', async function () {
      this.timeout(60_000);
      const db = get().db;
      const { clock, ingest, provider } = setUp(ny('2026-11-25', '12:00'));
      await ingest.ingest(provider, TICKERS);
      const bars = await barCount(db);
      const during = await prices(db);

      clock.set(ny('2026-11-25', '16:05')); // Wednesday, after the close
      const closing = await ingest.ingest(provider, TICKERS);
      expect(closing).to.include({ bars: TICKERS.length, scoresRecomputed: true, asOf: '2026-11-25' });
      expect(closing.scoresAsOf).to.equal('2026-11-25');
      expect(await barCount(db)).to.equal(bars + TICKERS.length);
      const closed = await prices(db);
      const dayBars = await db('daily_prices').where('date', '2026-11-25').orderBy('ticker');
      expect(closed.map((r) => r.price)).to.deep.equal(dayBars.map((b) => b.close));
      expect(closed.map((r) => r.quote_date)).to.deep.equal(during.map(() => '2026-11-25'));
      const snapshots = await db('score_snapshots').where('date', '2026-11-25').count({ n: '*' });
      expect(Number(snapshots[0].n)).to.equal(TICKERS.length);

      clock.set(ny('2026-11-26', '12:00')); // Thanksgiving: the exchange is closed
      const holiday = await ingest.ingest(provider, TICKERS);
      expect(holiday).to.include({ bars: 0, scoresRecomputed: false, asOf: '2026-11-25' });
      expect(await barCount(db)).to.equal(bars + TICKERS.length);
      expect(await prices(db)).to.deep.equal(closed);
    });

    it('scores from the price windows exactly as a full recompute from the bars', async function () {
      this.timeout(120_000);
      const db = get().db;
      const { clock, ingest, provider } = setUp(ny('2026-11-20', '17:00'));
      await ingest.ingest(provider, TICKERS);
      for (const at of [ny('2026-11-23', '17:00'), ny('2026-11-24', '11:00'), ny('2026-11-24', '17:00')]) {
        clock.set(at);
        await ingest.ingest(provider, TICKERS);
      }
      const now = clock.now();
      const incremental = await recomputeScores(db, now);
      const fromWindows = await scoreRows(db);
      const full = await recomputeScores(db, now, { read: 'bars' });
      expect(full.count).to.equal(TICKERS.length);
      expect(incremental.asOf).to.equal('2026-11-24');
      expect(await scoreRows(db)).to.deep.equal(fromWindows);
      // State rebuilt from the bars and statements (data stored before it existed) gives the same too.
      await db('stock_state').delete();
      await recomputeScores(db, now);
      expect(await scoreRows(db)).to.deep.equal(fromWindows);
      clock.set(ny('2026-11-25', '17:00'));
      const next = await ingest.ingest(provider, TICKERS);
      expect(next.bars).to.equal(TICKERS.length);
      expect(Number((await db('stock_state').count({ n: '*' }))[0].n)).to.equal(TICKERS.length);
    });
  },
  { fresh: 'each' },
);
