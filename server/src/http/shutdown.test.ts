/**
 * The API process's stop at SIGTERM, on a real process: a request held in flight (its
 * table locked by the test, on PostgreSQL, so it is slow for as long as the test says)
 * completes, /readyz answers 503 meanwhile, and the process exits 0; when the request
 * outlasts SHUTDOWN_GRACE_S, it is cut and the process exits 1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createPgTestDb, type TestDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { waitFor, waitForLine } from '../../test-support/wait.ts';
import { migrateLatest } from '../db/migrate.ts';

const SERVER = path.join(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Api {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; out: string; at: number }>;
}

async function startApi(test: TestDatabase, graceS: number): Promise<Api> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER, 'src/main.ts')], {
    cwd: SERVER,
    env: {
      ...process.env,
      DATABASE_URL: test.target.url,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      METRICS_PORT: '0',
      SHUTDOWN_GRACE_S: String(graceS),
      REDIS_ENABLED: 'false',
      FMP_API_KEY: '',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; out: string; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, at: performance.now() })),
  );
  await waitForLine(child.stdout!, 'VibeApp API on', { what: 'the API to listen', timeoutMs: 30_000 });
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

/** Hold `stocks` locked: every read of it waits until the returned transaction ends. */
async function lockStocks(db: Knex): Promise<Knex.Transaction> {
  const trx = await db.transaction();
  await trx.raw('lock table stocks in access exclusive mode');
  return trx;
}

/** Wait until a query of the API's waits on the lock (the request is in flight). */
async function waitForBlockedQuery(db: Knex): Promise<void> {
  await waitFor('a request of the API to wait on the lock', async () => {
    const { rows } = await db.raw(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    return rows[0].n > 0;
  });
}

describe('API shutdown at SIGTERM (a real process, on PostgreSQL)', function () {
  this.timeout(60_000);
  let test: TestDatabase | undefined;
  let api: Api | undefined;
  before(async function () {
    if (!process.env.TEST_DATABASE_URL?.trim()) this.skip();
    test = await createPgTestDb();
    await migrateLatest(test.db);
    await seed(test.db, { seed: 'shutdown-test', endDate: '2025-07-02', historyPoints: 8 });
  });
  afterEach(async () => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await api?.exited;
    api = undefined;
  });
  after(async () => test?.dispose());

  it('/readyz fails first, the request in flight completes, the process exits 0', async () => {
    const db = (test as TestDatabase).db;
    api = await startApi(test as TestDatabase, 10);
    expect((await fetch(`${api.url}/readyz`)).status).to.equal(200);
    const trx = await lockStocks(db);
    const slow = fetch(`${api.url}/api/stocks/AAPL`);
    try {
      await waitForBlockedQuery(db);
      const draining = waitForLine(api.child.stdout!, 'draining 1 request(s)');
      const signalled = performance.now();
      api.child.kill('SIGTERM');
      await draining;
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).to.equal(503);
      expect(await ready.json()).to.deep.include({ status: 'not_ready' });
      expect(api.child.exitCode, 'still running while the request is in flight').to.equal(null);
      await trx.commit();
      const res = await slow;
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { ticker: string }).ticker).to.equal('AAPL');
      const { code, out, at } = await api.exited;
      expect(code, out).to.equal(0);
      expect(out).to.match(/every request answered/);
      // Well inside the bound: the drain ends with the last request, not at the grace.
      expect(at - signalled).to.be.below(10_000);
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
  });

  it('a request that outlasts SHUTDOWN_GRACE_S is cut and the process exits 1', async () => {
    const db = (test as TestDatabase).db;
    api = await startApi(test as TestDatabase, 1);
    const trx = await lockStocks(db);
    const slow = fetch(`${api.url}/api/stocks/AAPL`).then(
      (r) => r.status,
      () => 'cut',
    );
    try {
      await waitForBlockedQuery(db);
      const signalled = performance.now();
      api.child.kill('SIGTERM');
      const { code, out, at } = await api.exited;
      expect(code, out).to.equal(1);
      expect(out, out).to.match(/1 request\(s\) cut at the bound/);
      expect(await slow).to.equal('cut');
      expect(at - signalled).to.be.within(1_000, 6_000);
    } finally {
      await trx.rollback();
    }
  });
});
