/**
 * `npm run bench:redis-memory`: the Redis memory the shared cache takes per 1,000 stocks, for
 * sizing Redis (docs/OPERATIONS.md). Seeds the 147-stock sample universe, warms the cache
 * through the real app over HTTP (every stock's detail and score history, every page of the
 * stock list at 50 a page, the top list, the leaderboard of every sector, every screener
 * strategy), sums `MEMORY USAGE` of the keys under a throwaway prefix, then does the same with
 * 5,000 synthetic stocks added. The difference over the stocks added is the figure per 1,000.
 *
 *   npm run bench:redis-memory -- [--synthetic 5000]
 *
 * Needs BENCH_REDIS_URL or TEST_REDIS_URL (use a database number of your own: its keys under
 * the prefix are removed at the end); the database is BENCH_DATABASE_URL or TEST_DATABASE_URL's
 * server (a database made and dropped here), else a temporary SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createAppContext } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { seedSampleData } from '../src/ingest/seed.ts';
import { createLogger } from '../src/logger.ts';
import { SECTORS } from '../src/market/types.ts';
import { STRATEGIES } from '../src/scoring/strategies.ts';

const { values } = parseArgs({ options: { synthetic: { type: 'string', default: '5000' } } });
const redisUrl = (process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || '').trim();
if (!redisUrl) {
  process.stderr.write(
    'bench:redis-memory: set BENCH_REDIS_URL or TEST_REDIS_URL (a Redis database of your own)\n',
  );
  process.exit(1);
}
const pgAdmin = (process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '').trim();
const prefix = `vibeapp-memory-${process.pid}`;
const seedName = 'vibeapp';
const endDate = '2026-11-27';
/** Weekly score snapshots per stock: each stock's score-history answer holds as many points. */
const historyPoints = 8;

let databaseUrl: string;
let dropDatabase = async () => {};
let tmp = '';
if (pgAdmin) {
  const admin = createDb(loadConfig({ DATABASE_URL: pgAdmin }).database, { poolMax: 1 });
  const name = `vibeapp_memory_${process.pid}`;
  await admin.raw(`create database "${name}"`);
  const url = new URL(pgAdmin);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    await admin.raw(`drop database if exists "${name}" with (force)`);
    await admin.destroy();
  };
} else {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-memory-'));
  databaseUrl = `sqlite:${path.join(tmp, 'bench.db')}`;
}

const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: databaseUrl,
  REDIS_ENABLED: 'true',
  REDIS_URL: redisUrl,
  CACHE_KEY_PREFIX: prefix,
  RATE_LIMIT_PER_MINUTE: '0',
  METRICS_PORT: '0',
  // Memory, not latency, is measured: a busy machine must not make the cache skip Redis, nor
  // cut the seed's long reads of 5,000 stocks' bars.
  REDIS_COMMAND_TIMEOUT_MS: '5000',
  DATABASE_STATEMENT_TIMEOUT_MS: '0',
});
const ctx = await createAppContext(config, {
  name: 'bench',
  logger: createLogger({ level: 'warn' }),
  sentry: null,
});
const redis = new Redis(redisUrl);
const server = createApp(ctx, { serveClient: false }).listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function get(route: string): Promise<unknown> {
  const res = await fetch(base + route);
  if (res.status !== 200) throw new Error(`${route}: ${res.status}`);
  return res.json();
}

/** Every cacheable answer, a few requests at a time; returns how many were asked for. */
async function warm(): Promise<number> {
  const routes = ['/api/stocks/top', '/api/stocks/leaderboard/top', '/api/stocks/screener/strategies'];
  for (const sector of SECTORS)
    routes.push(`/api/stocks/leaderboard/top?sector=${encodeURIComponent(sector)}`);
  for (const s of STRATEGIES) routes.push(`/api/stocks/screener/strategies/${s.id}`);
  const first = (await get('/api/stocks?limit=50')) as { total: number };
  for (let page = 1; page <= Math.ceil(first.total / 50); page++)
    routes.push(`/api/stocks?limit=50&page=${page}`);
  const tickers = (await ctx.db('stocks').select('ticker')).map((r: { ticker: string }) => r.ticker);
  for (const t of tickers) routes.push(`/api/stocks/${t}`, `/api/stocks/${t}/scores`);
  for (let i = 0; i < routes.length; i += 8) await Promise.all(routes.slice(i, i + 8).map(get));
  return routes.length;
}

/** Keys and bytes (MEMORY USAGE, all samples) under the prefix, by key kind. */
async function usage(): Promise<{
  keys: number;
  bytes: number;
  byKind: Record<string, { keys: number; bytes: number }>;
}> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  const byKind: Record<string, { keys: number; bytes: number }> = {};
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      const size = Number((await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
      const kind = key.split(':').slice(2, 4).join(':');
      byKind[kind] ??= { keys: 0, bytes: 0 };
      byKind[kind].keys++;
      byKind[kind].bytes += size;
      keys++;
      bytes += size;
    }
  } while (cursor !== '0');
  return { keys, bytes, byKind };
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const rows: string[] = [];
try {
  await migrateLatest(ctx.db);
  const measure = async (label: string, synthetic: number) => {
    await seedSampleData(
      { db: ctx.db, clock: ctx.clock, ingest: ctx.services.ingest },
      { seed: seedName, endDate, reset: true, synthetic, historyPoints },
    );
    await ctx.cache.invalidate('*');
    const asked = await warm();
    const stocks = Number((await ctx.db('stocks').count({ n: '*' }))[0].n);
    const u = await usage();
    // One key an answer (the first list page is asked twice: with and without page=1).
    if (u.keys < asked - 1) throw new Error(`${asked} answers warmed but only ${u.keys} keys in Redis`);
    rows.push(`| ${label} | ${stocks} | ${u.keys} | ${kib(u.bytes)} |`);
    for (const [kind, k] of Object.entries(u.byKind).sort())
      rows.push(
        `|   ${kind} | | ${k.keys} | ${kib(k.bytes)} (${(k.bytes / k.keys / 1024).toFixed(1)} KiB a key) |`,
      );
    return { stocks, bytes: u.bytes };
  };
  const small = await measure('sample universe', 0);
  const large = await measure(`+ ${values.synthetic} synthetic`, Number(values.synthetic));
  const perThousand = ((large.bytes - small.bytes) / (large.stocks - small.stocks)) * 1000;
  const info = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1];
  process.stdout.write(
    [
      `## Redis memory of the warmed cache (MEMORY USAGE of every key, ${historyPoints} score-history points a stock, Redis ${version}, ${config.database.client}, node ${process.version})`,
      '',
      '| set | stocks | keys | bytes |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
      '',
      `per 1,000 stocks: ${(perThousand / 1024 / 1024).toFixed(2)} MiB (the difference over the ${large.stocks - small.stocks} stocks added)`,
      '',
    ].join('\n'),
  );
} finally {
  // Every key under the throwaway prefix (the cache's own index of them too).
  for (let cursor = '0'; ; ) {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (batch.length > 0) await redis.unlink(...batch);
    cursor = next;
    if (cursor === '0') break;
  }
  server.close();
  redis.disconnect();
  await ctx.close();
  await dropDatabase();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
