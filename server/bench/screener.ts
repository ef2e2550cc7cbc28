/**
 * `npm run bench:screener`: how fast GET /api/stocks screens 5,000 stocks. Seeds the sample
 * universe and 5,000 synthetic stocks (as `npm run seed -- --synthetic 5000`) into a temp
 * SQLite file, starts the real app built by the composition root with a cache that never
 * keeps anything (every request is answered uncached), and sends random screens of 1 to 8
 * filters (bounds on any metric at values the stocks hold, sector / exchange / size lists),
 * with a random sort, order and column view, one after another over a keep-alive
 * connection. Prints the latency percentiles against the target: p50 under 10 ms.
 *
 *   npm run bench:screener -- [--requests 2000] [--synthetic 5000] [--seed 1] [--db FILE]
 *
 * `--db FILE` keeps the seeded SQLite file at FILE (and reuses it when it already holds stocks),
 * to repeat a run without seeding again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CAP_KEYS, EXCHANGES, NUMERIC_KEYS, PRESETS, SORT_KEYS } from '../src/api/catalog.ts';
import { createAppContext } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { seedSampleData } from '../src/ingest/seed.ts';
import { createLogger } from '../src/logger.ts';
import { SECTORS } from '../src/market/types.ts';
import { noCache } from '../test-support/cache.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    synthetic: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const TARGET_P50_MS = 10;
const END = '2026-11-27';

/** mulberry32: a small seeded generator, so a run's screens can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(Number(values.seed));
const pickOne = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const pickSome = <T>(list: readonly T[], n: number): T[] => [...list].sort(() => rand() - 0.5).slice(0, n);

const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-bench-screener-'));
try {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_URL: `sqlite:${values.db ? path.resolve(values.db) : `${dir}/bench.db`}`,
    METRICS_PORT: '0',
  });
  const ctx = await createAppContext(config, {
    name: 'bench',
    sentry: null,
    logger: createLogger({ level: 'silent' }),
    cache: noCache,
  });
  await migrateLatest(ctx.db);
  let t0 = performance.now();
  const held = Number((await ctx.db('stocks').count({ n: '*' }))[0].n);
  let stocks = held;
  if (held === 0) {
    const seeded = await seedSampleData(
      { db: ctx.db, ingest: ctx.services.ingest, clock: ctx.clock },
      { seed: 'bench', endDate: END, synthetic: Number(values.synthetic), historyPoints: 0 },
    );
    if (seeded.status !== 'seeded') throw new Error(`seed skipped: ${seeded.reason}`);
    stocks = seeded.stocks;
    console.log(`seeded ${stocks} stocks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else console.log(`${values.db} holds ${held} stocks: not seeded again`);
  t0 = performance.now();
  await ctx.services.stocks.warm();
  console.log(`column table built in ${(performance.now() - t0).toFixed(0)} ms`);

  const app = createApp(ctx, { serveClient: false });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string) =>
    new Promise<{ ms: number; status: number; total: number }>((resolve, reject) => {
      const t = process.hrtime.bigint();
      http
        .get(base + url, { agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - t) / 1e6;
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve({ ms, status: res.statusCode ?? 0, total: body.total ?? -1 });
          });
        })
        .on('error', reject);
    });

  // The catalog's ranges: bounds are drawn between each metric's smallest and largest value.
  const catalog = (await (await fetch(`${base}/api/screener/metrics`)).json()) as {
    metrics: { key: string; stats: { min: number | null; max: number | null } | null }[];
  };
  const ranges = new Map(catalog.metrics.map((m) => [m.key, m.stats]));

  /** A bound as a query value ("+" in an exponent would read as a space). */
  const num = (v: number) => encodeURIComponent(v.toPrecision(6));

  /** One random screen: 1 to 8 filters, a sort, an order, a column view. */
  function screenUrl(): { url: string; filters: number } {
    const filters = 1 + Math.floor(rand() * 8);
    const params: string[] = [];
    let lists = 0;
    for (const key of pickSome(NUMERIC_KEYS, filters)) {
      // Now and then a list filter instead of a bound.
      if (rand() < 0.15 && lists < 3) {
        const kind = ['sector', 'exchange', 'cap'][lists++];
        if (kind === 'sector')
          params.push(
            `sector=${encodeURIComponent(pickSome(SECTORS, 1 + Math.floor(rand() * 3)).join(','))}`,
          );
        else if (kind === 'exchange') params.push(`exchange=${pickOne(EXCHANGES)}`);
        else params.push(`cap=${pickSome(CAP_KEYS, 1 + Math.floor(rand() * 3)).join(',')}`);
        continue;
      }
      const r = ranges.get(key);
      if (!r || r.min === null || r.max === null) continue;
      // A bound in the lower or upper half of the range, so that most screens match some stocks.
      const at = r.min + (r.max - r.min) * (0.5 * rand() ** 2);
      const side = rand();
      if (side < 0.45) params.push(`${key}_min=${num(at)}`);
      else if (side < 0.9) params.push(`${key}_max=${num(r.max - (at - r.min))}`);
      else params.push(`${key}_min=${num(at)}`, `${key}_max=${num(r.max - (at - r.min))}`);
    }
    params.push(`sort=${pickOne(SORT_KEYS)}`, `order=${rand() < 0.5 ? 'asc' : 'desc'}`);
    const view = pickOne([null, ...PRESETS]);
    if (view) params.push(`columns=${view.columns.join(',')}`);
    params.push(`limit=${pickOne([20, 50, 100])}`);
    return { url: `/api/stocks?${params.join('&')}`, filters };
  }

  for (let i = 0; i < 200; i++) await get(screenUrl().url); // warm-up: JIT, sort orders
  // The floor: the same app's cheapest route (no database, no body to speak of).
  const floor: number[] = [];
  for (let i = 0; i < 300; i++) floor.push((await get('/livez')).ms);
  const times: number[] = [];
  const byFilters = new Map<number, number[]>();
  let matched = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const { url, filters } = screenUrl();
    const r = await get(url);
    if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
    if (r.total > 0) matched++;
    times.push(r.ms);
    byFilters.set(filters, [...(byFilters.get(filters) ?? []), r.ms]);
  }
  agent.destroy();
  await new Promise((r) => server.close(r));
  await ctx.close();

  const pct = (list: number[], p: number) => {
    const s = [...list].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(s.length * p))];
  };
  const p50 = pct(times, 0.5);
  console.log(
    `\nGET /api/stocks, ${stocks} stocks, ${REQUESTS} random screens of 1-8 filters, uncached, ` +
      `sequential over one keep-alive connection, node ${process.version} ` +
      `(${matched} of them matched at least one stock)`,
  );
  console.log('| filters | requests | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|');
  for (const n of [...byFilters.keys()].sort((a, b) => a - b)) {
    const list = byFilters.get(n) as number[];
    console.log(
      `| ${n} | ${list.length} | ${pct(list, 0.5).toFixed(2)} | ${pct(list, 0.95).toFixed(2)} | ${pct(list, 0.99).toFixed(2)} |`,
    );
  }
  console.log(
    `| all | ${times.length} | ${p50.toFixed(2)} | ${pct(times, 0.95).toFixed(2)} | ${pct(times, 0.99).toFixed(2)} |`,
  );
  console.log(
    `| (GET /livez, the app's floor) | ${floor.length} | ${pct(floor, 0.5).toFixed(2)} | ${pct(floor, 0.95).toFixed(2)} | ${pct(floor, 0.99).toFixed(2)} |`,
  );
  console.log(
    `\ntarget: p50 under ${TARGET_P50_MS} ms: ${p50 < TARGET_P50_MS ? 'met' : 'NOT met'} (p50 ${p50.toFixed(2)} ms)`,
  );
  if (p50 >= TARGET_P50_MS) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
