/**
 * Database connections. One schema for both engines: SQLite (default, embedded) and
 * PostgreSQL (compose, CI). SQLite runs in WAL mode with a busy timeout because the API
 * and the worker are separate processes sharing one file.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { DatabaseTarget } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type DatabaseOutage, databaseOutage } from './availability.ts';

// pg returns NUMERIC and BIGINT as strings and DATE as a local-time Date. We store money
// and ratios as double precision, volumes and counts as bigint well below 2^53, and
// trading days as calendar dates: read them as plain numbers and 'YYYY-MM-DD' strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

/** How long a SQLite connection waits for another process's write lock, in ms. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** How long a PostgreSQL connection attempt may take, in ms. */
const PG_CONNECT_TIMEOUT_MS = 5_000;

export interface DbOptions {
  poolMax?: number;
  logger?: Logger;
  /** PostgreSQL: the longest wait for a pooled connection, in ms (DATABASE_ACQUIRE_TIMEOUT_MS; default 10 s). */
  acquireTimeoutMs?: number;
  /** PostgreSQL: the server cancels any statement running longer, in ms (DATABASE_STATEMENT_TIMEOUT_MS; 0 or unset: no limit). */
  statementTimeoutMs?: number;
}

/** Create a knex instance for a target. Does not connect until first used; see `checkConnection`. */
export function createDb(target: DatabaseTarget, options: DbOptions = {}): Knex {
  const logger = options.logger ?? fallbackLogger();
  const log = knexLog(logger);
  if (target.client === 'sqlite3') {
    if (target.filename !== ':memory:') ensureWritableDir(path.dirname(target.filename));
    return knexFactory({
      client: 'sqlite3',
      connection: { filename: target.filename },
      useNullAsDefault: true,
      compileSqlOnError: false, // see the PostgreSQL connection below
      log,
      pool: {
        min: 1,
        max: target.filename === ':memory:' ? 1 : (options.poolMax ?? 4),
        afterCreate(conn: SqliteConn, done: (err: Error | null, conn: unknown) => void) {
          let walError: Error | null = null;
          conn.serialize(() => {
            // WAL is a property of the file: when two connections open a new file at once, one
            // may get SQLITE_BUSY switching it while the other succeeds. Without a callback that
            // error would be emitted on the connection and crash the process; either way the
            // file ends up in WAL mode, so a BUSY here is ignored.
            conn.run('PRAGMA journal_mode = WAL', (err: Error | null) => {
              if (err && !/SQLITE_BUSY/.test(err.message)) walError = err;
            });
            conn.run(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
            conn.run('PRAGMA synchronous = NORMAL');
            conn.run('PRAGMA foreign_keys = ON', (err) => done(walError ?? err, conn));
          });
        },
      },
    });
  }
  const db = knexFactory({
    client: 'pg',
    connection: {
      connectionString: target.connectionString,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: options.acquireTimeoutMs ?? 10_000,
    // A failed query's message carries its SQL with placeholders, never the bound values
    // (knex's default inlines them): messages reach logs and error reports. No public body
    // shows such a message (a 500 is generic; a job status hides uncoded failures).
    compileSqlOnError: false,
    log,
  });
  // A restarted or stopped server: knex's pg dialect already listens on each connection
  // (a broken one is destroyed, not reused) and its pool makes new ones; the outage is
  // logged once for the process, and its end when a connection is made again.
  const outage = databaseOutage(logger);
  outageOfDb.set(db, outage);
  const pool = db.client.pool as EventEmitterLike | undefined;
  pool?.on('createFail', (_id: unknown, err: unknown) => outage.down(err));
  pool?.on('createSuccess', () => outage.up());
  db.on('query-error', (err: unknown) => outage.down(err));
  return db;
}

/** Each PostgreSQL knex instance's outage log (its process's), for the pools made beside it. */
const outageOfDb = new WeakMap<Knex, DatabaseOutage>();

/** The outage log of the process that made this knex instance. */
export function outageOf(db: Knex): DatabaseOutage {
  return outageOfDb.get(db) ?? databaseOutage(fallbackLogger());
}

interface EventEmitterLike {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * A pg Pool beside a PostgreSQL knex instance, with its bounds (connection
 * and acquire timeouts, statement_timeout, the pool's size), for what needs a pg Pool of its own (the
 * job store). A pool whose idle client loses its server emits 'error' and ends the
 * process when nobody listens: here it is logged (once per outage) and the pool makes a
 * new client on the next checkout.
 */
export function createPgPool(db: Knex, connectionString: string, options: { max?: number } = {}): pg.Pool {
  const {
    connection,
    acquireConnectionTimeout,
    pool: knexPool,
  } = db.client.config as {
    connection: { statement_timeout?: number };
    acquireConnectionTimeout?: number;
    pool?: { max?: number };
  };
  const outage = outageOf(db);
  const pool = new pg.Pool({
    connectionString,
    // As large as the app's own pool (DATABASE_POOL_MAX) unless told otherwise.
    max: options.max ?? knexPool?.max ?? 10,
    // The pool's own queue wait: pg's connectionTimeoutMillis bounds both the wait for a free
    // client and the connection attempt.
    connectionTimeoutMillis: Math.min(acquireConnectionTimeout ?? 10_000, PG_CONNECT_TIMEOUT_MS),
    ...(connection.statement_timeout ? { statement_timeout: connection.statement_timeout } : {}),
  });
  pool.on('error', (err) => outage.report(err, 'database pool'));
  pool.on('connect', (client) => {
    outage.up();
    // A checked-out client whose server goes rejects its query; one that errors between
    // queries would otherwise emit 'error' unheard.
    client.on('error', (err) => outage.report(err, 'database connection'));
  });
  return pool;
}

let fallback: Logger | undefined;
/** For connections made without the composition root (tests, benchmarks): warnings only. */
function fallbackLogger(): Logger {
  fallback ??= createLogger({ level: 'warn', name: 'knex', format: 'json' });
  return fallback;
}

/**
 * knex's own log, through the process logger. Connection failures are rethrown to the
 * caller (who reports them in one line), so the pool's "Acquire connection error" with its
 * stack is not logged twice, and a lost connection's "Connection Error" is debug only.
 */
function knexLog(logger: Logger) {
  const firstLine = (message: unknown) =>
    String(message instanceof Error ? message.message : message).split('\n')[0];
  return {
    warn(message: unknown) {
      const text = firstLine(message);
      // A connection lost (the server restarted): knex drops it and makes another; the
      // outage itself is logged once for the process (see createDb), not per connection.
      if (text.startsWith('Connection Error:')) logger.debug(`knex: ${text}`);
      else if (!text.startsWith('Acquire connection error')) logger.warn(`knex: ${text}`);
    },
    error(message: unknown) {
      logger.error(`knex: ${firstLine(message)}`);
    },
    deprecate(method: string, alternative: string) {
      logger.warn(`knex: ${method} is deprecated, use ${alternative}`);
    },
    debug() {},
  };
}

interface SqliteConn {
  serialize(cb: () => void): void;
  run(sql: string, cb?: (err: Error | null) => void): void;
}

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new DatabaseError(
      `data folder ${dir} is not writable (${code}): set DATABASE_URL or fix its permissions`,
      {
        cause: err,
      },
    );
  }
}

/** The engine behind a knex instance. */
export function dialect(db: Knex): 'sqlite3' | 'pg' {
  return db.client.config.client === 'pg' ? 'pg' : 'sqlite3';
}

/**
 * On PostgreSQL, let this transaction's COMMIT return before its WAL reaches the disk
 * (`SET LOCAL synchronous_commit = off`: this transaction only). The transaction stays
 * all-or-nothing and the database consistent; a server crash may lose the last fraction
 * of a second of such commits, which is acceptable for rows a refresh rewrites when it is
 * run again (market data and scores), not for anything else. SQLite: nothing to do (it
 * already runs with synchronous = NORMAL in WAL mode).
 */
export async function relaxCommit(trx: Knex.Transaction): Promise<void> {
  if (dialect(trx) === 'pg') await trx.raw('set local synchronous_commit = off');
}

/** Run a trivial query; resolves with the round-trip time in ms or rejects with a one-line DatabaseError. */
export async function checkConnection(db: Knex): Promise<number> {
  const started = performance.now();
  try {
    await db.raw('select 1 as ok');
  } catch (err) {
    throw new DatabaseError(`database unreachable: ${describeDbError(err)}`, { cause: err });
  }
  return performance.now() - started;
}

/** A one-line description of a driver error, without the stack. */
export function describeDbError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: Array<{ message?: string }> };
  // pg's AggregateError (IPv4 + IPv6 attempts) has an empty message and the causes inside.
  const msg = e?.message || e?.errors?.map((x) => x.message).join('; ') || String(err);
  const firstLine = msg.split('\n')[0];
  return e?.code && !firstLine.includes(e.code) ? `${firstLine} (${e.code})` : firstLine;
}

/**
 * After a bulk load the query planner's statistics are stale (PostgreSQL's autovacuum gets
 * to them later; SQLite has none until asked), which can turn index walks into full sorts.
 */
export async function refreshPlannerStatistics(db: Knex): Promise<void> {
  if (dialect(db) === 'pg') await db.raw('analyze');
  else await db.raw('pragma analysis_limit = 1000').then(() => db.raw('pragma optimize = 0x10002'));
}

/**
 * A transaction that reads and then writes. On SQLite it takes the write lock with its
 * first statement: a plain (deferred) transaction reads a snapshot first, and if another
 * connection commits (the job store, the heartbeat, another process) before its first
 * write, that write fails at once with SQLITE_BUSY; the busy timeout does not apply.
 */
export function writeTransaction<T>(
  db: Knex | Knex.Transaction,
  fn: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    // An UPDATE takes the write lock when it starts, even when it matches no row.
    if (dialect(db as Knex) === 'sqlite3') await trx.raw('update stocks set ticker = ticker where 0');
    return fn(trx);
  });
}
