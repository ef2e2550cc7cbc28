/**
 * `npm run bench:cache-memory`: does the in-process cache's bound (CACHE_MEMORY_MAX_MB) hold
 * in real memory, not only in what the cache counts?
 *
 * The real app (the composition root's services and HTTP app, in this process) on a seeded
 * SQLite database answers a realistic mix of cached routes (details, list pages, top lists,
 * leaderboards, screener matches, score histories) over loopback; every key gets a round
 * number, so each request is a miss that runs the real loader and stores a new entry, and is
 * then sent once (as a hit's bytes are). It goes on until the answers stored add up to
 * `--fill` times the bound. Then, after a full GC, the heap (V8's heapUsed) and the memory
 * outside it (Buffers: `arrayBuffers`) are measured, every entry is dropped and they are
 * measured again: the difference is what the entries held (what the process grew by for
 * other reasons, optimized code say, stays in both). That is compared with what the cache
 * counts and with the bound. Run with --expose-gc (the npm script does).
 *
 *   npm run bench:cache-memory -- [--mb 16] [--fill 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppContext } from '../src/app-context.ts';
import type { AppCache } from '../src/cache/index.ts';
import { createCache } from '../src/cache/index.ts';
import { loadConfig } from '../src/config.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { SECTORS } from '../src/market/types.ts';
import { STRATEGIES } from '../src/scoring/strategies.ts';
import { seed } from '../test-support/seed.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '16' },
    fill: { type: 'string', default: '3' },
  },
});
const MB = Number(values.mb);
const FILL = Number(values.fill);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('bench:cache-memory: run with --expose-gc (npm run bench:cache-memory does)');
  process.exit(1);
}

/** A full collection, twice (weak maps' entries go in the second), then the figures. */
function settled(): { heap: number; external: number } {
  for (let i = 0; i < 3; i++) gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.arrayBuffers };
}

/**
 * The app's cache with a round number added to every key, so that each request of a round is
 * a miss that runs the real loader and stores its own entry.
 */
function roundKeyed(inner: AppCache): AppCache & { round: number } {
  const keyed = (key: string, round: number) => `${key}:r${round}`;
  return {
    round: 0,
    backend: inner.backend,
    get(key) {
      return inner.get(keyed(key, this.round));
    },
    set(key, value, ttl) {
      return inner.set(keyed(key, this.round), value, ttl);
    },
    getOrSet(key, ttl, loader) {
      return inner.getOrSet(keyed(key, this.round), ttl, loader);
    },
    invalidate: (pattern) => inner.invalidate(pattern),
    stats: () => inner.stats(),
    health: () => inner.health(),
    onOutcome: (listener) => inner.onOutcome(listener),
    onInvalidate: (listener) => inner.onInvalidate(listener),
    close: () => inner.close(),
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-cache-memory-'));
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
  REDIS_ENABLED: 'false',
  RATE_LIMIT_PER_MINUTE: '0',
  CACHE_MEMORY_MAX_MB: String(MB),
  // Bounded by bytes, not by count.
  CACHE_MEMORY_MAX_ENTRIES: '10000000',
  METRICS_PORT: '0',
});
const logger = createLogger({ level: 'silent' });
const inner = createCache({ config, logger });
const cache = roundKeyed(inner);
const ctx = await createAppContext(config, {
  logger,
  cache,
  sentry: null,
  parts: ['db', 'cache', 'services', 'jobs'],
});
await migrateLatest(ctx.db);
await seed(ctx.db, { seed: 'bench', endDate: '2026-11-27', historyPoints: 52 });
const server = createApp(ctx).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET a path; the body's length (the answer is dropped). */
function get(route: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(base + route, { agent }, (res) => {
        let n = 0;
        res.on('data', (d: Buffer) => {
          n += d.length;
        });
        res.on('end', () =>
          res.statusCode === 200 ? resolve(n) : reject(new Error(`${route}: ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

const tickers = ((await ctx.db('stocks').select('ticker').orderBy('ticker')) as { ticker: string }[]).map(
  (r) => r.ticker,
);
/** One round of the mix: what a browsing crowd asks for, detail pages most. */
const ROUND: string[] = [
  ...tickers.map((t) => `/api/stocks/${t}`),
  ...tickers.slice(0, Math.ceil(tickers.length / 3)).map((t) => `/api/stocks/${t}/scores`),
  ...[1, 2, 3, 4, 5, 6].map((p) => `/api/stocks?page=${p}&limit=20`),
  ...['pe', 'market_cap', 'change_pct'].map((s) => `/api/stocks?limit=50&sort=${s}`),
  '/api/stocks?limit=100',
  ...SECTORS.map((s) => `/api/stocks?sector=${encodeURIComponent(s)}`),
  ...[10, 25].map((l) => `/api/stocks/top?limit=${l}`),
  ...SECTORS.map((s) => `/api/stocks/leaderboard/top?limit=10&sector=${encodeURIComponent(s)}`),
  '/api/stocks/screener/strategies',
  ...STRATEGIES.map((s) => `/api/stocks/screener/strategies/${s.id}?limit=25`),
];

// Warm: the code paths, the database's pages, a round stored and dropped again.
for (const route of ROUND) await get(route);
await inner.invalidate('*');
const before = settled();

let requests = 0;
let bodyBytes = 0;
const t0 = performance.now();
while (bodyBytes < FILL * MB * 1024 * 1024) {
  cache.round++;
  for (const route of ROUND) {
    bodyBytes += await get(route);
    requests++;
  }
}
const fillS = (performance.now() - t0) / 1000;
agent.destroy();
await new Promise((r) => server.close(r));
const after = settled();
const stats = (await inner.stats()).tiers?.memory;
if (!stats) throw new Error('no memory tier statistics');
await inner.invalidate('*');
const emptied = settled();

const bound = MB * 1024 * 1024;
const heap = after.heap - emptied.heap;
const external = after.external - emptied.external;
const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
const rows: Array<[string, string]> = [
  ['bound (CACHE_MEMORY_MAX_MB)', `${mb(bound)} MB`],
  ['answers stored (requests, bytes sent)', `${requests}, ${mb(bodyBytes)} MB in ${fillS.toFixed(1)} s`],
  ['entries kept', String(stats.entries)],
  ['bytes the cache counts', `${mb(stats.bytes)} MB`],
  [
    'JSON bytes of the entries kept',
    `${mb((bodyBytes / requests) * stats.entries)} MB (estimated: mean body × entries)`,
  ],
  ['heap the entries held (heapUsed, full - emptied)', `${mb(heap)} MB`],
  ['Buffers the entries held (arrayBuffers)', `${mb(external)} MB`],
  [
    'process growth since before filling (heap + Buffers)',
    `${mb(after.heap + after.external - before.heap - before.external)} MB`,
  ],
  ['real total / bound', `${((heap + external) / bound).toFixed(2)}`],
  ['real total / bytes counted', `${((heap + external) / Math.max(1, stats.bytes)).toFixed(2)}`],
  ['real bytes per entry', `${((heap + external) / Math.max(1, stats.entries) / 1024).toFixed(1)} KiB`],
];
console.log(
  `\nin-process cache, node ${process.version}, ${tickers.length} stocks, ${ROUND.length} routes a round; ` +
    'heap and Buffers measured after a full GC, full and after dropping every entry',
);
console.log('| measure | value |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
const holds = heap + external <= bound;
console.log(
  `\nthe bound ${holds ? 'holds' : 'does NOT hold'} in real memory (${mb(heap + external)} MB of ${mb(bound)} MB)`,
);

await ctx.close();
await inner.close();
rmSync(dir, { recursive: true, force: true });
