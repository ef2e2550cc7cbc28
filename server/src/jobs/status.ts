/**
 * `GET /api/system/jobs`: each registered job's last run, next run, failures and progress,
 * read from the job store (no Agenda needed: the API reads the repository directly).
 */
import type { JobParameters, JobRepository } from 'agenda';
import type { Knex } from 'knex';
import { type Clock, systemClock } from '../clock.ts';
import type { DatabaseTarget } from '../config.ts';
import { parseFailReason } from './failure.ts';
import { type AnyJobModule, JOBS } from './registry.ts';
import type { JobList, JobStatus } from './schemas.ts';
import { createJobBackend, isMissingJobTable } from './store.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const t = (d: Date | null | undefined) => (d ? d.getTime() : -Infinity);

function lastStatus(job: JobParameters | undefined): JobStatus['last_status'] {
  if (!job?.lastRunAt) return null;
  if (job.lockedAt && t(job.lastRunAt) > t(job.lastFinishedAt)) return 'running';
  // Agenda stamps failedAt and lastFinishedAt with the same instant when a run fails.
  if (job.failedAt && t(job.failedAt) >= t(job.lastFinishedAt)) return 'failed';
  return job.lastFinishedAt ? 'succeeded' : null;
}

export interface JobStatusOptions {
  /** The market-data source the refresh reads ('sample', 'fmp'). */
  source: string;
  /** "Now" for what is overdue or upcoming (default: the wall clock). */
  clock?: Clock;
}

/**
 * A failed run as the status shows it: a coded failure (saved with its public message) as it
 * is; any other error's message may hold SQL, a host or a path, so it is not shown (the
 * worker's log has it).
 */
function publicFailure(reason: string): { code: string | null; message: string } {
  const parsed = parseFailReason(reason);
  return parsed.code
    ? parsed
    : { code: null, message: "The run failed with an unexpected error; the worker's log has the detail" };
}

/** Jobs that read market data (their status names the source). */
const READS_MARKET_DATA = new Set(['refresh-stock-data']);

/** The JobList for every module, from the rows of the job store. */
export async function jobStatus(
  repository: Pick<JobRepository, 'queryJobs'>,
  modules: readonly AnyJobModule[],
  options: JobStatusOptions,
): Promise<JobList> {
  const now = (options.clock ?? systemClock).now().getTime();
  const { jobs } = await repository.queryJobs({ names: modules.map((m) => m.name) });
  const items = modules.map((mod): JobStatus => {
    const rows = jobs.filter((j) => j.name === mod.name);
    // The latest run among the job's rows (a scheduled job has one; on-demand runs add more).
    const last = rows.reduce<JobParameters | undefined>(
      (a, b) => (!a || t(b.lastRunAt) > t(a.lastRunAt) ? b : a),
      undefined,
    );
    const upcoming = rows
      .filter((r) => !r.disabled && r.nextRunAt)
      .map((r) => r.nextRunAt as Date)
      .sort((a, b) => a.getTime() - b.getTime());
    const next = upcoming.find((d) => d.getTime() >= now) ?? upcoming[0] ?? null;
    const status = lastStatus(last);
    const failures = last?.failCount ?? 0;
    const failed = status === 'failed' && last?.failReason ? publicFailure(last.failReason) : null;
    return {
      name: mod.name,
      schedule: mod.schedule?.describe ?? 'on demand',
      last_run_at: iso(last?.lastRunAt),
      last_finished_at: iso(last?.lastFinishedAt),
      last_status: status,
      last_error: failed?.message ?? null,
      last_error_code: failed?.code ?? null,
      next_run_at: iso(next),
      failures,
      retries_exhausted: status === 'failed' && failures > mod.options.maxRetries,
      progress: status === 'running' ? (last?.progress ?? 0) : null,
      data_source: READS_MARKET_DATA.has(mod.name) ? options.source : null,
    };
  });
  return { items };
}

export interface JobStatusSource {
  list(): Promise<JobList>;
  close(): Promise<void>;
}

/**
 * Read job status from the job store without running Agenda (the API is not a worker):
 * the store's repository is connected on first use (no LISTEN on Postgres).
 */
export function createJobStatusSource(options: {
  target: DatabaseTarget;
  db: Knex;
  source: string;
  clock: Clock;
}): JobStatusSource {
  const backend = createJobBackend(options.target, options.db, { notifications: false });
  let connected: Promise<void> | undefined;
  return {
    async list() {
      connected ??= backend.connect().catch((err) => {
        connected = undefined;
        throw err;
      });
      try {
        await connected;
        return await jobStatus(backend.repository, JOBS, { source: options.source, clock: options.clock });
      } catch (err) {
        // Postgres before any worker started: no job table yet, so nothing has run.
        if (!isMissingJobTable(err)) throw err;
        connected = undefined;
        return jobStatus({ queryJobs: async () => ({ jobs: [], total: 0 }) }, JOBS, {
          source: options.source,
          clock: options.clock,
        });
      }
    },
    async close() {
      if (connected) await backend.disconnect();
    },
  };
}
