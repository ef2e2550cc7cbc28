/**
 * `npm run bench:cache`: what the cache costs and what it buys.
 *
 *  1. The cache tier alone: getOrSet on a hit in the in-process tier (memory only, and in
 *     front of Redis), and on a hit read from Redis (in-process tier too small to help).
 *  2. HTTP on loopback, autocannon with 50 connections, servers in a child process (so the
 *     load generator does not share their event loop): a bare node:http server answering the
 *     same bytes from memory (the practical limit) beside the real app built by the
 *     composition root (production log level), cached with Redis off and on, and uncached
 *     (a cache that never keeps anything) so the gain is visible.
 *  3. Hit rate under realistic traffic: Zipf-distributed tickers (s = 1.1) and a mix of
 *     list / detail / top / leaderboard / screener lookups over simulated hours, with the
 *     configured TTLs and an hourly refresh that invalidates everything (a fake clock).
 *
 *   npm run bench:cache -- [--duration 5] [--rounds 3] [--connections 50] [--hours 8] [--rates 5,20,100]
 *                          [--universe 500] [--skip-http] [--skip-tier] [--skip-sim]
 *
 * Redis parts run when BENCH_REDIS_URL or TEST_REDIS_URL is set. Keys go under a
 * throwaway prefix that is removed afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAppContext } from '../src/app-context.ts';
import { type AppCache, createCache } from '../src/cache/index.ts';
import { cacheKeys, cacheTtls, invalidateAfterDataChange } from '../src/cache/keys.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { seedSampleData } from '../src/ingest/seed.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { SECTORS } from '../src/market/types.ts';
import { STRATEGIES } from '../src/scoring/strategies.ts';
import { noCache } from '../test-support/cache.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    hours: { type: 'string', default: '8' },
    rates: { type: 'string', default: '5,20,100' },
    universe: { type: 'string', default: '500' },
    'skip-http': { type: 'boolean', default: false },
    'skip-tier': { type: 'boolean', default: false },
    'skip-sim': { type: 'boolean', default: false },
    // internal: run as the server child
    serve: { type: 'string' },
    bodies: { type: 'string' },
    redis: { type: 'string' },
    uncached: { type: 'boolean', default: false },
  },
});

const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
const ROUTES = ['/api/stocks/AAPL', '/api/stocks?page=1&size=20'] as const;
const END = '2026-11-27';
const silent: Logger = createLogger({ level: 'silent' });

function benchConfig(redisUrl?: string, database?: string): Config {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0', // the bench hammers one route: no per-client limit
    REDIS_ENABLED: redisUrl ? 'true' : 'false',
    REDIS_URL: redisUrl ?? 'redis://127.0.0.1:6379/0',
    CACHE_KEY_PREFIX: `vibeapp-bench-${process.pid}`,
    ...(process.env.CACHE_GRACE ? { CACHE_GRACE: process.env.CACHE_GRACE } : {}),
    ...(database ? { DATABASE_URL: database } : {}),
  });
}

/**
 * The app under test, as `main.ts` builds it: the composition root over a seeded SQLite
 * file, with REDIS_ENABLED as given (or no cache at all), logging at the production level.
 * Its log lines go to stdout like the API's; the parent reads the port from a marked line.
 */
async function buildApp(dir: string, redisUrl: string | undefined, uncached: boolean) {
  const config = benchConfig(redisUrl, `sqlite:${dir}/bench.db`);
  const ctx = await createAppContext(config, {
    name: 'bench',
    sentry: null,
    ...(uncached ? { cache: noCache } : {}),
  });
  await migrateLatest(ctx.db);
  await seedSampleData(
    { db: ctx.db, ingest: ctx.services.ingest, clock: ctx.clock },
    { seed: 'bench', endDate: END, synthetic: 0, historyPoints: 0 },
  );
  return { ctx, app: createApp(ctx, { serveClient: false }) };
}

// ---------------------------------------------------------------------------------------
// Child: one server, its port on the first stdout line.
if (values.serve) {
  let server: http.Server;
  if (values.serve === 'bare') {
    const bodies = new Map<string, Buffer>(
      Object.entries(JSON.parse(readFileSync(values.bodies!, 'utf8')) as Record<string, string>).map(
        ([k, v]) => [k, Buffer.from(v, 'base64')],
      ),
    );
    server = http.createServer((req, res) => {
      const body = bodies.get(req.url ?? '');
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
      });
      res.end(body);
    });
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-bench-cache-'));
    const { ctx, app } = await buildApp(dir, values.redis || undefined, values.uncached);
    server = http.createServer(app.callback());
    process.on('SIGTERM', async () => {
      await ctx.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  }
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
  });
} else {
  await main();
}

// ---------------------------------------------------------------------------------------

async function main() {
  const report: string[] = [];
  if (!values['skip-tier']) report.push(...(await tierBench()));
  if (!values['skip-http']) report.push(...(await httpBench()));
  if (!values['skip-sim']) report.push(...(await hitRateSimulation()));
  console.log(`\n${report.join('\n')}`);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Sequential getOrSet over `keys` already cached; ops/s and ns per op. */
async function hitLoop(
  cache: AppCache,
  keys: string[],
  n: number,
): Promise<{ ops: number; ns: number; note: string }> {
  const loader = async () => ({ loaded: true });
  let hits = 0;
  for (let i = 0; i < 20_000; i++) await cache.getOrSet(keys[i % keys.length], 300, loader);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = await cache.getOrSet(keys[i % keys.length], 300, loader);
    if (r.outcome === 'HIT') hits++;
  }
  const ns = Number(process.hrtime.bigint() - t0) / n;
  return {
    ops: 1e9 / ns,
    ns,
    note: hits === n ? '' : ` (${n - hits} of ${n} not hits: Redis timed out)`,
  };
}

async function tierBench(): Promise<string[]> {
  const rows: string[] = ['## Cache tier alone (one process, sequential awaits unless noted)', ''];
  rows.push('| path | ops/s | per op |', '|---|---|---|');
  const keys = Array.from({ length: 1000 }, (_, i) => cacheKeys.stockDetail(`T${i}`));
  const value = {
    ticker: 'AAPL',
    name: 'Apple Inc.',
    price: 187.5,
    items: Array.from({ length: 20 }, (_, i) => i),
  };
  const add = (name: string, r: { ops: number; ns: number; note: string }) => {
    rows.push(`| ${name}${r.note} | ${fmt(r.ops)} | ${r.ns.toFixed(0)} ns |`);
    console.log(rows[rows.length - 1]);
  };

  const memory = createCache({ config: benchConfig(), logger: silent });
  for (const k of keys) await memory.set(k, value, 300);
  add('in-process hit, memory only', await hitLoop(memory, keys, 2_000_000));
  await memory.close();

  if (!REDIS_URL) {
    rows.push('| (Redis paths skipped: set BENCH_REDIS_URL or TEST_REDIS_URL) | | |');
    return [...rows, ''];
  }
  const config = benchConfig(REDIS_URL);
  const tiered = createCache({ config, logger: silent });
  await untilUp(tiered);
  for (const k of keys) await tiered.set(k, value, 300);
  add('in-process hit, in front of Redis', await hitLoop(tiered, keys, 2_000_000));
  await tiered.close();

  // In-process tier of one entry: every lookup of a rotating key is read from Redis. A
  // generous command timeout here: on a busy machine a descheduled process can see a 50 ms
  // timer fire before the reply is read, and this row measures the Redis path, not faults.
  const thin = createCache({
    config: {
      redis: { ...config.redis, commandTimeoutMs: 1000 },
      cache: { ...config.cache, memoryMaxEntries: 1 },
    },
    logger: silent,
  });
  await untilUp(thin);
  add('Redis hit (value + TTL in one round trip, JSON.parse)', await hitLoop(thin, keys, 20_000));
  const n = 50_000;
  const t0 = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < n) await thin.getOrSet(keys[next++ % keys.length], 300, async () => value);
    }),
  );
  const ns = Number(process.hrtime.bigint() - t0) / n;
  add('Redis hit, 50 lookups in flight', { ops: 1e9 / ns, ns, note: '' });
  await thin.invalidate('*');
  await thin.close();
  return [...rows, ''];
}

async function untilUp(cache: AppCache) {
  for (let i = 0; i < 200 && (await cache.health()).status !== 'ok'; i++)
    await new Promise((r) => setTimeout(r, 10));
}

// ---------------------------------------------------------------------------------------

interface Server {
  port: number;
  child: ChildProcess;
}

async function serve(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rl = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    rl.on('line', (line) => {
      const m = /^PORT (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server child exited (${code})`)));
  });
  rl.removeAllListeners('line');
  child.stdout!.resume(); // keep draining whatever it logs
  return { port, child };
}

async function stop(s: Server) {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

async function httpBench(): Promise<string[]> {
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const apps: Array<[string, Server]> = [['app, REDIS_ENABLED=false', await serve(['--serve', 'app'])]];
  if (REDIS_URL)
    apps.push(['app, REDIS_ENABLED=true', await serve(['--serve', 'app', '--redis', REDIS_URL])]);
  apps.push(['app, uncached', await serve(['--serve', 'app', '--uncached'])]);

  const bodies: Record<string, string> = {};
  for (const route of ROUTES) {
    const res = await fetch(`http://127.0.0.1:${apps[0][1].port}${route}`);
    if (res.status !== 200) throw new Error(`${route}: HTTP ${res.status}`);
    bodies[route] = Buffer.from(await res.arrayBuffer()).toString('base64');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-bench-bodies-'));
  const file = path.join(dir, 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  const bare = await serve(['--serve', 'bare', '--bodies', file]);

  const rounds = Number(values.rounds);
  const rows: string[] = [
    `## HTTP on loopback: autocannon, ${connections} connections, ${duration} s a run, median of ${rounds} interleaved rounds, node ${process.version}`,
    '',
    '| route | server | X-Cache | req/s | p50 ms | p99 ms | vs bare |',
    '|---|---|---|---|---|---|---|',
  ];
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  try {
    for (const route of ROUTES) {
      const servers: Array<[string, Server]> = [['bare node:http, same bytes', bare], ...apps];
      const labels: string[] = [];
      for (const [, srv] of servers) {
        // warm-up, then what the measured traffic gets
        await autocannon({ url: `http://127.0.0.1:${srv.port}${route}`, connections, duration: 1 });
        const res = await fetch(`http://127.0.0.1:${srv.port}${route}`);
        await res.arrayBuffer();
        labels.push(srv === bare ? '-' : (res.headers.get('x-cache') ?? 'none'));
      }
      // Rounds interleave the servers, so a burst of load from elsewhere on the machine
      // hits them alike; each figure is the median of its runs.
      const runs = servers.map(() => [] as autocannon.Result[]);
      for (let round = 0; round < rounds; round++) {
        for (const [i, [, srv]] of servers.entries()) {
          const r = await autocannon({ url: `http://127.0.0.1:${srv.port}${route}`, connections, duration });
          if (r.non2xx > 0 || r.errors > 0)
            console.log(`  ${route}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          runs[i].push(r);
        }
      }
      const rps = runs.map((rs) => median(rs.map((r) => r.requests.average)));
      for (const [i, [name]] of servers.entries()) {
        const p50 = median(runs[i].map((r) => r.latency.p50));
        const p99 = median(runs[i].map((r) => r.latency.p99));
        rows.push(
          `| ${route} | ${name} | ${labels[i]} | ${fmt(rps[i])} | ${p50} | ${p99} | ${((100 * rps[i]) / rps[0]).toFixed(0)} % |`,
        );
        console.log(rows[rows.length - 1]);
      }
    }
  } finally {
    await stop(bare);
    for (const [, s] of apps) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push(
    '',
    'X-Cache BYPASS: the uncached baseline (every request runs the database queries and serializes).',
    '',
  );
  return rows;
}

// ---------------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf(s) over ranks 0..n-1: a sampler from a precomputed CDF. */
function zipf(n: number, s: number, rand: () => number) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / (k + 1) ** s;
    cdf[k] = sum;
  }
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface SimResult {
  rate: number;
  requests: number;
  hitRate: number;
  byKind: Record<string, { hits: number; total: number }>;
}

async function simulate(rate: number, hours: number, universe: number): Promise<SimResult> {
  const clock = { t: 0, now: () => new Date(clock.t) };
  const config = benchConfig();
  const ttl = cacheTtls(config);
  const cache = createCache({ config, logger: silent, clock });
  const rand = rng(42);
  const ticker = zipf(universe, 1.1, rand);
  const pages = zipf(Math.max(1, Math.ceil(universe / 20)), 1.1, rand);
  const sector = zipf(SECTORS.length, 1.1, rand);
  const strategy = zipf(STRATEGIES.length, 1.1, rand);
  const sorts = ['score', 'market_cap', 'change_pct', 'pe', 'dividend_yield'];
  const sort = zipf(sorts.length, 1.1, rand);
  const loader = async () => ({ loaded: true });
  const byKind: SimResult['byKind'] = {};
  let hits = 0;
  let requests = 0;
  const end = hours * 3_600_000;
  let nextRefresh = 3_600_000;
  while (clock.t < end) {
    clock.t += (-Math.log(1 - rand()) / rate) * 1000; // Poisson arrivals
    if (clock.t >= nextRefresh) {
      await invalidateAfterDataChange(cache);
      nextRefresh += 3_600_000;
    }
    const u = rand();
    let kind: string;
    let key: string;
    let seconds: number;
    if (u < 0.45) {
      kind = 'detail';
      key = cacheKeys.stockDetail(`T${ticker()}`);
      seconds = ttl.detail;
    } else if (u < 0.7) {
      kind = 'list';
      const filtered = rand() < 0.3;
      key = cacheKeys.stockList({
        page: pages() + 1,
        size: 20,
        sort: sorts[sort()],
        order: 'desc',
        sector: filtered ? SECTORS[sector()] : undefined,
      });
      seconds = ttl.list;
    } else if (u < 0.8) {
      kind = 'top';
      const v = rand();
      key = cacheKeys.top(v < 0.7 ? 10 : v < 0.9 ? 20 : 50);
      seconds = ttl.top;
    } else if (u < 0.9) {
      kind = 'leaderboard';
      key = cacheKeys.leaderboard(rand() < 0.7 ? 5 : 10, rand() < 0.5 ? null : SECTORS[sector()]);
      seconds = ttl.leaderboard;
    } else {
      kind = 'screener';
      key = cacheKeys.screener(STRATEGIES[strategy()].id, rand() < 0.8 ? 25 : 50);
      seconds = ttl.screener;
    }
    const r = await cache.getOrSet(key, seconds, loader);
    byKind[kind] ??= { hits: 0, total: 0 };
    const k = byKind[kind];
    k.total++;
    requests++;
    if (r.outcome === 'HIT') {
      k.hits++;
      hits++;
    }
  }
  await cache.close();
  return { rate, requests, hitRate: hits / requests, byKind };
}

async function hitRateSimulation(): Promise<string[]> {
  const hours = Number(values.hours);
  const universe = Number(values.universe);
  const rows: string[] = [
    `## Hit rate: ${hours} simulated hours, ${universe} tickers, Zipf s = 1.1, hourly refresh invalidating everything`,
    '',
    'Mix: 45 % detail, 25 % list (pages Zipf, 5 sorts, 30 % sector-filtered), 10 % top, 10 % leaderboard, 10 % screener;',
    `TTLs as configured (list/detail 300 s, scores 900 s, rankings 600 s), grace ${benchConfig().cache.grace} s (CACHE_GRACE); Poisson arrivals; cold start counted.`,
    '',
    '| req/s | requests | hit rate | detail | list | top | leaderboard | screener |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const rate of values.rates.split(',').map(Number)) {
    const r = await simulate(rate, hours, universe);
    const pct = (h: number, t: number) => `${((100 * h) / Math.max(1, t)).toFixed(1)} %`;
    const kinds = ['detail', 'list', 'top', 'leaderboard', 'screener'].map((k) =>
      pct(r.byKind[k]?.hits ?? 0, r.byKind[k]?.total ?? 0),
    );
    rows.push(
      `| ${rate} | ${fmt(r.requests)} | ${pct(r.hitRate * r.requests, r.requests)} | ${kinds.join(' | ')} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  return [...rows, ''];
}
