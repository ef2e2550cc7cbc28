/**
 * Migrations are expand/contract: during a rollout (and after an image rollback) the previous
 * release runs on the schema this release migrates to. Proved three ways:
 *
 * 1. The previous release itself (the commit in previous-release.json, taken from git with
 *    `git archive`, run by tsx on this checkout's node_modules) starts on a database migrated
 *    and seeded by this code, and every GET route of its own OpenAPI document answers 200.
 *    A migration added since then that cannot allow it says so (NOT BACKWARD COMPATIBLE: why,
 *    DEPLOY: how), and the check of the routes gives way to that statement.
 * 2. This code, the next release's "previous", accepts a schema with a migration it does not
 *    have (a newer release's): status, migrate (the worker's start) and /readyz go on.
 * 3. A missing older migration file is still refused.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { waitFor } from '../../test-support/wait.ts';
import { REPO_ROOT } from '../config.ts';
import { MIGRATIONS_DIR } from './knex.ts';
import { migrateLatest, migrationStatus } from './migrate.ts';

const PREVIOUS = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'previous-release.json'), 'utf8'),
) as {
  commit: string;
};
const ADMIN_TOKEN = 'expand-contract-admin-token-0123';

/** The statement a migration that the previous release cannot run on makes (migration.stub). */
function incompatibility(text: string): { why: string; deploy: string } | null {
  const why = /NOT BACKWARD COMPATIBLE:[ \t]*(\S.*)/.exec(text)?.[1];
  if (!why) return null;
  return { why: why.trim(), deploy: /DEPLOY:[ \t]*(\S.*)/.exec(text)?.[1]?.trim() ?? '' };
}

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Why the previous release cannot be taken from git here, or null. */
function previousReleaseMissing(): string | null {
  try {
    git('cat-file', '-e', `${PREVIOUS.commit}^{commit}`);
    return null;
  } catch {
    return `commit ${PREVIOUS.commit} (previous-release.json) is not in this clone (git missing, a shallow clone, or the history rewritten)`;
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('expand/contract migrations', () => {
  describe('the migrations added since the previous release', () => {
    it('each is backward compatible, or says why not and how to deploy it', function () {
      const missing = previousReleaseMissing();
      if (missing) {
        if (process.env.CI === 'true') throw new Error(missing);
        this.skip();
      }
      const before = new Set(
        git('ls-tree', '--name-only', `${PREVIOUS.commit}:server/src/db/migrations`).trim().split('\n'),
      );
      for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => !before.has(f))) {
        const statement = incompatibility(readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'));
        if (statement)
          expect(statement.deploy, `${file}: NOT BACKWARD COMPATIBLE without DEPLOY: how`).to.not.equal('');
      }
    });

    it('reads the statement of a migration that is not backward compatible', () => {
      expect(incompatibility('// Renames stocks.name.\n')).to.equal(null);
      expect(
        incompatibility(
          '// NOT BACKWARD COMPATIBLE: the previous API selects stocks.name, renamed here\n// DEPLOY: scale api and worker to 0, run migrate, roll out\n',
        ),
      ).to.deep.equal({
        why: 'the previous API selects stocks.name, renamed here',
        deploy: 'scale api and worker to 0, run migrate, roll out',
      });
      expect(incompatibility('// NOT BACKWARD COMPATIBLE: drops a table\n')).to.deep.equal({
        why: 'drops a table',
        deploy: '',
      });
    });
  });
});

describeEachDatabase('the previous release on the newest schema', (get) => {
  describe("taken from git, started on this code's migrations and data", function () {
    this.timeout(60_000);
    let dir = '';
    let child: ChildProcess | undefined;
    let output = '';
    let exited: Promise<number | null> | undefined;
    let url = '';

    before(async function () {
      const missing = previousReleaseMissing();
      if (missing) {
        // CI runs on a full clone of main: there the previous release must be found.
        if (process.env.CI === 'true') throw new Error(missing);
        this.skip();
      }
      const before = new Set(
        git('ls-tree', '--name-only', `${PREVIOUS.commit}:server/src/db/migrations`).trim().split('\n'),
      );
      const statements = readdirSync(MIGRATIONS_DIR)
        .filter((f) => !before.has(f))
        .map((f) => incompatibility(readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8')))
        .filter((s) => s !== null);
      // A migration that says the previous release cannot run on it: its DEPLOY statement
      // (checked above) is the plan, and there is nothing to prove here.
      if (statements.length > 0) this.skip();

      dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-previous-'));
      const tar = path.join(dir, 'release.tar');
      const paths = [
        'server/src',
        'server/package.json',
        'server/tsconfig.json',
        'tsconfig.base.json',
        'package.json',
      ];
      git('archive', '--format=tar', '-o', tar, PREVIOUS.commit, ...paths);
      execFileSync('tar', ['-xf', tar, '-C', dir]);
      // Its own source on this checkout's packages (a release changes few of them; a
      // dependency it needs that is gone fails its start, and this test says so).
      symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      if (existsSync(path.join(REPO_ROOT, 'server', 'node_modules')))
        symlinkSync(
          path.join(REPO_ROOT, 'server', 'node_modules'),
          path.join(dir, 'server', 'node_modules'),
          'dir',
        );

      const { db, target } = get();
      await migrateLatest(db);
      await seed(db, { seed: 'expand-contract', endDate: '2025-07-02', historyPoints: 4 });

      const port = await freePort();
      child = spawn(process.execPath, ['--import', 'tsx', path.join(dir, 'server/src/main.ts')], {
        cwd: path.join(dir, 'server'),
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          LOG_FORMAT: 'json',
          DATABASE_URL: target.url,
          API_HOST: '127.0.0.1',
          API_PORT: String(port),
          METRICS_PORT: '0',
          RATE_LIMIT_PER_MINUTE: '0',
          ADMIN_TOKEN,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d) => {
        output += d;
      });
      child.stderr?.on('data', (d) => {
        output += d;
      });
      exited = new Promise((resolve) => child?.once('exit', (code) => resolve(code)));
      url = `http://127.0.0.1:${port}`;
      await waitFor(
        "the previous release's API to be ready",
        async () => {
          if (child?.exitCode !== null)
            throw new Error(`the previous release's API exited ${child?.exitCode}:\n${output}`);
          return (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200;
        },
        { timeoutMs: 45_000, intervalMs: 100, detail: () => output.slice(-500) },
      );
    });

    after(async () => {
      if (child && child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('answers 200 on every GET route of its own OpenAPI document', async () => {
      const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
        paths: Record<
          string,
          Record<string, { parameters?: { name: string; in: string; schema?: { example?: unknown } }[] }>
        >;
      };
      const failures: string[] = [];
      let called = 0;
      for (const [template, operations] of Object.entries(doc.paths)) {
        const get = operations.get;
        if (!get) continue;
        let route = template;
        for (const p of get.parameters ?? [])
          if (p.in === 'path') {
            if (p.schema?.example === undefined)
              failures.push(`${template}: path parameter ${p.name} has no example`);
            route = route.replace(`{${p.name}}`, encodeURIComponent(String(p.schema?.example)));
          }
        const res = await fetch(url + route, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
        called++;
        if (res.status !== 200) failures.push(`${route}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
      expect(failures, output.slice(-2000)).to.deep.equal([]);
      expect(called, 'GET routes called').to.be.greaterThan(10);
    });
  });
});

describeEachDatabase("this release on a schema one migration newer (a newer release's)", (get) => {
  describe("a newer release's migration applied", function () {
    this.timeout(60_000);
    let dir = '';
    const NEWER = '29991231000000_add_newer_release_column.ts';
    before(async () => {
      const { db } = get();
      await migrateLatest(db);
      await seed(db, { seed: 'expand-contract', endDate: '2025-07-02', historyPoints: 0 });
      // The newer release's migration folder: ours and one more, additive as the rule asks.
      dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-newer-'));
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      writeFileSync(
        path.join(dir, NEWER),
        `export async function up(knex) {
  await knex.schema.alterTable('stocks', (t) => t.string('newer_release_note').nullable());
  await knex.schema.createTable('newer_release_things', (t) => t.increments('id'));
}
export async function down(knex) {
  await knex.schema.dropTable('newer_release_things');
  await knex.schema.alterTable('stocks', (t) => t.dropColumn('newer_release_note'));
}
`,
      );
      await db.migrate.latest({ directory: dir, loadExtensions: ['.ts'], tableName: 'knex_migrations' });
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('its status names the newer migration and nothing pending', async () => {
      const status = await migrationStatus(get().db);
      expect(status.newer).to.deep.equal([NEWER]);
      expect(status.pending).to.deep.equal([]);
      expect(status.completed).to.have.length(
        readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).length,
      );
    });

    it('migrate (the worker starts with it) applies nothing and does not fail', async () => {
      expect(await migrateLatest(get().db)).to.deep.equal([]);
    });

    it('the API is ready and serves', async () => {
      const server = await startTestServer(get().db);
      try {
        expect((await server.get('/readyz')).status).to.equal(200);
        const list = await server.get('/api/stocks?limit=5');
        expect(list.status).to.equal(200);
        expect(list.body.items).to.have.length(5);
        expect((await server.get('/api/stocks/AAPL')).status).to.equal(200);
      } finally {
        await server.close();
      }
    });

    it('a completed migration older than the last file, with no file, is still refused', async () => {
      const { db } = get();
      await db('knex_migrations').insert({
        name: '20000101000000_gone.ts',
        batch: 1,
        migration_time: new Date(),
      });
      try {
        await migrationStatus(db).then(
          () => expect.fail('accepted a missing file'),
          (err: Error) => expect(err.message).to.match(/corrupt.*20000101000000_gone\.ts/),
        );
        await migrateLatest(db).then(
          () => expect.fail('migrated past a missing file'),
          (err: Error) => expect(err.message).to.match(/corrupt.*20000101000000_gone\.ts/),
        );
      } finally {
        await db('knex_migrations').where({ name: '20000101000000_gone.ts' }).delete();
      }
    });
  });
});
