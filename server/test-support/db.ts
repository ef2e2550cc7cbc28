/**
 * The database matrix for tests (knex's own `DB="postgres sqlite3"` idea): every suite
 * wrapped in `describeEachDatabase` runs against a fresh SQLite file always, and against a
 * throwaway PostgreSQL database whenever TEST_DATABASE_URL is set (CI sets it). Without
 * it the Postgres variant is reported as skipped, with the reason in its title.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { type DatabaseTarget, parseDatabaseUrl } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  target: DatabaseTarget;
  db: Knex;
  /** Drop everything this database holds (file or database). */
  dispose(): Promise<void>;
}

const PG_ADMIN_URL = process.env.TEST_DATABASE_URL?.trim();

/** A fresh, empty SQLite database in a temp folder. */
export async function createSqliteTestDb(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-test-'));
  const target = parseDatabaseUrl(`sqlite:${path.join(dir, 'test.db')}`);
  const db = createDb(target);
  return {
    name: 'sqlite',
    target,
    db,
    async dispose() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL database created through TEST_DATABASE_URL's server, dropped on dispose. */
export async function createPgTestDb(): Promise<TestDatabase> {
  if (!PG_ADMIN_URL) throw new Error('TEST_DATABASE_URL is not set');
  const admin = createDb(parseDatabaseUrl(PG_ADMIN_URL), { poolMax: 1 });
  const name = `vibeapp_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.raw(`create database "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const target = parseDatabaseUrl(url.toString());
  const db = createDb(target);
  return {
    name: 'postgres',
    target,
    db,
    async dispose() {
      await db.destroy();
      await admin.raw(`drop database if exists "${name}" with (force)`);
      await admin.destroy();
    },
  };
}

export const DATABASES: Array<{
  name: 'sqlite' | 'postgres';
  create: () => Promise<TestDatabase>;
  skip?: string;
}> = [
  { name: 'sqlite', create: createSqliteTestDb },
  {
    name: 'postgres',
    create: createPgTestDb,
    skip: PG_ADMIN_URL ? undefined : 'TEST_DATABASE_URL not set',
  },
];

/**
 * Run `body` once per database of the matrix; `get()` returns the suite's database. With
 * `{ fresh: 'each' }` every test gets its own new, empty database (so each passes alone).
 */
export function describeEachDatabase(
  title: string,
  body: (get: () => TestDatabase) => void,
  options: { fresh?: 'suite' | 'each' } = {},
): void {
  const setup = options.fresh === 'each' ? beforeEach : before;
  const teardown = options.fresh === 'each' ? afterEach : after;
  for (const entry of DATABASES) {
    if (entry.skip) {
      describe.skip(`${title} [${entry.name}] (skipped: ${entry.skip})`, () => {
        body(() => {
          throw new Error(entry.skip);
        });
      });
      continue;
    }
    describe(`${title} [${entry.name}]`, () => {
      let current: TestDatabase | undefined;
      setup(async () => {
        current = await entry.create();
      });
      teardown(async () => {
        await current?.dispose();
        current = undefined;
      });
      body(() => {
        if (!current) throw new Error('test database not created');
        return current;
      });
    });
  }
}
