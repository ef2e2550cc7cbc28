/**
 * The job store behind Agenda, chosen by the database: on PostgreSQL the official
 * @agendajs/postgres-backend (its own `agenda_jobs` table, LISTEN/NOTIFY for immediate
 * pick-up); on SQLite our own backend in the app's database file.
 */
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { AgendaBackend } from 'agenda';
import type { Knex } from 'knex';
import type pg from 'pg';
import { type DatabaseTarget, redactUrlPassword } from '../config.ts';
import { createPgPool, outageOf } from '../db/knex.ts';
import { SqliteBackend } from './sqlite-backend/index.ts';

export interface JobStoreOptions {
  /** Postgres only: skip LISTEN/NOTIFY (a reader such as the API's status endpoint needs none). */
  notifications?: boolean;
}

/**
 * The Agenda backend for a database; `db` is the app's knex instance for the same target.
 * On Postgres the backend does not create its table: `prepareJobStore` does, once.
 */
export function createJobBackend(
  target: DatabaseTarget,
  db: Knex,
  options: JobStoreOptions = {},
): AgendaBackend {
  if (target.client === 'sqlite3') return new SqliteBackend(db);
  return new PooledPostgresBackend(db, target, {
    disableNotifications: options.notifications === false,
    ensureSchema: false,
  });
}

/**
 * The official backend on a pg Pool made here (`createPgPool`: the app's bounds, its
 * errors heard) instead of one it would build from the connection string with nobody
 * listening: a database restart then ended the process ("terminating connection due to
 * administrator command", emitted by an idle client of that pool or by the LISTEN
 * connection). The LISTEN channel's errors are heard too (it reconnects by itself).
 * Handed a pool, the backend would leave it open: this one owns it and ends it on
 * disconnect.
 */
class PooledPostgresBackend extends PostgresBackend {
  readonly #pool: pg.Pool;
  #ended = false;

  constructor(
    db: Knex,
    target: Extract<DatabaseTarget, { client: 'pg' }>,
    config: { disableNotifications: boolean; ensureSchema: boolean },
  ) {
    const pool = createPgPool(db, target.connectionString);
    super({ ...config, pool });
    this.#pool = pool;
    const outage = outageOf(db);
    this.notificationChannel?.on('error', (err: unknown) => outage.report(err, 'job notifications'));
  }

  override get ownsConnection(): boolean {
    return true;
  }

  override async disconnect(): Promise<void> {
    await super.disconnect();
    if (this.#ended) return;
    this.#ended = true;
    await this.#pool.end();
  }
}

/** Any fixed number: the advisory lock that lets one process at a time set up the job store. */
const JOB_STORE_SETUP_LOCK = 74_110_001;

/**
 * Create or upgrade the job store's schema (the worker does it at start). On SQLite the
 * migrations made the table. On Postgres the official backend creates its own; several
 * backends doing that at once can block each other, so it runs under an advisory lock.
 */
export async function prepareJobStore(target: DatabaseTarget, db: Knex): Promise<void> {
  if (target.client !== 'pg') return;
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [JOB_STORE_SETUP_LOCK]);
    const setup = new PooledPostgresBackend(db, target, { disableNotifications: true, ensureSchema: true });
    try {
      await setup.connect();
    } finally {
      await setup.disconnect();
    }
  });
}

/** True for "the job table does not exist yet" (Postgres before the first worker start). */
export function isMissingJobTable(err: unknown): boolean {
  return (err as { code?: string })?.code === '42P01';
}

/** 'sqlite' or 'postgres': which store a target uses (reported by the heartbeat and the status). */
export function jobStoreName(target: DatabaseTarget): 'sqlite' | 'postgres' {
  return target.client === 'sqlite3' ? 'sqlite' : 'postgres';
}

/**
 * The target a knex instance made by `createDb` connects to (the job store must use the
 * same database as `db`, also when a caller passes its own instance).
 */
export function targetOfDb(db: Knex): DatabaseTarget {
  const { client, connection } = db.client.config as {
    client: string;
    connection: { filename?: string; connectionString?: string };
  };
  if (client === 'sqlite3' && connection.filename)
    return { client: 'sqlite3', filename: connection.filename, url: `sqlite:${connection.filename}` };
  if (client === 'pg' && connection.connectionString)
    return {
      client: 'pg',
      connectionString: connection.connectionString,
      url: redactUrlPassword(connection.connectionString),
    };
  throw new Error(`no job store for a ${client} database`);
}
