import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../test-support/db.ts';
import { waitFor } from '../../test-support/wait.ts';
import { createDb, MIGRATIONS_DIR } from './knex.ts';
import {
  migrateLatest,
  migrateRollback,
  migrationStatus,
  repairMigrationLock,
  waitForMigrations,
} from './migrate.ts';

const TABLES = [
  'stocks',
  'financials',
  'daily_prices',
  'dataset_info',
  'scores',
  'score_snapshots',
  'provider_calls',
  'worker_heartbeats',
  'stock_state',
  'cache_invalidations',
];

/** Every index the migrations create (primary keys aside), by name. */
const INDEXES = [
  'stocks_sector_idx',
  'stocks_market_cap_idx',
  'scores_score_idx',
  'score_snapshots_date_idx',
  ...['name', 'price', 'change_pct', 'pe', 'dividend_yield'].map((c) => `stocks_${c}_idx`),
  ...['rank', 'sector_rank', 'value', 'quality', 'growth', 'momentum', 'risk', 'dividend'].map(
    (c) => `scores_${c}_idx`,
  ),
];

/** The SQLite job store's indexes (on PostgreSQL Agenda's backend owns its table). */
const SQLITE_ONLY_INDEXES = [
  'agenda_jobs_find_next_idx',
  'agenda_jobs_locked_at_idx',
  'agenda_jobs_single_name_idx',
];

const SERVER = path.join(import.meta.dirname, '../..');
const MIGRATION_COUNT = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).length;
/** How soon a migrator must finish after another was killed mid-run (knex alone: never). */
const TAKEOVER_BOUND_MS = 5_000;

interface Migrator {
  child: ChildProcessWithoutNullStreams;
  /** The first line it printed that matches, once it does. */
  line(match: string | RegExp): Promise<string>;
  /** Its exit code, or the signal that ended it. */
  exited: Promise<number | string | null>;
}

/** A migrator process (test-support/migrate-child.ts) on the test's database. */
function startMigrator(url: string, mode: 'plain' | 'transactional', pause: 'pause' | 'run'): Migrator {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(SERVER, 'test-support/migrate-child.ts'), url, mode, pause],
    { cwd: SERVER },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const line = (match: string | RegExp) =>
    waitFor(
      `the migrator to print ${String(match)}`,
      () => output.split('\n').find((l) => (typeof match === 'string' ? l.includes(match) : match.test(l))),
      { timeoutMs: 15_000, detail: () => `it printed: ${output}` },
    );
  return { child, line, exited };
}

/** knex's lock rows, as taken (1) or free (0). */
async function lockRows(db: Knex): Promise<number[]> {
  const rows = await db('knex_migrations_lock').select('is_locked').orderBy('index');
  return rows.map((r: { is_locked: number | boolean }) => Number(r.is_locked));
}

async function tables(db: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const t of TABLES) if (await db.schema.hasTable(t)) present.push(t);
  return present;
}

async function indexes(db: Knex, engine: 'sqlite' | 'postgres'): Promise<string[]> {
  if (engine === 'sqlite') {
    const rows: Array<{ name: string }> = await db.raw(
      `select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%'`,
    );
    return rows.map((r) => r.name);
  }
  const res: { rows: Array<{ name: string }> } = await db.raw(
    `select indexname as name from pg_indexes where schemaname = current_schema() and indexname not like '%_pkey'`,
  );
  return res.rows.map((r) => r.name);
}

describeEachDatabase(
  'migrations',
  (get) => {
    it('start from nothing pending on an empty database', async () => {
      const { completed, pending } = await migrationStatus(get().db);
      expect(completed).to.deep.equal([]);
      expect(pending.length).to.be.greaterThan(0);
    });

    it('apply every migration, then report nothing left', async () => {
      const applied = await migrateLatest(get().db);
      expect(applied.length).to.be.greaterThan(0);
      expect(await tables(get().db)).to.deep.equal(TABLES);
      expect(await migrateLatest(get().db)).to.deep.equal([]);
      expect((await migrationStatus(get().db)).pending).to.deep.equal([]);
    });

    it('make a waiting worker wait, applying nothing, until a migrator has applied them', async () => {
      const reasons: string[] = [];
      let done = false;
      const waiting = waitForMigrations(get().db, (r) => reasons.push(r), 20).then(() => {
        done = true;
      });
      await waitFor('the first reason to wait', () => reasons.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(done).to.equal(false);
      expect(reasons).to.deep.equal([`${MIGRATION_COUNT} migration(s) pending`]);
      expect((await migrationStatus(get().db)).completed).to.deep.equal([]);
      await migrateLatest(get().db);
      await waiting;
      expect(done).to.equal(true);
    });

    it('create exactly the indexes the API queries use', async () => {
      await migrateLatest(get().db);
      const present = (await indexes(get().db, get().name)).filter((n) => !n.startsWith('knex_'));
      const expected = get().name === 'sqlite' ? [...INDEXES, ...SQLITE_ONLY_INDEXES] : INDEXES;
      expect([...present].sort()).to.deep.equal([...expected].sort());
    });

    it('roll everything back and apply it again', async () => {
      await migrateLatest(get().db);
      const undone = await migrateRollback(get().db, true);
      expect(undone.length).to.be.greaterThan(0);
      expect(await tables(get().db)).to.deep.equal([]);
      expect((await indexes(get().db, get().name)).filter((n) => !n.startsWith('knex_'))).to.deep.equal([]);
      await migrateLatest(get().db);
      expect(await tables(get().db)).to.deep.equal(TABLES);
    });

    it('recover from the two lock rows two first migrators can leave, but never take a held lock', async () => {
      // Both found knex's lock table empty and each inserted its row: knex alone would say
      // "already locked" forever.
      const { db } = get();
      await db.schema.createTable('knex_migrations_lock', (t) => {
        t.increments('index').primary();
        t.integer('is_locked');
      });
      await db('knex_migrations_lock').insert([{ is_locked: 0 }, { is_locked: 0 }]);
      await migrateLatest(db);
      expect((await migrationStatus(db)).pending).to.deep.equal([]);
      expect(await db('knex_migrations_lock').select('index', 'is_locked')).to.deep.equal([
        { index: 1, is_locked: 0 },
      ]);

      await db('knex_migrations_lock').update({ is_locked: 1 });
      await db('knex_migrations_lock').insert({ is_locked: 0 });
      expect(await repairMigrationLock(db), 'a migrator holds the lock').to.equal(0);
      expect(await db('knex_migrations_lock').count({ n: '*' })).to.deep.equal([{ n: 2 }]);
    });

    it('survive two migrators at once (separate connection pools)', async () => {
      const { db, target } = get();
      const other = createDb(target);
      try {
        const [a, b] = await Promise.all([migrateLatest(db), migrateLatest(other)]);
        // One applied everything, the other found nothing left (or they shared the work).
        expect([...a, ...b].sort()).to.deep.equal([...new Set([...a, ...b])].sort());
        expect(await tables(db)).to.deep.equal(TABLES);
        expect((await migrationStatus(db)).pending).to.deep.equal([]);
      } finally {
        await other.destroy();
      }
    });

    for (const mode of ['plain', 'transactional'] as const) {
      it(`let the next migrator through at once after one is killed mid-run (${mode})`, async function () {
        const { db, target } = get();
        const killed = startMigrator(target.url, mode, 'pause');
        try {
          await killed.line('mid-run');
          // Without a wrapping transaction knex's taken lock row is committed: today every
          // later start waited 60 s for it and failed.
          if (mode === 'plain') expect(await lockRows(db)).to.deep.equal([1]);
          killed.child.kill('SIGKILL');
          expect(await killed.exited).to.equal('SIGKILL');
        } finally {
          killed.child.kill('SIGKILL');
        }
        const started = performance.now();
        const applied = await migrateLatest(db);
        const ms = Math.round(performance.now() - started);
        if (this.test) this.test.title += ` [next migrate: ${ms} ms]`;
        expect(ms, 'time for the next migrate').to.be.below(TAKEOVER_BOUND_MS);
        expect(applied).to.have.length(MIGRATION_COUNT);
        expect(await tables(db)).to.deep.equal(TABLES);
        expect((await migrationStatus(db)).pending).to.deep.equal([]);
        expect(await lockRows(db)).to.deep.equal([0]);
      });
    }

    it('make a second live migrator wait for the first, never pre-empt it', async () => {
      const { db, target } = get();
      const first = startMigrator(target.url, 'plain', 'pause');
      let second: Migrator | undefined;
      try {
        await first.line('mid-run');
        second = startMigrator(target.url, 'transactional', 'run');
        await second.line('another migrator holds the migration lock');
        // The second waits: the first keeps knex's lock row and nothing has been applied.
        expect(await lockRows(db)).to.deep.equal([1]);
        expect((await migrationStatus(db)).completed).to.deep.equal([]);
        first.child.stdin.write('go\n');
        expect(await first.line(/^applied /)).to.equal(`applied ${MIGRATION_COUNT}`);
        expect(await second.line(/^applied /)).to.equal('applied 0');
        expect(await first.exited).to.equal(0);
        expect(await second.exited).to.equal(0);
      } finally {
        first.child.kill('SIGKILL');
        second?.child.kill('SIGKILL');
      }
      expect(await tables(db)).to.deep.equal(TABLES);
      expect(await lockRows(db)).to.deep.equal([0]);
    });
  },
  { fresh: 'each' },
);

describe('landed migrations are immutable', () => {
  const LOCK = path.join(import.meta.dirname, 'migrations.lock.json');
  const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('every migration file matches its checksum in migrations.lock.json', () => {
    const lock = JSON.parse(readFileSync(LOCK, 'utf8')) as Record<string, string>;
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts'));
    for (const [name, checksum] of Object.entries(lock)) {
      expect(files, `${name} is in the lock but was deleted`).to.include(name);
      expect(
        sha256(path.join(MIGRATIONS_DIR, name)),
        `${name} changed after landing: add a new migration instead of editing it`,
      ).to.equal(checksum);
    }
    for (const name of files) {
      expect(
        lock,
        `${name} is new: add "${name}": "${sha256(path.join(MIGRATIONS_DIR, name))}" to migrations.lock.json`,
      ).to.have.property(name);
    }
  });
});
