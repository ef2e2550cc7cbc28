/** Mapping between Agenda's JobParameters and rows of the SQLite `agenda_jobs` table. */
import type { JobParameters } from 'agenda';
import { toJobId } from 'agenda';
import type { JobRow } from '../../db/tables.ts';

export const TABLE = 'agenda_jobs';

/** Columns a `unique` constraint may name directly (identifiers cannot be bound: allowlist). */
export const UNIQUE_COLUMNS = new Set([
  'id',
  'name',
  'priority',
  'next_run_at',
  'type',
  'locked_at',
  'last_run_at',
  'last_finished_at',
  'failed_at',
  'fail_count',
  'fail_reason',
  'repeat_timezone',
  'repeat_interval',
  'repeat_at',
  'disabled',
  'progress',
  'fork',
  'last_modified_by',
]);

/** A Date (or date-like value) as epoch milliseconds, or null. */
export function ms(value: Date | string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const t = value instanceof Date ? value.getTime() : new Date(value).getTime();
  return Number.isFinite(t) ? t : null;
}

const date = (v: number | null) => (v === null ? undefined : new Date(Number(v)));

/** A stored row back into JobParameters (absent values as undefined, like the Postgres backend). */
export function rowToJob(row: JobRow): JobParameters {
  return {
    _id: toJobId(row.id),
    name: row.name,
    priority: Number(row.priority),
    nextRunAt: row.next_run_at === null ? null : new Date(Number(row.next_run_at)),
    type: row.type === 'single' ? 'single' : 'normal',
    lockedAt: date(row.locked_at),
    lastRunAt: date(row.last_run_at),
    lastFinishedAt: date(row.last_finished_at),
    failedAt: date(row.failed_at),
    failCount: row.fail_count ?? undefined,
    failReason: row.fail_reason ?? undefined,
    repeatTimezone: row.repeat_timezone ?? undefined,
    // JSON keeps a numeric interval a number and a human one ("5 minutes") a string.
    repeatInterval: row.repeat_interval === null ? undefined : JSON.parse(row.repeat_interval),
    repeatAt: row.repeat_at ?? undefined,
    data: row.data === null ? undefined : JSON.parse(row.data),
    disabled: Boolean(row.disabled),
    progress: row.progress ?? undefined,
    fork: Boolean(row.fork) || undefined,
    lastModifiedBy: row.last_modified_by ?? undefined,
    debounceStartedAt: date(row.debounce_started_at),
    startDate: date(row.start_date),
    endDate: date(row.end_date),
    skipDays: row.skip_days === null ? undefined : JSON.parse(row.skip_days),
  };
}

/** The definition columns of a job (what `saveJob` writes; state columns are `saveJobState`'s). */
export function definitionColumns(job: JobParameters, lastModifiedBy: string | null) {
  return {
    name: job.name,
    priority: job.priority ?? 0,
    next_run_at: ms(job.nextRunAt),
    type: job.type ?? 'normal',
    repeat_timezone: job.repeatTimezone ?? null,
    repeat_interval:
      job.repeatInterval === undefined || job.repeatInterval === null || job.repeatInterval === ''
        ? null
        : JSON.stringify(job.repeatInterval),
    repeat_at: job.repeatAt || null,
    data: job.data === undefined ? null : JSON.stringify(job.data),
    disabled: job.disabled ? 1 : 0,
    fork: job.fork ? 1 : 0,
    fail_reason: job.failReason ?? null,
    fail_count: job.failCount ?? null,
    failed_at: ms(job.failedAt),
    last_modified_by: lastModifiedBy,
    start_date: ms(job.startDate),
    end_date: ms(job.endDate),
    skip_days: job.skipDays ? JSON.stringify(job.skipDays) : null,
  };
}

/** The state columns (`saveJobState`): lock, run times, progress, failure. */
export function stateColumns(job: JobParameters, lastModifiedBy: string | null) {
  return {
    locked_at: ms(job.lockedAt),
    next_run_at: ms(job.nextRunAt),
    last_run_at: ms(job.lastRunAt),
    progress: job.progress ?? null,
    fail_reason: job.failReason ?? null,
    fail_count: job.failCount ?? null,
    failed_at: ms(job.failedAt),
    last_finished_at: ms(job.lastFinishedAt),
    last_modified_by: lastModifiedBy,
  };
}
