/**
 * Migrations, run in-process (no knex CLI needed). Safe to run from two processes at once:
 * knex takes a lock row; the process that finds it taken waits and tries again, and then
 * finds nothing left to do.
 */

import path from 'node:path';
import type { Knex } from 'knex';
import { MIGRATIONS_DIR } from './knex.ts';

const MIGRATION_STUB = path.join(import.meta.dirname, 'migration.stub');

const migrationConfig: Knex.MigratorConfig = {
  directory: MIGRATIONS_DIR,
  loadExtensions: ['.ts', '.js'],
  tableName: 'knex_migrations',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True for errors that mean "another process is migrating right now". */
function isConcurrencyError(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string };
  return (
    e?.name === 'MigrationLocked' ||
    e?.code === 'SQLITE_BUSY' ||
    // Both processes creating knex's own bookkeeping tables or lock row at once.
    // (PostgreSQL reports a concurrent CREATE TABLE as a pg_type unique violation.)
    ((e?.code === '23505' || e?.code === '42P07') &&
      /knex_migrations|pg_type_typname_nsp_index/.test(e?.message ?? '')) ||
    /knex_migrations\S*`? already exists|is already locked|SQLITE_BUSY/i.test(e?.message ?? '')
  );
}

/**
 * Two migrators starting on a new database can both find knex's lock table empty and each
 * insert its row. knex locks by updating the one unlocked row and calls anything but one row
 * "already locked", so with two unlocked rows nobody could ever migrate. Keep the first row
 * when none is locked (a held lock is left alone).
 */
export async function repairMigrationLock(db: Knex): Promise<number> {
  const table = `${migrationConfig.tableName}_lock`;
  if (!(await db.schema.hasTable(table))) return 0;
  const removed = await db.transaction(async (trx) => {
    const rows = (await trx(table).select('index', 'is_locked').orderBy('index')) as Array<{
      index: number;
      is_locked: number | boolean;
    }>;
    if (rows.length < 2 || rows.some((r) => Number(r.is_locked) === 1)) return 0;
    return trx(table).where('index', '>', rows[0].index).delete();
  });
  return removed ?? 0;
}

async function withLockRetry<T>(db: Knex, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  // A bound on elapsed time (the monotonic clock), not a reading of the time of day.
  const deadline = performance.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isConcurrencyError(err) || performance.now() > deadline) throw err;
      await sleep(Math.min(100 * 2 ** attempt, 1_000));
      await repairMigrationLock(db).catch(() => 0); // a busy database: the next attempt tells
    }
  }
}

/** Apply every pending migration; returns the names applied (empty when up to date). */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await withLockRetry(db, () => db.migrate.latest(migrationConfig))) as [
    number,
    string[],
  ];
  return applied;
}

/** Undo the last batch (or every batch with `all`); returns the names rolled back. */
export async function migrateRollback(db: Knex, all = false): Promise<string[]> {
  const [, undone] = (await withLockRetry(db, () => db.migrate.rollback(migrationConfig, all))) as [
    number,
    string[],
  ];
  return undone;
}

/** Names of completed and pending migrations. */
export async function migrationStatus(db: Knex): Promise<{ completed: string[]; pending: string[] }> {
  const [completed, pending] = (await db.migrate.list(migrationConfig)) as [
    Array<{ name: string }>,
    Array<{ file: string }>,
  ];
  return { completed: completed.map((m) => m.name), pending: pending.map((m) => m.file) };
}

/** Throws unless `name` is snake_case words (the part of a migration's file name after its time). */
export function checkMigrationName(name: string): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error(`migration name must be snake_case words like add_sector_index, got "${name}"`);
  }
}

/**
 * Create a new migration file with a generated, sortable name
 * (`YYYYMMDDHHMMSS_<name>.ts`); returns its path.
 */
export async function makeMigration(db: Knex, name: string): Promise<string> {
  checkMigrationName(name);
  return db.migrate.make(name, { ...migrationConfig, extension: 'ts', stub: MIGRATION_STUB });
}
