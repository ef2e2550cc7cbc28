import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer } from '../test-support/app.ts';
import { createSqliteTestDb } from '../test-support/db.ts';
import { type FakeSentry, startFakeSentry } from '../test-support/sentry-ingest.ts';
import { createAppContext } from './app-context.ts';
import { loadConfig } from './config.ts';
import { initSentry } from './sentry.ts';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const FMP_KEY = 'fmp-secret-key-0123456789';
const DB_PASSWORD = 'pg-secret-password-42';

function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(cmd, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('Sentry (against a local stand-in for its ingest endpoint)', function () {
  this.timeout(60_000);
  let ingest: FakeSentry;
  beforeEach(async () => {
    ingest = await startFakeSentry();
  });
  afterEach(async () => {
    await ingest.close();
  });

  it('reports an unexpected API error with its type, route, environment and request id, and no secrets', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      SENTRY_DSN: ingest.dsn,
      FMP_API_KEY: FMP_KEY,
      DATABASE_URL: `postgres://vibeapp:${DB_PASSWORD}@127.0.0.1:1/vibeapp`,
    });
    const tdb = await createSqliteTestDb(); // no migrations: the list query fails
    const sentry = await initSentry(config, 'test');
    expect(sentry).to.not.equal(undefined);
    const api = await startTestServer(tdb.db, { config, overrides: { sentry } });
    try {
      const res = await api.get('/api/stocks?page=2', { headers: { 'X-Request-Id': 'sentry-req-1' } });
      expect(res.status).to.equal(500);
      await sentry?.flush(5_000);
      const event = await ingest.waitForEvent();
      const exception = (event.exception as { values: Array<{ type: string; value: string }> }).values[0];
      expect(exception.type).to.equal('Error');
      expect(exception.value).to.contain('no such table');
      expect(event.transaction).to.equal('GET /api/stocks');
      expect(event.environment).to.equal('test');
      expect(event.tags).to.include({ request_id: 'sentry-req-1' });
      const raw = JSON.stringify(ingest.items);
      for (const secret of [FMP_KEY, DB_PASSWORD, ingest.dsn]) expect(raw, secret).to.not.contain(secret);
    } finally {
      await api.close();
      await sentry?.close();
      await tdb.dispose();
    }
  });

  it('reports an unhandled rejection and the process exits non-zero', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-crash-'));
    try {
      // Asynchronous: the stand-in ingest server runs on this process's event loop.
      const r = await run(process.execPath, ['--import', 'tsx', 'test-support/crash.ts'], {
        cwd: SERVER_DIR,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'production',
          SENTRY_DSN: ingest.dsn,
          FMP_API_KEY: FMP_KEY,
          DATABASE_URL: `sqlite:${dir}/crash.db`,
        },
      });
      expect(r.status, r.stderr + r.stdout).to.equal(1);
      expect(r.stdout).to.contain('"level":"fatal"');
      expect(r.stdout + r.stderr).to.not.contain(FMP_KEY);
      const event = await ingest.waitForEvent(undefined, 1_000);
      const exception = (event.exception as { values: Array<{ type: string; value: string }> }).values[0];
      expect(exception.type).to.equal('TypeError');
      expect(exception.value).to.not.contain(FMP_KEY);
      expect(event.environment).to.equal('production');
      expect(event.tags).to.include({ source: 'unhandledRejection' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays off without SENTRY_DSN: no reporter, nothing sent', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(await initSentry(config, 'test')).to.equal(undefined);
    const tdb = await createSqliteTestDb();
    const ctx = await createAppContext(config, { db: tdb.db });
    try {
      expect(ctx.sentry).to.equal(undefined);
    } finally {
      await ctx.close();
      await tdb.dispose();
    }
    expect(ingest.items).to.deep.equal([]);
  });
});
