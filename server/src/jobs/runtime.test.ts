/**
 * The worker runtime on each database: a day of schedule driven by a fake clock through
 * Agenda and the job store, retries and exhaustion, shutdown that hands running jobs back,
 * the status the API shows, and the heartbeat.
 */
import type { EventEmitter } from 'node:events';
import { Agenda, type AgendaBackend, backoffStrategies, type Job } from 'agenda';
import { expect } from 'chai';
import { describeEachDatabase } from '../../test-support/db.ts';
import { waitFor, waitForEvent } from '../../test-support/wait.ts';
import { type Clock, fixedClock } from '../clock.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { checkHeartbeat, HEARTBEAT_TABLE } from './heartbeat.ts';
import { refreshStockData } from './refresh-stock-data.ts';
import { type AnyJobModule, ensureScheduled, JOBS } from './registry.ts';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.ts';
import { refreshSchedule, type Schedule } from './schedule.ts';
import { jobStatus } from './status.ts';
import { createJobBackend, prepareJobStore } from './store.ts';
import type { JobDeps, JobModule } from './types.ts';

const log = createLogger({ level: 'silent' });
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

function deps(over: Partial<JobDeps> = {}): JobDeps {
  return {
    ingest: async () => ({ source: 'sample', stocks: 0, asOf: '2025-07-02' }),
    snapshot: async () => ({ rows: 0 }),
    invalidate: async () => {},
    log,
    ...over,
  };
}

// Agenda (6.2.6) arms a timer of half the lock lifetime for every run (JobProcessor
// runOrRetry's checkIfJobIsStillAlive) and never clears it, even after stop(): a short
// lifetime keeps those timers from holding the test process open for long after the runs.
const quick = {
  lockLifetimeMs: 10_000,
  concurrency: 1,
  maxRetries: 2,
  backoff: backoffStrategies.constant({ delay: 50, maxRetries: 2 }),
};

describeEachDatabase('worker runtime', (get) => {
  // An inner suite, so its `after` (closing the store) runs before the database is dropped.
  describe('on Agenda', () => {
    let runtime: WorkerRuntime | undefined;
    let store: AgendaBackend;
    before(async () => {
      await migrateLatest(get().db);
      await prepareJobStore(get().target, get().db);
      store = createJobBackend(get().target, get().db, { notifications: false });
      await store.connect();
    });
    after(async () => store?.disconnect());
    afterEach(async () => {
      await runtime?.stop();
      runtime = undefined;
      await store.repository.purgeAllJobs();
    });

    async function start(
      jobs: readonly AnyJobModule[],
      d: JobDeps,
      extra: { clock?: Clock; shutdownMs?: number } = {},
    ) {
      runtime = await startWorkerRuntime({
        target: get().target,
        db: get().db,
        deps: d,
        log,
        name: 'test-worker',
        heartbeatMs: 60_000,
        shutdownMs: extra.shutdownMs ?? 2_000,
        jobs,
        processEveryMs: 50,
        clock: extra.clock,
      });
      return runtime;
    }

    it('a fake-clock week: refresh runs at the open, hourly and after the close; July 3 closes early; none on July 4', async function () {
      this.timeout(30_000);
      // The first reading (the start, 09:00 New York) schedules 09:30; each later reading is
      // the occurrence being run: the stored nextRunAt, moved to after each run.
      const begin = new Date('2025-07-02T13:00:00Z');
      let fake = new Date('2025-07-02T13:30:00Z');
      let readings = 0;
      const runs: string[] = [];
      const refresh: JobModule = {
        ...JOBS.find((j) => j.name === 'refresh-stock-data'),
        options: { ...quick },
      } as JobModule;
      const end = new Date('2025-07-08T00:00:00Z');
      const rt = await start(
        [refresh],
        deps({
          ingest: async () => {
            if (fake < end) runs.push(ny(fake));
            return { source: 'sample', stocks: 1, asOf: '' };
          },
        }),
        { clock: { now: () => (readings++ === 0 ? begin : fake) } },
      );
      // After each run the job's stored nextRunAt is the next occurrence: move the clock there.
      rt.agenda.on('complete', (job) => {
        if (job.attrs.nextRunAt) fake = job.attrs.nextRunAt;
      });
      await waitFor('the clock to reach 2025-07-08', () => fake >= end, {
        timeoutMs: 25_000,
        detail: () => `runs so far: ${runs.join(', ')}`,
      });
      const FULL = ['09:30', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:05'];
      expect(runs).to.deep.equal([
        ...FULL.map((t) => `2025-07-02 ${t}`),
        ...['09:30', '10:00', '11:00', '12:00', '13:05'].map((t) => `2025-07-03 ${t}`),
        ...FULL.map((t) => `2025-07-07 ${t}`),
      ]);
      const { jobs } = await rt.agenda.queryJobs({ name: 'refresh-stock-data' });
      expect(jobs).to.have.length(1);
      expect(ny(jobs[0].nextRunAt as Date)).to.equal('2025-07-08 09:30');
    });

    it('progress reported without waiting still lands before the run ends: the finished run stays unlocked', async () => {
      const reporter: JobModule = {
        name: 'reports-progress',
        description: 'test',
        schedule: null,
        options: quick,
        run: async ({ progress }) => {
          for (const pct of [30, 60, 90]) void progress(pct);
        },
      };
      const rt = await start([reporter], deps());
      // Progress writes that take a while to land (their values taken when sent). The delay
      // is the slow store under test, not a wait: the test waits for the writes themselves.
      const repo = rt.agenda.db;
      const save = repo.saveJobState.bind(repo);
      let progressSent = 0;
      let progressLanded = 0;
      repo.saveJobState = async (job, o) => {
        const sent = { ...job };
        if (sent.lockedAt && sent.progress !== undefined && !sent.lastFinishedAt) {
          progressSent++;
          await new Promise((r) => setTimeout(r, 100));
          try {
            return await save(sent, o);
          } finally {
            progressLanded++;
          }
        }
        return save(sent, o);
      };
      let completed = 0;
      rt.agenda.on('complete', () => completed++);
      await rt.agenda.now('reports-progress', {});
      await waitFor('the run to complete', () => completed === 1);
      // Every progress write sent has landed (a late one would have locked the row again).
      await waitFor('the progress writes to land', () => progressSent === 3 && progressLanded === 3, {
        detail: () => `${progressSent} sent, ${progressLanded} landed`,
      });
      const [row] = (await store.repository.queryJobs({ name: 'reports-progress' })).jobs;
      expect(row.lockedAt, 'lock released').to.equal(undefined);
      expect(row.lastFinishedAt).to.be.instanceOf(Date);
      expect(row.progress).to.equal(90);
    });

    it('retries with backoff, then reports exhaustion once and shows it in the status', async () => {
      let attempts = 0;
      const failing: JobModule = {
        name: 'always-fails',
        description: 'test',
        schedule: null,
        options: quick,
        run: async () => {
          attempts++;
          throw new Error(`provider down (${attempts})`);
        },
      };
      const exhausted: string[] = [];
      const rt = await startWorkerRuntime({
        target: get().target,
        db: get().db,
        deps: deps(),
        log,
        name: 'test-worker',
        heartbeatMs: 60_000,
        shutdownMs: 1_000,
        jobs: [failing],
        processEveryMs: 50,
        onExhausted: (err, job) => exhausted.push(`${job.name}: ${err.message} after ${job.failures}`),
      });
      runtime = rt;
      await rt.agenda.now('always-fails', {});
      await waitFor('retries to be exhausted', () => exhausted.length > 0);
      // The last failure is stored with nothing left to run: no further attempt can come.
      await waitFor('the exhausted job to be stored without a next run', async () => {
        const [row] = (await store.repository.queryJobs({ name: 'always-fails' })).jobs;
        return row?.failCount === 3 && !row.lockedAt && !row.nextRunAt;
      });
      expect(attempts).to.equal(3);
      expect(exhausted).to.deep.equal(['always-fails: provider down (3) after 3']);
      const status = await jobStatus(rt.agenda.db, [failing], { source: 'sample' });
      expect(status.items[0]).to.include({
        name: 'always-fails',
        last_status: 'failed',
        last_error: "The run failed with an unexpected error; the worker's log has the detail",
        failures: 3,
        retries_exhausted: true,
        next_run_at: null,
      });
    });

    it('a failure followed by a successful retry: status succeeded, failures back to 0', async () => {
      let attempts = 0;
      const flaky: JobModule = {
        name: 'flaky',
        description: 'test',
        schedule: null,
        options: quick,
        run: async ({ progress }) => {
          attempts++;
          if (attempts === 1) throw new Error('timeout');
          await progress(100);
        },
      };
      const rt = await start([flaky], deps());
      await rt.agenda.now('flaky', {});
      await waitFor(
        'the retry to succeed',
        async () =>
          (await jobStatus(rt.agenda.db, [flaky], { source: 'x' })).items[0].last_status === 'succeeded',
      );
      const [item] = (await jobStatus(rt.agenda.db, [flaky], { source: 'x' })).items;
      expect(attempts).to.equal(2);
      expect(item).to.include({
        failures: 0,
        retries_exhausted: false,
        last_error: null,
        progress: null,
        data_source: null,
      });
    });

    it('status while running: progress and the data source', async () => {
      let release = () => {};
      const refresh: JobModule = {
        ...JOBS.find((j) => j.name === 'refresh-stock-data'),
        schedule: null,
        options: { ...quick },
      } as JobModule;
      const rt = await start(
        [refresh],
        deps({
          ingest: async ({ onProgress }) => {
            onProgress?.({ phase: 'load', done: 40, total: 100 });
            await new Promise<void>((r) => {
              release = r;
            });
            return { source: 'sample', stocks: 100, asOf: '2025-07-02' };
          },
        }),
      );
      await rt.agenda.now('refresh-stock-data', {});
      const read = async () => (await jobStatus(rt.agenda.db, [refresh], { source: 'sample' })).items[0];
      // Loading is 0-90 % of a refresh: 40 of 100 stocks loaded is 36 %.
      await waitFor('progress 36 %', async () => (await read()).progress === 36);
      expect(await read()).to.include({ last_status: 'running', progress: 36, data_source: 'sample' });
      release();
      await waitFor('the refresh to succeed', async () => (await read()).last_status === 'succeeded');
    });

    it('shutdown: a job that finishes within the bound completes; one that does not is handed back and runs again', async () => {
      const started: string[] = [];
      let finished = 0;
      const slow: JobModule<{ ms: number }> = {
        name: 'slow',
        description: 'test',
        schedule: null,
        options: { ...quick, concurrency: 2 },
        run: async ({ data }) => {
          started.push(`${data.ms}`);
          // The job's duration against the 300 ms shutdown bound is what this test is about.
          await new Promise((r) => setTimeout(r, data.ms));
          finished++;
        },
      };
      const rt = await start([slow], deps(), { shutdownMs: 300 });
      await rt.agenda.now('slow', { ms: 100 });
      await rt.agenda.now('slow', { ms: 1_500 });
      await waitFor('both jobs to start', () => started.length === 2);
      // Agenda cannot cancel a running function: the handed-back run still ends in this
      // process and saves its end; the test waits for that, so no write outlives its database.
      const handedBackEnds = waitForEvent<[Job]>(rt.agenda, 'complete', {
        what: 'the handed-back run to end',
        matches: (job) => (job.attrs.data as { ms?: number })?.ms === 1_500,
      });
      const { interrupted } = await rt.stop();
      runtime = undefined;
      expect(interrupted).to.equal(1);
      expect(finished).to.equal(1);
      const left = (await store.repository.queryJobs({ name: 'slow', data: { ms: 1_500 } })).jobs[0];
      expect(left.lockedAt == null).to.equal(true);
      expect(left.nextRunAt).to.be.instanceOf(Date);

      // The next worker runs it (a quick version of it) to the end.
      let reran = 0;
      const again = await start([{ ...slow, run: async () => void reran++ }], deps());
      await waitFor('the next worker to run it', () => reran === 1);
      await waitFor(
        'both jobs to be stored as completed',
        async () => (await again.agenda.db.queryJobs({ name: 'slow', state: 'completed' })).total === 2,
      );
      await handedBackEnds;
      expect([finished, reran]).to.deep.equal([2, 1]);
    });

    it("two workers on one store: each logs, counts and waits for its own runs only, not the other's (Agenda's remote job events)", async () => {
      const ran: string[] = [];
      const one = (worker: string): JobModule => ({
        name: 'once',
        description: 'test',
        schedule: null,
        options: quick,
        run: async () => void ran.push(worker),
      });
      const seen = { a: [] as string[], b: [] as string[] };
      const observe = (who: 'a' | 'b') => (events: EventEmitter) => {
        for (const event of ['start', 'success', 'complete'])
          events.on(event, (job: Job) => seen[who].push(`${event}:${job.attrs.name}`));
      };
      const common = {
        target: get().target,
        db: get().db,
        deps: deps(),
        log,
        heartbeatMs: 60_000,
        shutdownMs: 2_000,
        processEveryMs: 50,
      };
      runtime = await startWorkerRuntime({
        ...common,
        name: 'worker-a',
        jobs: [one('a')],
        observe: observe('a'),
      });
      const b = await startWorkerRuntime({
        ...common,
        name: 'worker-b',
        jobs: [one('b')],
        observe: observe('b'),
      });
      try {
        // On PostgreSQL the worker that did not run it hears of the run through the store's
        // notifications (a remote event ends with `true`); SQLite has none.
        const remote = { a: 0, b: 0 };
        for (const [who, agenda] of [
          ['a', runtime.agenda],
          ['b', b.agenda],
        ] as const)
          agenda.on('success', (...args: unknown[]) => {
            if (args.at(-1) === true) remote[who]++;
          });
        await runtime.agenda.now('once', {});
        await waitFor('the run', () => ran.length === 1);
        const who = ran[0] as 'a' | 'b';
        const other = who === 'a' ? 'b' : 'a';
        await waitFor('its events', () => seen[who].length === 3);
        if (get().target.client !== 'sqlite3')
          await waitFor('the other worker to hear of it', () => remote[other] === 1);
        expect(seen[who]).to.deep.equal(['start:once', 'success:once', 'complete:once']);
        expect(seen[other], 'the other worker counts nothing').to.deep.equal([]);
      } finally {
        await b.stop();
      }
    });

    it('the heartbeat: fresh while the worker runs, stale when it stops beating', async () => {
      await start([], deps());
      const fresh = await checkHeartbeat(get().db, { worker: 'test-worker', maxAgeMs: 5_000 });
      expect(fresh.ok, fresh.message).to.equal(true);
      const later = fixedClock(new Date(Date.now() + 10_000));
      const stale = await checkHeartbeat(get().db, { worker: 'test-worker', maxAgeMs: 5_000, clock: later });
      expect(stale).to.include({ ok: false });
      expect(stale.message).to.match(/stale/);
      const missing = await checkHeartbeat(get().db, { worker: 'nobody', maxAgeMs: 5_000 });
      expect(missing).to.deep.include({ ok: false, ageMs: null });
      expect((await checkHeartbeat(get().db, { worker: null, maxAgeMs: 5_000 })).ok).to.equal(true);
    });

    it("stamps the heartbeat with the worker's clock", async () => {
      const clock = fixedClock('2099-07-01T13:00:00Z');
      await start([], deps(), { clock });
      const row = await get().db(HEARTBEAT_TABLE).where('worker', 'test-worker').first();
      expect(Number(row?.beat_at)).to.equal(clock.now().getTime());
      expect(Number(row?.started_at)).to.equal(clock.now().getTime());
    });

    it('starting twice keeps one row per scheduled job and does not move its due time', async () => {
      // Far ahead, so nothing falls due during the test.
      const fixed = new Date('2099-07-01T13:00:00Z');
      const every: Schedule = refreshSchedule;
      const refresh = { ...JOBS[0], schedule: every, options: quick } as JobModule;
      const first = await start([refresh], deps(), { clock: fixedClock(fixed) });
      const due = (await first.agenda.queryJobs({ name: refresh.name })).jobs[0].nextRunAt;
      await first.stop();
      const second = await start([refresh], deps(), { clock: fixedClock('2099-06-29T13:00:00Z') });
      const rows = (await second.agenda.queryJobs({ name: refresh.name })).jobs;
      expect(rows).to.have.length(1);
      expect(rows[0].nextRunAt?.getTime()).to.equal(due?.getTime());
    });

    it("a row left locked by a stopped worker is due again once the lock lifetime passed: the job's own, or the override", async () => {
      const backend = createJobBackend(get().target, get().db, { notifications: false });
      const agenda = new Agenda({ backend });
      try {
        await agenda.ready;
        const t0 = new Date('2025-07-07T14:00:00Z');
        await ensureScheduled(agenda, [refreshStockData], t0);
        const row = async () => (await agenda.queryJobs({ name: refreshStockData.name })).jobs[0];
        // As a killed worker leaves it: locked at t0, no due time (the run moved it off).
        await agenda.db.saveJobState({ ...(await row()), nextRunAt: null, lockedAt: t0 }, {});
        expect((await row()).lockedAt?.getTime()).to.equal(t0.getTime());
        const later = new Date(t0.getTime() + 60_000);
        // One minute on, the refresh's own 10 min lock is still live: left alone.
        await ensureScheduled(agenda, [refreshStockData], later);
        expect((await row()).nextRunAt ?? null).to.equal(null);
        // With a 30 s lifetime (WORKER_LOCK_LIFETIME_S=30) it has expired: due now.
        await ensureScheduled(agenda, [refreshStockData], later, { lockLifetimeMs: 30_000 });
        expect((await row()).nextRunAt?.getTime()).to.equal(later.getTime());
      } finally {
        await backend.disconnect();
      }
    });
  });
});
