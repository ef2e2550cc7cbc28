/**
 * The job store behind Agenda, chosen by the database: on PostgreSQL the official
 * @agendajs/postgres-backend (its own `agenda_jobs` table, LISTEN/NOTIFY for immediate
 * pick-up); on SQLite our own backend in the app's database file.
 */
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { AgendaBackend } from 'agenda';
import type { Knex } from 'knex';
import type { DatabaseTarget } from '../config.ts';
import { SqliteBackend } from './sqlite-backend/index.ts';

export interface JobStoreOptions {
  /** Postgres only: skip LISTEN/NOTIFY (a reader such as the API's status endpoint needs none). */
  notifications?: boolean;
}

/** The Agenda backend for a database; `db` is the app's knex instance for the same target. */
export function createJobBackend(
  target: DatabaseTarget,
  db: Knex,
  options: JobStoreOptions = {},
): AgendaBackend {
  if (target.client === 'sqlite3') return new SqliteBackend(db);
  return new PostgresBackend({
    connectionString: target.connectionString,
    disableNotifications: options.notifications === false,
  });
}

/** 'sqlite' or 'postgres': which store a target uses (reported by the heartbeat and the status). */
export function jobStoreName(target: DatabaseTarget): 'sqlite' | 'postgres' {
  return target.client === 'sqlite3' ? 'sqlite' : 'postgres';
}
