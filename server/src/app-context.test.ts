import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { type AppPart, createAppContext, factories } from './app-context.ts';
import { loadConfig } from './config.ts';
import { createDb, createPgPool } from './db/knex.ts';
import { createLogger } from './logger.ts';
import type { ErrorReporter } from './sentry.ts';

const SERVER_DIR = path.resolve(import.meta.dirname, '..');
const quiet = createLogger({ level: 'silent' });

/** A TCP listener standing in for Redis: it counts the connections a process opens to it. */
async function startRedisProbe() {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}/0`,
    sockets,
    connected: () => new Promise<void>((resolve) => server.once('connection', () => resolve())),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Wrap the root's constructors: record each call and each release of what they built.
 * Sentry is stood in for (a real init would install a process-wide client).
 */
function spyFactories() {
  const original = { ...factories };
  const built: string[] = [];
  const released: string[] = [];
  const dbs: Knex[] = [];
  factories.createDb = (...args) => {
    built.push('db');
    const db = original.createDb(...args);
    dbs.push(db);
    return db;
  };
  factories.createCache = (...args) => {
    built.push('cache');
    const cache = original.createCache(...args);
    const close = cache.close.bind(cache);
    cache.close = async () => {
      released.push('cache');
      await close();
    };
    return cache;
  };
  factories.createProvider = (...args) => {
    built.push('provider');
    return original.createProvider(...args);
  };
  factories.initSentry = async () => {
    built.push('sentry');
    const reporter: ErrorReporter = {
      capture: () => {},
      flush: async () => true,
      close: async () => {
        released.push('sentry');
      },
    };
    return reporter;
  };
  /** The parts released so far: the database's pool is gone once it is destroyed. */
  const releasedParts = () => [...released, ...dbs.filter((db) => !db.client.pool).map(() => 'db')].sort();
  return { built, released: releasedParts, restore: () => Object.assign(factories, original) };
}

describe('createAppContext builds only the parts a process asks for', function () {
  this.timeout(60_000);
  let dir: string;
  let spy: ReturnType<typeof spyFactories>;
  let probe: Awaited<ReturnType<typeof startRedisProbe>>;
  /** A configuration under which every part would be the expensive kind: Redis, FMP, Sentry. */
  const fullConfig = () =>
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${dir}/ctx.db`,
      REDIS_ENABLED: 'true',
      REDIS_URL: probe.url,
      FMP_API_KEY: 'test-key',
      SENTRY_DSN: 'http://public@127.0.0.1:9/1',
    });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-ctx-'));
    probe = await startRedisProbe();
    spy = spyFactories();
  });
  afterEach(async () => {
    spy.restore();
    await probe.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("['db'] (migrate, worker health): a database, and no cache, provider or Sentry", async () => {
    const ctx = await createAppContext(fullConfig(), { logger: quiet, parts: ['db'] });
    expect(spy.built).to.deep.equal(['db']);
    expect(Object.keys(ctx).sort()).to.deep.equal(['clock', 'close', 'config', 'db', 'logger']);
    expect(await ctx.db.raw('select 1 as one')).to.deep.equal([{ one: 1 }]);
    await ctx.close();
    await ctx.close();
    expect(spy.released()).to.deep.equal(['db']);
    expect(probe.sockets, 'nothing connected to Redis').to.have.length(0);
  });

  it('a part brings what it stands on: the services build the database and the cache, not the provider', async () => {
    const connected = probe.connected();
    const ctx = await createAppContext(fullConfig(), { logger: quiet, parts: ['services'] });
    expect(spy.built).to.deep.equal(['db', 'cache']);
    expect(ctx.services.ingest).to.be.an('object');
    await connected; // the cache's Redis tier, as asked
    await ctx.close();
    expect(spy.released()).to.deep.equal(['cache', 'db']);
  });

  it('by default builds every part, and close() releases each once', async () => {
    const ctx = await createAppContext(fullConfig(), { logger: quiet });
    expect([...spy.built].sort()).to.deep.equal(['cache', 'db', 'provider', 'sentry']);
    const all: AppPart[] = ['db', 'cache', 'provider', 'sentry', 'services', 'jobs'];
    for (const part of all) expect(ctx[part], part).to.not.equal(undefined);
    expect(ctx.provider.source).to.equal('fmp');
    await Promise.all([ctx.close(), ctx.close()]);
    expect(spy.released()).to.deep.equal(['cache', 'db', 'sentry']);
  });

  it("DATABASE_POOL_MAX sizes the PostgreSQL pools (the app's and a job store's); SQLite keeps its own", async () => {
    const pgConfig = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:1/vibeapp', DATABASE_POOL_MAX: '3' });
    // Pools connect on first use: nothing here opens a connection.
    const ctx = await createAppContext(pgConfig, { logger: quiet, parts: ['db'] });
    const pool = createPgPool(ctx.db, 'postgres://u@127.0.0.1:1/vibeapp');
    try {
      expect(ctx.db.client.config.pool.max).to.equal(3);
      expect(pool.options.max).to.equal(3);
    } finally {
      await pool.end();
      await ctx.close();
    }
    const sqlite = await createAppContext(fullConfig(), { logger: quiet, parts: ['db'] });
    expect(sqlite.db.client.config.pool.max).to.equal(4);
    await sqlite.close();
  });

  it('releases nothing an override brought', async () => {
    const own = createDb({ client: 'sqlite3', filename: ':memory:', url: 'sqlite::memory:' });
    const ctx = await createAppContext(fullConfig(), {
      logger: quiet,
      db: own,
      sentry: null,
      parts: ['db', 'sentry'],
    });
    expect(spy.built).to.deep.equal([]);
    expect(ctx.sentry).to.equal(undefined);
    await ctx.close();
    expect(spy.released()).to.deep.equal([]);
    expect(own.client.pool, 'the caller still owns its database').to.not.equal(undefined);
    await own.destroy();
  });

  const run = promisify(execFile);
  /** Run a CLI as a real process with Redis, FMP and Sentry configured; resolves with its exit code. */
  async function cli(script: string) {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: `sqlite:${dir}/cli.db`,
      REDIS_ENABLED: 'true',
      REDIS_URL: probe.url,
      FMP_API_KEY: 'test-key',
      SENTRY_DSN: 'http://public@127.0.0.1:9/1',
      LOG_LEVEL: 'warn',
    };
    const args = ['--import', 'tsx', `src/cli/${script}.ts`];
    try {
      const r = await run(process.execPath, args, { cwd: SERVER_DIR, env, encoding: 'utf8' });
      return { code: 0, out: r.stdout + r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  it('npm run migrate and npm run worker:health, as processes, never connect to Redis', async () => {
    const migrate = await cli('migrate');
    expect(migrate.code, migrate.out).to.equal(0);
    const health = await cli('worker-health');
    expect(health.code, health.out).to.equal(1);
    expect(health.out).to.match(/heartbeat/i);
    expect(probe.sockets, 'connections to Redis').to.have.length(0);
  });
});
