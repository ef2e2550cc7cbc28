/**
 * Migrations, run in-process (no knex CLI needed). Safe to run from two processes at once,
 * and safe to kill: a migrator first takes a lock that dies with its process (on PostgreSQL
 * a session-level advisory lock on a connection of its own, on SQLite an exclusive lock on a
 * file beside the database), so a second migrator waits for a live one and takes over at
 * once from a killed one. Holding that lock, it frees knex's lock row if a killed migrator
 * left it taken (knex alone would then refuse to migrate for ever), and runs knex's migrator.
 */

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { dialect, MIGRATIONS_DIR } from './knex.ts';

const MIGRATION_STUB = path.join(import.meta.dirname, 'migration.stub');

/** One migration: the name knex records it under, and the file that holds it. */
interface MigrationFile {
  name: string;
  file: string;
}

/**
 * This code's migrations, from the TypeScript sources (run by tsx) or their compiled `.js`
 * files (`npm run build -w server`, the production image). knex records a migration by the
 * name its source reports, so every migration is reported as `<time>_<name>.ts` whichever
 * file is loaded: a database migrated by either is up to date for the other, and for the
 * releases before the build (which recorded the `.ts` file names).
 */
function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  // Both files for one migration (a stray build output beside the sources): this module's own kind.
  const own = path.extname(import.meta.filename);
  const byName = new Map<string, MigrationFile>();
  for (const file of readdirSync(dir).sort()) {
    const ext = path.extname(file);
    if ((ext !== '.ts' && ext !== '.js') || file.endsWith('.d.ts')) continue;
    const name = `${path.basename(file, ext)}.ts`;
    if (!byName.has(name) || ext === own) byName.set(name, { name, file: path.join(dir, file) });
  }
  return [...byName.values()];
}

const migrationSource: Knex.MigrationSource<MigrationFile> = {
  getMigrations: async () => migrationFiles(),
  getMigrationName: (migration) => migration.name,
  getMigration: (migration) => import(pathToFileURL(migration.file).href),
};

const migrationConfig: Knex.MigratorConfig = {
  migrationSource,
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

/** How long a migrator waits for another, live one to finish before it fails, in ms. */
const LOCK_WAIT_MS = 60_000;

/** The advisory lock's key: any constant (advisory locks are per database). */
const PG_LOCK_KEY = '7261736901';

interface HeldLock {
  release(): Promise<void>;
}

/** What a migrator says when another holds the lock (an operator then knows why a start waits). */
function reportWait(db: Knex): void {
  db.client.logger.warn?.(
    `another migrator holds the migration lock; waiting up to ${LOCK_WAIT_MS / 1000} s for it to finish`,
  );
}

/**
 * A session-level advisory lock on a connection of its own: the server frees it when the
 * session ends, so a killed migrator's lock is gone as soon as its connection closes. (A
 * statement the server is still running for a killed migrator goes on: inside a migration's
 * transaction it holds knex's lock row, which the next migrator then waits for; a
 * non-transactional migration's statement is not waited for.)
 */
async function lockPostgres(db: Knex): Promise<HeldLock> {
  const client = new pg.Client({ ...(db.client.config.connection as pg.ClientConfig), keepAlive: true });
  // A lost session frees the lock by itself, and the migration's own queries report the
  // outage; without a listener the error would end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
      PG_LOCK_KEY,
    ]);
    if (!rows[0]?.ok) {
      reportWait(db);
      await client.query(`set lock_timeout = ${LOCK_WAIT_MS}`);
      await client.query('select pg_advisory_lock($1)', [PG_LOCK_KEY]).catch((err) => {
        throw (err as { code?: string }).code === '55P03' ? lockTimeout(err) : err;
      });
    }
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return { release: () => client.end() };
}

/**
 * An exclusive lock on `<database>-migrate-lock`, a small SQLite file beside the database,
 * held by a connection of its own for the whole run (the database's own write lock cannot
 * be held: the migrator's connections need it). It is a file lock: the operating system
 * frees it when the process ends, however it ends.
 */
async function lockSqlite(db: Knex): Promise<HeldLock> {
  const { filename } = db.client.config.connection as { filename: string };
  if (filename === ':memory:') return { release: async () => {} }; // no other process can see it
  const conn = await new Promise<sqlite3.Database>((resolve, reject) => {
    const c: sqlite3.Database = new sqlite3.Database(`${filename}-migrate-lock`, (err) =>
      err ? reject(err) : resolve(c),
    );
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) => conn.exec(sql, (err) => (err ? reject(err) : resolve())));
  const close = () =>
    new Promise<void>((resolve, reject) => conn.close((err) => (err ? reject(err) : resolve())));
  try {
    conn.configure('busyTimeout', 0);
    await exec('begin exclusive').catch(async (err) => {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      reportWait(db);
      conn.configure('busyTimeout', LOCK_WAIT_MS);
      await exec('begin exclusive').catch((again) => {
        throw (again as { code?: string }).code === 'SQLITE_BUSY' ? lockTimeout(again) : again;
      });
    });
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
  // Closing the connection ends its transaction and frees the lock.
  return { release: close };
}

function lockTimeout(cause: unknown): Error {
  return new Error(
    `another migrator held the migration lock for ${LOCK_WAIT_MS / 1000} s; is a long migration running?`,
    { cause },
  );
}

/**
 * Run `fn` holding the migration lock. Holding it, no other migrator is alive, so a taken
 * knex lock row was left by one that was killed mid-run: it is freed (with a warning).
 */
async function withMigrationLock<T>(db: Knex, fn: () => Promise<T>): Promise<T> {
  const lock = dialect(db) === 'pg' ? await lockPostgres(db) : await lockSqlite(db);
  try {
    const table = `${migrationConfig.tableName}_lock`;
    if (await db.schema.hasTable(table)) {
      // Read before writing: on SQLite a write waits behind another process's long write
      // transaction (a seed after its migrations), and there is nothing to free most times.
      const stale = await db(table).where('is_locked', 1).first();
      if (stale) {
        const freed = await withLockRetry(db, () => db(table).where('is_locked', 1).update({ is_locked: 0 }));
        if (freed)
          db.client.logger.warn?.('freed the migration lock row left by a migrator that stopped mid-run');
      }
      await repairMigrationLock(db);
    }
    return await fn();
  } finally {
    await lock.release();
  }
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

/**
 * Apply every pending migration; returns the names applied (empty when up to date).
 * `options` are knex's (tests use a hook to stop a migrator mid-run).
 */
export async function migrateLatest(
  db: Knex,
  options: Pick<Knex.MigratorConfigWithLifecycleHooks, 'beforeAll' | 'disableTransactions'> = {},
): Promise<string[]> {
  const [, applied] = (await withMigrationLock(db, () =>
    withLockRetry(db, async () => {
      // Refuses a missing file; a newer release's migrations are fine. Up to date, nothing is
      // written: knex's own lock row is a write, which would wait behind another process's
      // long write transaction (a seed) on SQLite for nothing.
      const { pending } = await migrationStatus(db);
      if (pending.length === 0) return [0, []];
      return db.migrate.latest({ ...migrationConfig, ...options, disableMigrationsListValidation: true });
    }),
  )) as [number, string[]];
  return applied;
}

/**
 * Wait, applying nothing, until no migration is pending: a worker of a production set, where a
 * one-shot `migrate` applies them (WORKER_MIGRATE=false). Checks every `intervalMs`;
 * `onWait(reason)` is told why it is still waiting (pending migrations, or the database's
 * error), each time that reason changes.
 */
export async function waitForMigrations(
  db: Knex,
  onWait: (reason: string) => void,
  intervalMs = 2_000,
): Promise<void> {
  let last = '';
  for (;;) {
    let reason: string;
    try {
      const { pending } = await migrationStatus(db);
      if (pending.length === 0) return;
      reason = `${pending.length} migration(s) pending`;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    if (reason !== last) onWait(reason);
    last = reason;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Undo the last batch (or every batch with `all`); returns the names rolled back. */
export async function migrateRollback(db: Knex, all = false): Promise<string[]> {
  const [, undone] = (await withMigrationLock(db, () =>
    withLockRetry(db, () => db.migrate.rollback(migrationConfig, all)),
  )) as [number, string[]];
  return undone;
}

/**
 * Names of completed and pending migrations, and of `newer` ones: completed migrations this
 * code has no file for, all later than its last file. Those are a newer release's (its
 * migrate Job ran during a rollout, or the image was rolled back): migrations are
 * expand/contract, so this code still runs on that schema (docs/OPERATIONS.md) and they are
 * not an error. A completed migration without a file that is older than this code's last one
 * means a file is missing: that throws, as knex's own check does.
 */
export async function migrationStatus(
  db: Knex,
): Promise<{ completed: string[]; pending: string[]; newer: string[] }> {
  const [completed, pending] = (await db.migrate.list({
    ...migrationConfig,
    disableMigrationsListValidation: true,
  })) as [Array<{ name: string }>, MigrationFile[]];
  const files = new Set(migrationFiles().map((m) => m.name));
  const last = [...files].sort().at(-1) ?? '';
  const unknown = completed.map((m) => m.name).filter((name) => !files.has(name));
  const missing = unknown.filter((name) => name < last);
  if (missing.length > 0) {
    throw new Error(
      `The migration directory is corrupt, the following files are missing: ${missing.join(', ')}`,
    );
  }
  return {
    completed: completed.map((m) => m.name).filter((name) => files.has(name)),
    pending: pending.map((m) => m.name),
    newer: unknown,
  };
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
  // Compiled (server/dist), the directory is build output and the stub is not shipped.
  if (path.extname(import.meta.filename) !== '.ts') {
    throw new Error(
      'migrate make writes a TypeScript source: run it in a checkout (npm run migrate -- make)',
    );
  }
  return db.migrate.make(name, {
    directory: MIGRATIONS_DIR,
    extension: 'ts',
    stub: MIGRATION_STUB,
    tableName: migrationConfig.tableName,
  });
}
