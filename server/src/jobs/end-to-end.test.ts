/**
 * Every job end to end on each database: the worker runtime with the real JobDeps built from
 * the composition root (the ingest use case with the sample provider, the score snapshot,
 * the cache), on a fake clock walked through the schedule from the open of an early-close
 * day (2025-07-03) over the July 4 holiday to the next trading day, with the API served
 * from the same context.
 *
 * The fake clock is the global `Date` (timers stay real): Agenda decides what is due, stamps
 * locks and schedules retries with its own `new Date()`, so the app's clock and Agenda's must
 * be one clock, or every past occurrence is due at once and a run never waits for its time.
 * The clock stands still between steps; the walk moves it to the next stored `nextRunAt`
 * and waits for that run to be saved as finished.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seedDeps } from '../../test-support/seed.ts';
import { waitFor } from '../../test-support/wait.ts';
import type { Clock } from '../clock.ts';
import { migrateLatest } from '../db/migrate.ts';
import { seedSampleData } from '../ingest/seed.ts';
import { createLogger } from '../logger.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { JOBS } from './registry.ts';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.ts';
import type { JobDeps } from './types.ts';
import { createJobDeps } from './wiring.ts';

const wall = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const ny = (d: Date) => wall.format(d).replace(', ', ' ');

/**
 * Resolves once the cache's invalidation bus (Redis off: the `cache_invalidations` table) has
 * finished `n` more polls on `db`, and what each poll does with its rows has run.
 */
function cacheBusPolls(db: Knex, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onResponse = (_response: unknown, query: { sql?: string; method?: string }) => {
      if (query.method !== 'select' || !query.sql?.includes('cache_invalidations')) return;
      if (++seen < n) return;
      db.off('query-response', onResponse);
      setImmediate(resolve);
    };
    db.on('query-response', onResponse);
  });
}

describeEachDatabase('jobs end to end (real ingest, snapshot and cache)', (get) => {
  describe('a fake-clock schedule from an early close over a holiday', () => {
    let api: TestServer | undefined;
    let runtime: WorkerRuntime | undefined;
    let time: ReturnType<typeof FakeTimers.install> | undefined;
    after(async () => {
      await runtime?.stop();
      await api?.close();
      time?.uninstall();
    });

    it('runs each job at its time through the real use cases; the API then serves new data with a cache MISS', async function () {
      this.timeout(60_000);
      const { db, target } = get();
      // 09:00 New York, before the early-close day's open.
      time = FakeTimers.install({ now: new Date('2025-07-03T13:00:00Z'), toFake: ['Date'] });
      const clock: Clock = { now: () => new Date() };
      await migrateLatest(db);
      // The stored data as it was the evening before: sample history through July 2.
      await seedSampleData(seedDeps(db, { clock }), { seed: 'e2e', endDate: '2025-07-02', historyPoints: 0 });
      api = await startTestServer(db, {
        overrides: { clock, provider: createSampleProvider({ seed: 'e2e', clock }) },
      });
      const ctx = api.ctx;

      const runs: string[] = [];
      const real = createJobDeps(ctx);
      const quiet = createLogger({ level: 'silent' });
      const deps: JobDeps = {
        ...real,
        ingest: (o) => {
          runs.push(`refresh ${ny(new Date())}`);
          return real.ingest(o);
        },
        snapshot: (o) => {
          runs.push(`snapshot ${ny(new Date())} for ${o.tradingDay}`);
          return real.snapshot(o);
        },
        log: quiet,
      };

      const aapl = async () => (await api!.get('/api/stocks/AAPL')).body;
      const screener = () => api!.get('/api/stocks/screener/strategies/piotroski');
      const before = await aapl();
      expect(before.quote.as_of).to.equal('2025-07-02');
      await screener();
      expect((await screener()).headers.get('x-cache')).to.equal('HIT');
      await ctx.cache.set('stocks:detail:AAPL', { stale: true }, 3_600);

      runtime = await startWorkerRuntime({
        target,
        db,
        deps,
        jobs: JOBS,
        log: quiet,
        name: 'e2e-worker',
        heartbeatMs: 60_000,
        shutdownMs: 5_000,
        processEveryMs: 50,
        clock,
        // Agenda (6.2.6) leaves a timer of half the lock lifetime per run, uncleared by stop()
        // (JobProcessor runOrRetry's checkIfJobIsStillAlive); the refresh's own 10 min would
        // hold the test process open for 5 min. The faked Date stands still during a run, so
        // no run can outlive this lifetime.
        lockLifetimeMs: 10_000,
      });
      const agenda = runtime.agenda;
      const finished: string[] = [];
      const failures: string[] = [];
      agenda.on('complete', (job) => finished.push(job.attrs.name));
      agenda.on('fail', (err: Error, job) => failures.push(`${job.attrs.name}: ${err.message}`));
      // Agenda's scans, counted: each asks the store for the next due run of every job.
      let lookups = 0;
      const nextJobToRun = agenda.db.getNextJobToRun.bind(agenda.db);
      agenda.db.getNextJobToRun = (...args) => {
        lookups++;
        return nextJobToRun(...args);
      };
      const scansGoBy = async (n: number) => {
        const from = lookups;
        await waitFor(`${n} scans of the job store`, () => lookups >= from + n * JOBS.length);
      };
      const scheduled = async () =>
        (await agenda.queryJobs({})).jobs
          .filter((r) => r.type === 'single' && r.nextRunAt)
          .sort((a, b) => a.nextRunAt!.getTime() - b.nextRunAt!.getTime());

      // Nothing is due before the open: a few scans go by without a run.
      await scansGoBy(3);
      expect(finished).to.deep.equal([]);

      // The walk: move the clock to the earliest stored run time, wait until that job's run
      // is saved as finished, repeat up to the Monday after July 4.
      const end = new Date('2025-07-07T13:30:00Z'); // 09:30 New York
      for (;;) {
        const [next] = await scheduled();
        if (next.nextRunAt!.getTime() >= end.getTime()) break;
        const done = finished.length;
        time.setSystemTime(next.nextRunAt!);
        await waitFor(`${next.name} to finish its ${ny(next.nextRunAt!)} run`, () => finished.length > done, {
          timeoutMs: 20_000,
        });
        expect(finished.slice(done)).to.deep.equal([next.name]);
        // On the holiday and the weekend nothing runs.
        if (next.name === 'snapshot-daily-scores') {
          time.setSystemTime(new Date('2025-07-04T16:00:00Z')); // noon on July 4
          await scansGoBy(3);
          expect(finished).to.have.length(done + 1);
        }
      }
      expect(failures).to.deep.equal([]);
      expect(runs).to.deep.equal([
        ...['09:30', '10:00', '11:00', '12:00', '13:05'].map((t) => `refresh 2025-07-03 ${t}`),
        'snapshot 2025-07-03 13:30 for 2025-07-03',
      ]);
      // What is stored next: the Monday's open and its close + 30 min.
      expect(Object.fromEntries((await scheduled()).map((r) => [r.name, ny(r.nextRunAt!)]))).to.deep.equal({
        'refresh-stock-data': '2025-07-07 09:30',
        'snapshot-daily-scores': '2025-07-07 16:30',
      });

      // The refreshes invalidated the cache: the planted entry is gone.
      expect(await ctx.cache.get('stocks:detail:AAPL')).to.equal(undefined);
      // The post-close refresh wrote the early-close session through the ingest use case.
      const after = await aapl();
      expect(after.quote.as_of).to.equal('2025-07-03');
      const [bar] = await db('daily_prices').where({ ticker: 'AAPL', date: '2025-07-03' });
      expect(after.quote.price).to.equal(bar.close);
      expect(after.score_as_of).to.equal('2025-07-03');
      const bars = await db('daily_prices').where('date', '2025-07-03').count({ n: '*' });
      expect(Number(bars[0].n)).to.equal(147);
      // ...and invalidated the cache: the screener is loaded anew.
      const fresh = await screener();
      expect(fresh.headers.get('x-cache')).to.equal('MISS');

      // One snapshot row per stock for the day; running the snapshot again changes nothing.
      const snap = () => db('score_snapshots').where('date', '2025-07-03').orderBy('ticker');
      const first = await snap();
      expect(first).to.have.length(147);
      expect(await real.snapshot({ tradingDay: '2025-07-03' })).to.deep.equal({ rows: 147 });
      expect(await snap()).to.deep.equal(first);
      // The holiday has no scores: a snapshot for it records nothing.
      expect(await real.snapshot({ tradingDay: '2025-07-04' })).to.deep.equal({ rows: 0 });

      // invalidate-cache on demand (what npm run cache:invalidate queues), by pattern.
      // First the cache bus polls at the clock's last time: the walk moved the clock by hours,
      // past the bus's retention, and its first poll after such a move drops the whole
      // in-process tier (invalidations may have been pruned unseen): a key planted before that
      // poll would be gone for a reason that is not the pattern.
      await cacheBusPolls(db, 2);
      await ctx.cache.set('stocks:detail:MSFT', 1, 3_600);
      // A key no data change drops (a late data-change invalidation from the jobs above may
      // still arrive on a busy machine and would drop a leaderboard key): only the pattern may.
      await ctx.cache.set('market:x', 1, 3_600);
      await agenda.now('invalidate-cache', { pattern: 'stocks:*' });
      await waitFor(
        'invalidate-cache to drop stocks:*',
        async () => (await ctx.cache.get('stocks:detail:MSFT')) === undefined,
        { timeoutMs: 20_000 },
      );
      // Still there (read until a lookup answers: with Redis on a loaded machine one lookup may
      // time out and read as a miss, which is not a removal).
      await waitFor('market:x to read as still cached', async () => (await ctx.cache.get('market:x')) === 1, {
        timeoutMs: 5_000,
      });

      // The status the API serves reflects all of it.
      const status = (await api.admin('/api/system/jobs')).body;
      const refresh = status.items.find((i: { name: string }) => i.name === 'refresh-stock-data');
      expect(refresh).to.include({ last_status: 'succeeded', data_source: 'sample', failures: 0 });
    });
  });
});
