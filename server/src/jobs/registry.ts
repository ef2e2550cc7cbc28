/**
 * Every job, registered in one place, and how they are put on an Agenda: each module's
 * options become an Agenda definition (lock lifetime, concurrency, backoff retries), and
 * each scheduled job is one 'single' job in the store whose `nextRunAt` the run itself
 * moves to the schedule's next instant.
 */
import type { Agenda, Job } from 'agenda';
import { type Clock, systemClock } from '../clock.ts';
import { asJobFailure } from './failure.ts';
import { invalidateCache } from './invalidate-cache.ts';
import { refreshStockData } from './refresh-stock-data.ts';
import { nextRun } from './schedule.ts';
import { snapshotDailyScores } from './snapshot-daily-scores.ts';
import type { JobDeps, JobModule } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: modules differ in their data type
export type AnyJobModule = JobModule<any>;

/** All jobs the worker runs. */
export const JOBS: readonly AnyJobModule[] = [refreshStockData, snapshotDailyScores, invalidateCache];

export interface DefineOptions {
  deps: JobDeps;
  /** The worker's clock (tests pass a fake one). */
  clock?: Clock;
  /** Jobs running in this process right now (the worker unlocks them on shutdown). */
  running?: Set<Job>;
  /** Every job's lock lifetime instead of its own (WORKER_LOCK_LIFETIME_S). */
  lockLifetimeMs?: number;
}

/**
 * How long a run of `mod` holds its lock: the override when given, else the job's own. A
 * run must report progress (which renews the lock) more often than this, or Agenda cancels
 * it; a lock older than this is taken over by any worker (a killed worker's run runs again).
 */
function lockLifetimeOf(mod: AnyJobModule, override?: number): number {
  return override ?? mod.options.lockLifetimeMs;
}

/** Define every module on an Agenda instance. */
export function defineJobs(agenda: Agenda, jobs: readonly AnyJobModule[], options: DefineOptions): void {
  const clock = options.clock ?? systemClock;
  for (const mod of jobs) {
    agenda.define(
      mod.name,
      async (job: Job) => {
        options.running?.add(job);
        // Progress writes (job.touch saves the whole job state) go one after another, and the
        // run ends only when the last has landed: a write still in flight when Agenda saves the
        // finished run would lock the row again (lockedAt set, lastFinishedAt cleared), and the
        // next occurrence would wait for the lock lifetime.
        let progressWrites: Promise<void> = Promise.resolve();
        try {
          const started = clock.now();
          // Move the job to its next occurrence first: saved when this run ends, whether it
          // succeeds or fails for good (a retry with backoff sets an earlier nextRunAt).
          // (One-off runs of a scheduled job, queued by runNow, are 'normal' rows: not moved.)
          if (mod.schedule && job.attrs.type === 'single')
            job.attrs.nextRunAt = nextRun(mod.schedule, started);
          await mod
            .run({
              data: job.attrs.data ?? {},
              deps: options.deps,
              now: started,
              progress: (percent) => {
                const write = progressWrites.then(() =>
                  job.touch(Math.max(0, Math.min(100, Math.round(percent)))),
                );
                progressWrites = write.catch(() => {});
                return write;
              },
            })
            .catch((err: unknown) => {
              throw asJobFailure(err);
            });
        } finally {
          await progressWrites;
          options.running?.delete(job);
        }
      },
      {
        lockLifetime: lockLifetimeOf(mod, options.lockLifetimeMs),
        concurrency: mod.options.concurrency,
        priority: mod.options.priority,
        backoff: mod.options.backoff,
      },
    );
  }
}

/**
 * Make sure every scheduled job has its row with a due time. Missing: created, due at the
 * schedule's next run. Present without a due time and not held by a live lock (a worker
 * stopped while running it): due now, so the interrupted occurrence runs again. Any other
 * row is left alone, so starting a second worker does not move a pending retry.
 */
export async function ensureScheduled(
  agenda: Agenda,
  jobs: readonly AnyJobModule[],
  now: Date,
  options: { lockLifetimeMs?: number } = {},
): Promise<void> {
  for (const mod of jobs) {
    if (!mod.schedule) continue;
    const rows = (await agenda.queryJobs({ name: mod.name })).jobs.filter((r) => r.type === 'single');
    if (rows.length === 0) {
      const job = agenda.create(mod.name, {});
      job.attrs.type = 'single';
      job.schedule(nextRun(mod.schedule, now));
      await job.save();
      continue;
    }
    for (const row of rows) {
      const lockLive =
        row.lockedAt && now.getTime() - row.lockedAt.getTime() < lockLifetimeOf(mod, options.lockLifetimeMs);
      if (!row.nextRunAt && !lockLive && !row.disabled) {
        await agenda.db.saveJob(
          { ...row, nextRunAt: now },
          { lastModifiedBy: agenda.attrs.name || undefined },
        );
      }
    }
  }
}

/** Queue a one-off run of a job now (an admin action, or one job asking for another). */
export async function runNow(
  agenda: Agenda,
  name: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  if (!JOBS.some((j) => j.name === name)) throw new Error(`unknown job "${name}"`);
  await agenda.now(name, data);
}
