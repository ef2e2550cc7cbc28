/**
 * The worker's job runtime: Agenda on the job store with every registered job, the
 * heartbeat, and a shutdown that loses nothing (see `stop`).
 */
import { EventEmitter } from 'node:events';
import { Agenda, type Job } from 'agenda';
import type { Knex } from 'knex';
import { type Clock, systemClock } from '../clock.ts';
import type { DatabaseTarget } from '../config.ts';
import { databaseOutage, isConnectionError } from '../db/availability.ts';
import type { Logger } from '../logger.ts';
import { type Heartbeat, startHeartbeat } from './heartbeat.ts';
import { type AnyJobModule, defineJobs, ensureScheduled, JOBS } from './registry.ts';
import { createJobBackend, jobStoreName, prepareJobStore } from './store.ts';
import type { JobDeps } from './types.ts';

export interface WorkerRuntimeOptions {
  target: DatabaseTarget;
  /** The app's knex instance for `target` (heartbeat; the SQLite job store). */
  db: Knex;
  deps: JobDeps;
  log: Logger;
  /** This worker's name (Agenda's lastModifiedBy, the heartbeat row). */
  name: string;
  heartbeatMs: number;
  /** How long `stop` waits for running jobs before handing them back to the store. */
  shutdownMs: number;
  jobs?: readonly AnyJobModule[];
  /** Every job's lock lifetime instead of its own (WORKER_LOCK_LIFETIME_S; see `lockLifetimeOf`). */
  lockLifetimeMs?: number;
  /** How often Agenda looks for due jobs (default 5 s; Postgres also gets LISTEN/NOTIFY). */
  processEveryMs?: number;
  /** The worker's clock (tests pass a fake one). */
  clock?: Clock;
  /**
   * Given, before Agenda starts taking jobs, the job events of this process's own runs
   * (`start`, `success`, `fail`, `complete`, `retry`, `retry exhausted`, with Agenda's
   * arguments): the worker's metrics listen on it.
   */
  observe?: (events: EventEmitter) => void;
  /** Called when a job failed and has no retries left (Sentry, when configured). */
  onExhausted?: (error: Error, job: { name: string; id: string; failures: number }) => void;
}

export interface WorkerRuntime {
  agenda: Agenda;
  /** Jobs running in this process right now. */
  running: ReadonlySet<Job>;
  /**
   * Stop: no new jobs; jobs waiting in this process are unlocked at once; running jobs get
   * `shutdownMs` to finish, and any still running then are unlocked and made due now, so
   * another worker (or the next start) runs them again. Resolves with how many were handed back.
   */
  stop(): Promise<{ interrupted: number }>;
}

/** The job events a run in this process emits (see `own` in startWorkerRuntime). */
const OWN_EVENTS = ['start', 'success', 'fail', 'complete', 'retry', 'retry exhausted'];

export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { log } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const jobs = options.jobs ?? JOBS;
  await prepareJobStore(options.target, options.db);
  const backend = createJobBackend(options.target, options.db);
  const agenda = new Agenda({
    backend,
    name: options.name,
    processEvery: options.processEveryMs ?? 5_000,
    // Each definition sets its own lock lifetime; this is for anything else.
    defaultLockLifetime: 10 * 60_000,
  });
  const running = new Set<Job>();
  defineJobs(agenda, jobs, { deps: options.deps, clock, running, lockLifetimeMs: options.lockLifetimeMs });
  // Runs started here and not yet saved as finished: Agenda saves a run's end state after
  // its function returns, so `stop` keeps the connection until that save is done too.
  const unfinished = new Set<Job>();
  // Agenda 6 also re-emits other workers' job events on the same store (PostgreSQL's state
  // notifications): a plain notification in place of the Job, and a trailing `true`. This
  // process logs, counts and waits for its own runs only: `own` carries those alone.
  const own = new EventEmitter();
  const all: EventEmitter = agenda;
  for (const event of OWN_EVENTS)
    all.on(event, (...args: unknown[]) => {
      if (args.at(-1) !== true) own.emit(event, ...args);
    });
  own.on('start', (job: Job) => unfinished.add(job));
  own.on('complete', (job: Job) => unfinished.delete(job));

  // A database that is away: logged once for the process (Agenda keeps polling and picks
  // up where it was when it is back); anything else is an error.
  const outage = databaseOutage(log);
  agenda.on('error', (err: Error) =>
    isConnectionError(err) ? outage.down(err) : log.error({ err }, `jobs: ${err.message}`),
  );
  own.on('fail', (err: Error, job: Job) =>
    log.warn(
      { err, job: job.attrs.name, failures: job.attrs.failCount ?? 1 },
      `job ${job.attrs.name} failed (${job.attrs.failCount ?? 1}x): ${err.message}`,
    ),
  );
  own.on('retry', (job: Job, info: { attempt: number; delay: number }) =>
    log.info(
      { job: job.attrs.name, attempt: info.attempt, delayMs: info.delay },
      `job ${job.attrs.name}: retry #${info.attempt} in ${Math.round(info.delay / 1000)} s`,
    ),
  );
  own.on('retry exhausted', (err: Error, job: Job) => {
    const failures = job.attrs.failCount ?? 0;
    log.error(
      { err, job: job.attrs.name, failures },
      `job ${job.attrs.name} failed ${failures} times, no retries left: ${err.message}`,
    );
    options.onExhausted?.(err, { name: job.attrs.name, id: String(job.attrs._id), failures });
  });

  options.observe?.(own);
  // Rows first, then processing: the first scan already sees every scheduled job.
  await agenda.ready;
  await ensureScheduled(agenda, jobs, now(), { lockLifetimeMs: options.lockLifetimeMs });
  await agenda.start();
  const heartbeat: Heartbeat = await startHeartbeat(options.db, {
    worker: options.name,
    backend: jobStoreName(options.target),
    intervalMs: options.heartbeatMs,
    clock,
    onError: (err) => outage.report(err, 'heartbeat'),
  });
  log.info(
    { worker: options.name, jobs: jobs.length, store: backend.name, lockLifetimeMs: options.lockLifetimeMs },
    `worker ${options.name} started: ${jobs.length} jobs on the ${backend.name} job store`,
  );

  let stopping: Promise<{ interrupted: number }> | undefined;
  async function stop(): Promise<{ interrupted: number }> {
    heartbeat.stop();
    // Keep the connection: running jobs still save their state when they finish.
    await agenda.stop(false);
    // performance.now: a monotonic bound, whatever the wall clock does.
    const deadline = performance.now() + options.shutdownMs;
    while ((running.size > 0 || unfinished.size > 0) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const left = [...running];
    for (const job of left) {
      log.warn(
        { job: job.attrs.name },
        `job ${job.attrs.name} still running at shutdown: handed back to run again`,
      );
      await agenda.db
        .saveJobState(
          { ...job.attrs, lockedAt: undefined, nextRunAt: now() },
          { lastModifiedBy: options.name },
        )
        .catch((err: Error) =>
          log.error(
            { err, job: job.attrs.name },
            `could not hand back job ${job.attrs.name}: ${err.message}`,
          ),
        );
    }
    if (backend.ownsConnection !== false) await backend.disconnect();
    return { interrupted: left.length };
  }

  return {
    agenda,
    running,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
