/**
 * An Agenda backend for SQLite: storage only (Agenda polls every `processEvery`; there is
 * no notification channel in SQLite). Uses the app's knex instance and database file, so
 * the worker and the API share one file and one schema (created by the migrations).
 */
import type { AgendaBackend } from 'agenda';
import type { Knex } from 'knex';
import { SqliteJobRepository } from './repository.ts';

export { SqliteJobRepository } from './repository.ts';

export class SqliteBackend implements AgendaBackend {
  readonly name = 'SQLite';
  readonly repository: SqliteJobRepository;
  /** The knex instance belongs to the caller: agenda.stop() leaves it open. */
  readonly ownsConnection = false;

  constructor(db: Knex) {
    if (db.client.config.client !== 'sqlite3') throw new Error('SqliteBackend needs a knex sqlite3 instance');
    this.repository = new SqliteJobRepository(db);
  }

  async connect(): Promise<void> {
    await this.repository.connect();
  }

  async disconnect(): Promise<void> {}
}
