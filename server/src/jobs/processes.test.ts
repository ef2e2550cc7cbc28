/**
 * The worker, its health command and Agendash as the processes people run: the worker
 * exits 0 on SIGTERM, `worker:health` exits 0 while it beats and 1 once the beat is stale,
 * and Agendash answers only behind its password.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { waitFor, waitForLine } from '../../test-support/wait.ts';
import { parseDatabaseUrl } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { type AgendashServer, agendashHost, startAgendash } from './agendash.ts';
import { checkHeartbeat } from './heartbeat.ts';

const SERVER = path.join(import.meta.dirname, '../..');

function run(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(SERVER, script)], {
    cwd: SERVER,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function exitOf(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { code, out };
}

describe('worker process and worker:health', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-worker-'));
    env = {
      DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`,
      WORKER_NAME: 'worker-under-test',
      WORKER_HEARTBEAT_S: '1',
      WORKER_HEALTH_MAX_AGE_S: '3',
      WORKER_SHUTDOWN_S: '2',
      LOG_LEVEL: 'info',
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('health fails before any worker ran, passes while it runs; SIGTERM exits 0; health fails once stale', async () => {
    const before = await exitOf(run('src/cli/worker-health.ts', env));
    // The database may not even have the table yet: either way, one line and exit 1.
    expect(before.code).to.equal(1);
    expect(before.out.trim().split('\n')).to.have.length(1);

    const worker = run('src/worker.ts', env);
    const exited = exitOf(worker);
    await waitForLine(worker.stdout!, 'started', { what: 'the worker to say it started', timeoutMs: 30_000 });

    const alive = await exitOf(run('src/cli/worker-health.ts', env));
    expect(alive.code, alive.out).to.equal(0);
    expect(alive.out).to.match(/worker-under-test" is alive/);

    const signalled = Date.now();
    worker.kill('SIGTERM');
    const { code, out } = await exited;
    expect(code, out).to.equal(0);
    expect(Date.now() - signalled).to.be.below(2_000 + 5_000);
    expect(out).to.match(/SIGTERM: stopping/);

    // The last beat grows older than WORKER_HEALTH_MAX_AGE_S (3 s): read as the command does.
    const db = createDb(parseDatabaseUrl(env.DATABASE_URL as string));
    try {
      await waitFor(
        'the heartbeat to go stale',
        async () => !(await checkHeartbeat(db, { worker: 'worker-under-test', maxAgeMs: 3_000 })).ok,
      );
    } finally {
      await db.destroy();
    }
    const stale = await exitOf(run('src/cli/worker-health.ts', env));
    expect(stale.code).to.equal(1);
    expect(stale.out).to.match(/is stale: last heartbeat/);
  });
});

describe('agendash', () => {
  let test: TestDatabase;
  let server: AgendashServer | undefined;
  before(async () => {
    test = await createSqliteTestDb();
    await migrateLatest(test.db);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(async () => test?.dispose());

  it('listens on localhost only without a password, everywhere with one', () => {
    expect(agendashHost({ port: 5555, user: 'admin', password: '' })).to.equal('127.0.0.1');
    expect(agendashHost({ port: 5555, user: 'admin', password: 's3cret' })).to.equal('0.0.0.0');
  });

  it('with a password: 401 without or with wrong credentials, the dashboard and its API with them', async () => {
    server = await startAgendash(
      { database: test.target, agendash: { port: 0, user: 'admin', password: 's3cret' } },
      test.db,
      0,
    );
    const basic = (u: string, p: string) => ({
      authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
    });

    const anonymous = await fetch(`${server.url}/`);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('www-authenticate')).to.match(/^Basic/);
    expect((await fetch(`${server.url}/api`, { headers: basic('admin', 'wrong') })).status).to.equal(401);
    expect((await fetch(`${server.url}/api`, { headers: basic('root', 's3cret') })).status).to.equal(401);

    const page = await fetch(`${server.url}/`, { headers: basic('admin', 's3cret') });
    expect(page.status).to.equal(200);
    expect(await page.text()).to.match(/<html/i);
    const api = await fetch(`${server.url}/api?limit=5`, { headers: basic('admin', 's3cret') });
    expect(api.status).to.equal(200);
    expect(await api.json()).to.have.property('overview');
  });

  it('refuses job changes posted from another site, accepts them from its own pages', async () => {
    server = await startAgendash(
      { database: test.target, agendash: { port: 0, user: 'admin', password: 's3cret' } },
      test.db,
      0,
    );
    const auth = `Basic ${Buffer.from('admin:s3cret').toString('base64')}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${server?.url}/api/jobs/delete`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ jobIds: [] }),
      });
    const foreign = await post({ origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).to.equal('cross_site_request');
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).to.equal(403);
    const own = await post({ origin: new URL(server.url).origin, 'sec-fetch-site': 'same-origin' });
    expect(own.status, await own.text()).to.not.equal(403);
    expect(own.status).to.be.below(500);
  });

  it('without a password: answers on 127.0.0.1 with no credentials', async () => {
    server = await startAgendash(
      { database: test.target, agendash: { port: 0, user: 'admin', password: '' } },
      test.db,
      0,
    );
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:/);
    expect((await fetch(`${server.url}/api`)).status).to.equal(200);
  });
});
