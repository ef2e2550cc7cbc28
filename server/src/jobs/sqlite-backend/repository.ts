/**
 * Agenda's JobRepository over knex on SQLite, in the app's own database file.
 *
 * Locking: every claim (`lockJob`, `getNextJobToRun`) is one UPDATE whose WHERE clause
 * holds the lock condition, run inside a `BEGIN IMMEDIATE` transaction, and the claim
 * counts only when that UPDATE changed exactly one row. SQLite lets one writer at a time
 * into the file, so two workers (processes) on one file can never both see the same job
 * as claimable: the second one's UPDATE finds the lock already taken and changes nothing.
 * A crashed worker's lock expires: a row whose `locked_at` is older than the caller's
 * lock deadline (now − lockLifetime) is claimable again.
 *
 * Time: this repository reads the wall clock (`Date.now()`, `new Date()`) rather than the
 * app's `Clock`, as Agenda and its other backends do. Agenda stamps `lockedAt` and
 * `nextRunAt` with its own `new Date()`, so due times and lock expiry must be compared on
 * that same clock (the worker's `Clock` only decides when the schedule's next run is).
 */
import { randomUUID } from 'node:crypto';
import type {
  JobParameters,
  JobRepository,
  JobRepositoryOptions,
  JobsOverview,
  JobsQueryOptions,
  JobsResult,
  JobsSort,
  RemoveJobsOptions,
} from 'agenda';
import { computeJobState } from 'agenda';
import type { Knex } from 'knex';
import type { JobRow } from '../../db/tables.ts';
import { definitionColumns, ms, rowToJob, stateColumns, TABLE, UNIQUE_COLUMNS } from './rows.ts';

type Query = Knex.QueryBuilder<JobRow, JobRow[]>;

/** Default claim order, as Agenda's own backends: earliest due first, then highest priority. */
const CLAIM_ORDER = 'next_run_at asc nulls last, priority desc';

export class SqliteJobRepository implements JobRepository {
  /** The tail of this instance's queue of write transactions (see `immediate`). */
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Knex) {}

  /** The table is created by the app's migrations; connecting only checks it is there. */
  async connect(): Promise<void> {
    if (!(await this.db.schema.hasTable(TABLE))) {
      throw new Error(`table ${TABLE} is missing: run the migrations (npm run migrate)`);
    }
  }

  private table(conn?: unknown): Query {
    const q = this.db<JobRow, JobRow[]>(TABLE);
    return conn ? q.connection(conn) : q;
  }

  /**
   * Run `fn` in a `BEGIN IMMEDIATE` transaction on one pooled connection: the write lock
   * is taken before the first read, so nothing read inside can be changed by another
   * process before this transaction commits (and the busy timeout applies to waiting).
   *
   * Within one process these transactions are queued: the sqlite3 driver waits for a lock
   * on one of libuv's few worker threads, so several connections of one pool all waiting at
   * once could leave no thread for the connection that holds the lock.
   */
  private immediate<T>(fn: (conn: unknown) => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.immediateNow(fn));
    this.writeQueue = run.catch(() => {});
    return run;
  }

  private async immediateNow<T>(fn: (conn: unknown) => Promise<T>): Promise<T> {
    const client = this.db.client as {
      acquireConnection(): Promise<unknown>;
      releaseConnection(conn: unknown): Promise<void> | void;
    };
    const conn = await client.acquireConnection();
    try {
      await this.db.raw('begin immediate').connection(conn);
      try {
        const result = await fn(conn);
        await this.db.raw('commit').connection(conn);
        return result;
      } catch (err) {
        await this.db
          .raw('rollback')
          .connection(conn)
          .catch(() => {});
        throw err;
      }
    } finally {
      await client.releaseConnection(conn);
    }
  }

  // ---------- reads ----------

  async getJobById(id: string): Promise<JobParameters | null> {
    const row = await this.table()
      .where({ id: String(id) })
      .first();
    return row ? rowToJob(row) : null;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const {
      name,
      names,
      state,
      id,
      ids,
      search,
      data,
      includeDisabled = true,
      sort,
      skip = 0,
      limit = 0,
    } = options;
    const q = this.table();
    if (name) q.where('name', name);
    else if (names && names.length > 0) q.whereIn('name', names);
    if (id) q.where('id', String(id));
    else if (ids && ids.length > 0) q.whereIn('id', ids.map(String));
    if (search) q.whereRaw("name like ? escape '\\'", [`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
    if (data !== undefined) whereData(q, data);
    if (!includeDisabled) q.where('disabled', 0);
    q.orderByRaw(orderBy(sort));
    const now = new Date();
    const jobs = (await q)
      .map((row) => {
        const job = rowToJob(row);
        return {
          ...job,
          _id: job._id as NonNullable<JobParameters['_id']>,
          state: computeJobState(job, now),
        };
      })
      .filter((job) => !state || (state === 'paused' ? job.disabled === true : job.state === state));
    const page = limit > 0 ? jobs.slice(skip, skip + limit) : jobs.slice(skip);
    return { jobs: page, total: jobs.length };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const now = new Date();
    const rows = await this.table().orderBy('name');
    const byName = new Map<string, JobsOverview>();
    for (const row of rows) {
      let o = byName.get(row.name);
      if (!o) {
        o = {
          name: row.name,
          total: 0,
          running: 0,
          scheduled: 0,
          queued: 0,
          completed: 0,
          failed: 0,
          repeating: 0,
          paused: 0,
        };
        byName.set(row.name, o);
      }
      const job = rowToJob(row);
      o.total++;
      o[computeJobState(job, now)]++;
      if (job.disabled) o.paused++;
    }
    return [...byName.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    const rows = await this.table().distinct('name').orderBy('name');
    return rows.map((r) => r.name);
  }

  async getQueueSize(): Promise<number> {
    const [row] = await this.table().where('next_run_at', '<', Date.now()).count({ n: '*' });
    return Number((row as { n: number }).n);
  }

  // ---------- removal, enable / disable ----------

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const q = this.filtered(options);
    return q ? await q.delete() : 0;
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    const q = this.filtered(options);
    return q ? await q.update({ disabled: 1, updated_at: Date.now() }) : 0;
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    const q = this.filtered(options);
    return q ? await q.update({ disabled: 0, updated_at: Date.now() }) : 0;
  }

  async purgeAllJobs(): Promise<number> {
    return await this.table().delete();
  }

  /** The rows an id/name/data filter selects, or null when it names nothing (then nothing is touched). */
  private filtered(options: RemoveJobsOptions): Query | null {
    const q = this.table();
    let any = false;
    if (options.id) {
      q.where('id', String(options.id));
      any = true;
    } else if (options.ids && options.ids.length > 0) {
      q.whereIn('id', options.ids.map(String));
      any = true;
    }
    if (options.name) {
      q.where('name', options.name);
      any = true;
    } else if (options.names && options.names.length > 0) {
      q.whereIn('name', options.names);
      any = true;
    } else if (options.notNames && options.notNames.length > 0) {
      q.whereNotIn('name', options.notNames);
      any = true;
    }
    if (options.data !== undefined) {
      whereData(q, options.data);
      any = true;
    }
    return any ? q : null;
  }

  // ---------- locking ----------

  async lockJob(job: JobParameters, options?: JobRepositoryOptions): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const now = Date.now();
    return this.claim(
      `id = ? and name = ? and locked_at is null and next_run_at = ? and disabled = 0`,
      [String(job._id), job.name, ms(job.nextRunAt)],
      now,
      options,
    );
  }

  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now?: Date,
    options?: JobRepositoryOptions,
  ): Promise<JobParameters | undefined> {
    return this.claim(
      `name = ? and disabled = 0 and ((locked_at is null and next_run_at <= ?) or locked_at <= ?)`,
      [jobName, nextScanAt.getTime(), lockDeadline.getTime()],
      (now ?? new Date()).getTime(),
      options,
    );
  }

  /**
   * Claim the first row matching `condition` (in claim order): one UPDATE that repeats the
   * condition in its own WHERE, in an immediate transaction; claimed only if it changed one row.
   */
  private async claim(
    condition: string,
    bindings: Knex.RawBinding[],
    lockedAt: number,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    return this.immediate(async (conn) => {
      const rows = (await this.db
        .raw(
          `update ${TABLE} set locked_at = ?, last_modified_by = ?, updated_at = ?
           where id = (select id from ${TABLE} where ${condition} order by ${CLAIM_ORDER} limit 1)
             and ${condition}
           returning *`,
          [lockedAt, options?.lastModifiedBy ?? null, lockedAt, ...bindings, ...bindings],
        )
        .connection(conn)) as JobRow[];
      return rows.length === 1 ? rowToJob(rows[0]) : undefined;
    });
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    // A job whose nextRunAt is null is being processed (one-shot): leave its lock alone.
    await this.table()
      .where('id', String(job._id))
      .whereNotNull('next_run_at')
      .update({ locked_at: null, updated_at: Date.now() });
  }

  async unlockJobs(jobIds: (string | NonNullable<JobParameters['_id']>)[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.table().whereIn('id', jobIds.map(String)).update({ locked_at: null, updated_at: Date.now() });
  }

  // ---------- writes ----------

  async saveJobState(job: JobParameters, options?: JobRepositoryOptions): Promise<void> {
    if (!job._id) throw new Error('Cannot save job state without job ID');
    const changed = await this.table()
      .where({ id: String(job._id), name: job.name })
      .update({ ...stateColumns(job, options?.lastModifiedBy ?? null), updated_at: Date.now() });
    if (changed !== 1) {
      throw new Error(
        `job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`,
      );
    }
  }

  async saveJob<DATA = unknown>(
    job: JobParameters<DATA>,
    options?: JobRepositoryOptions,
  ): Promise<JobParameters<DATA>> {
    const { _id, unique, uniqueOpts } = job;
    const cols = definitionColumns(job as JobParameters, options?.lastModifiedBy ?? null);
    const now = Date.now();

    if (_id) {
      const [row] = await this.table()
        .where({ id: String(_id), name: job.name })
        .update({ ...cols, updated_at: now })
        .returning('*');
      // Removed meanwhile: hand the caller its data back unchanged (as Agenda's backends do).
      return row ? (rowToJob(row) as JobParameters<DATA>) : job;
    }

    if (job.type === 'single') {
      // Upsert by name. A due time already in the past does not overwrite a stored one,
      // so restarting a worker does not re-run (or skip) an occurrence.
      const keepStoredNextRun = cols.next_run_at !== null && cols.next_run_at <= now;
      const updates = Object.keys(cols)
        .filter(
          (c) =>
            c !== 'name' && c !== 'type' && c !== 'fail_reason' && c !== 'fail_count' && c !== 'failed_at',
        )
        .map((c) =>
          c === 'next_run_at' && keepStoredNextRun
            ? `next_run_at = coalesce(${TABLE}.next_run_at, excluded.next_run_at)`
            : `${c} = excluded.${c}`,
        );
      const insert = this.table()
        .insert({ id: randomUUID(), ...cols, created_at: now, updated_at: now })
        .toSQL()
        .toNative();
      const rows = (await this.db.raw(
        `${insert.sql} on conflict (name) where type = 'single' do update set ${updates.join(', ')}, updated_at = excluded.updated_at returning *`,
        insert.bindings as Knex.RawBinding[],
      )) as JobRow[];
      return rowToJob(rows[0]) as JobParameters<DATA>;
    }

    if (unique) {
      return this.immediate(async (conn) => {
        const q = this.table(conn).where('name', job.name);
        for (const [key, value] of Object.entries(unique)) {
          if (key.startsWith('data.')) {
            q.whereRaw('json_extract(data, ?) = ?', [`$.${key.slice(5)}`, sqlValue(value)]);
          } else {
            const column = key.replace(/([A-Z])/g, '_$1').toLowerCase();
            if (!UNIQUE_COLUMNS.has(column)) throw new Error(`Invalid unique constraint field: "${key}"`);
            q.where(column, sqlValue(value));
          }
        }
        const existing = await q.clone().first();
        const debounce = uniqueOpts?.debounce;
        if (existing) {
          if (uniqueOpts?.insertOnly && !debounce) return rowToJob(existing) as JobParameters<DATA>;
          let nextRunAt = cols.next_run_at;
          let debounceStartedAt: number | null = null;
          if (debounce) {
            const started = existing.debounce_started_at ?? now;
            if (debounce.strategy === 'leading') {
              nextRunAt = existing.next_run_at;
              debounceStartedAt = started;
            } else if (debounce.maxWait && now - started >= debounce.maxWait) {
              nextRunAt = now;
            } else {
              nextRunAt = now + debounce.delay;
              debounceStartedAt = started;
            }
          }
          const [row] = await this.table(conn)
            .where('id', existing.id)
            .update({
              ...cols,
              next_run_at: nextRunAt,
              debounce_started_at: debounceStartedAt,
              updated_at: now,
            })
            .returning('*');
          return rowToJob(row) as JobParameters<DATA>;
        }
        const nextRunAt =
          debounce && debounce.strategy !== 'leading' ? now + debounce.delay : cols.next_run_at;
        const [row] = await this.table(conn)
          .insert({
            id: randomUUID(),
            ...cols,
            next_run_at: nextRunAt,
            debounce_started_at: debounce ? now : null,
            created_at: now,
            updated_at: now,
          })
          .returning('*');
        return rowToJob(row) as JobParameters<DATA>;
      });
    }

    const [row] = await this.table()
      .insert({ id: randomUUID(), ...cols, created_at: now, updated_at: now })
      .returning('*');
    return rowToJob(row) as JobParameters<DATA>;
  }
}

/** ORDER BY for queryJobs; the default (no sort) lists the latest due and latest run first. */
function orderBy(sort: JobsSort | undefined): string {
  const columns: Array<[keyof JobsSort, string, boolean]> = [
    ['nextRunAt', 'next_run_at', true],
    ['lastRunAt', 'last_run_at', true],
    ['lastFinishedAt', 'last_finished_at', true],
    ['priority', 'priority', false],
    ['name', 'name', false],
  ];
  const parts = sort
    ? columns
        .filter(([key]) => sort[key] !== undefined)
        .map(
          ([key, col, nulls]) =>
            `${col} ${sort[key] === 'asc' ? 'asc' : 'desc'}${nulls ? ' nulls last' : ''}`,
        )
    : [];
  return parts.length > 0 ? parts.join(', ') : 'next_run_at desc nulls last, last_run_at desc nulls last';
}

/** A JS value as SQLite's json_extract returns it (booleans are 1/0). */
function sqlValue(value: unknown): Knex.Value {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as Knex.Value;
}

/**
 * Match job data: an object matches when every leaf it names is equal in the stored data
 * (a partial match, like Postgres' `@>`); any other value must equal the whole data.
 */
function whereData(q: Query, data: unknown): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    q.where('data', JSON.stringify(data));
    return;
  }
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${JSON.stringify(k)}`);
    } else if (value === null) {
      q.whereRaw('json_type(data, ?) = ?', [path, 'null']);
    } else if (Array.isArray(value)) {
      q.whereRaw('json(json_extract(data, ?)) = json(?)', [path, JSON.stringify(value)]);
    } else {
      q.whereRaw('json_extract(data, ?) = ?', [path, sqlValue(value)]);
    }
  };
  walk(data, '$');
}
