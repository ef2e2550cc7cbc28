/**
 * `npm run bench:api`: latency and throughput of the main routes, without any cache, on
 * SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL points at a server) PostgreSQL,
 * with the 110-stock sample universe and a 5,000-stock synthetic one. Also times a full
 * score recompute. Loopback only; each run is bounded by --duration.
 *
 *   npm run bench:api -- [--duration 5] [--connections 10] [--requests 300] [--sizes 147,5000] [--dbs sqlite,postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createAppContext } from '../src/app-context.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig, parseDatabaseUrl } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { SAMPLE_UNIVERSE } from '../src/market/sample/universe.ts';
import { recomputeScores } from '../src/scoring-runs/recompute.ts';
import { seed } from '../test-support/seed.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    sizes: { type: 'string', default: `${SAMPLE_UNIVERSE.length},5000` },
    dbs: { type: 'string', default: 'sqlite,postgres' },
    requests: { type: 'string', default: '300' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const END = '2026-11-27';
const pgAdmin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const ROUTES = [
  ['list', '/api/stocks?page=3&size=20'],
  ['list filtered', '/api/stocks?sector=Financials&sort=pe&order=asc&min_score=20'],
  ['detail', '/api/stocks/AAPL'],
  ['top', '/api/stocks/top?limit=10'],
  ['leaderboard', '/api/stocks/leaderboard/top?limit=5'],
  ['screener', '/api/stocks/screener/strategies/piotroski?limit=25'],
  ['prices 1y', '/api/stocks/AAPL/prices?range=1y'],
] as const;

async function database(kind: string) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-bench-'));
    const db = createDb(parseDatabaseUrl(`sqlite:${dir}/bench.db`));
    return {
      db,
      dispose: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = createDb(parseDatabaseUrl(pgAdmin!), { poolMax: 1 });
  const name = `vibeapp_bench_${process.pid}`;
  await admin.raw(`drop database if exists "${name}" with (force)`);
  await admin.raw(`create database "${name}"`);
  const url = new URL(pgAdmin!);
  url.pathname = `/${name}`;
  const db = createDb(parseDatabaseUrl(url.toString()));
  return {
    db,
    dispose: async () => {
      await db.destroy();
      await admin.raw(`drop database if exists "${name}" with (force)`);
      await admin.destroy();
    },
  };
}

/** Unloaded latency: sequential keep-alive requests, timed with hrtime (ms, fractional). */
async function sequentialLatency(url: string, n: number): Promise<{ p50: number; p99: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
        })
        .on('error', reject);
    });
  for (let i = 0; i < 20; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n * 0.5)], p99: times[Math.min(n - 1, Math.floor(n * 0.99))] };
}

const rows: string[][] = [];
for (const kind of values.dbs.split(',')) {
  if (kind === 'postgres' && !pgAdmin) {
    console.log('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    continue;
  }
  for (const size of values.sizes.split(',').map(Number)) {
    const { db, dispose } = await database(kind);
    try {
      await migrateLatest(db);
      const synthetic = Math.max(0, size - SAMPLE_UNIVERSE.length);
      const t0 = performance.now();
      await seed(db, { seed: 'bench', endDate: END, synthetic, historyPoints: 0 });
      const seedS = (performance.now() - t0) / 1000;
      const rc = await recomputeScores(db, systemClock.now());
      console.log(
        `${kind} ${rc.count} stocks: seed ${seedS.toFixed(1)} s; recompute scores: load ${rc.timings.loadMs.toFixed(0)} ms, ` +
          `compute ${rc.timings.computeMs.toFixed(0)} ms, write ${rc.timings.writeMs.toFixed(0)} ms`,
      );
      const ctx = await createAppContext(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0' }), {
        db,
        logger: createLogger({ level: 'silent' }),
        sentry: null,
      });
      const app = createApp(ctx);
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const [name, route] of ROUTES) {
        const lat = await sequentialLatency(base + route, Number(values.requests));
        const r = await autocannon({ url: base + route, connections, duration });
        if (r.non2xx > 0 || r.errors > 0) console.log(`  ${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        rows.push([
          kind,
          String(rc.count),
          name,
          lat.p50.toFixed(2),
          lat.p99.toFixed(2),
          r.requests.average.toFixed(0),
          r.latency.p50.toFixed(0),
        ]);
        console.log(`  ${rows[rows.length - 1].slice(2).join('  ')}`);
      }
      await new Promise((r) => server.close(r));
      await ctx.close();
    } finally {
      await dispose();
    }
  }
}

console.log(
  `\nno cache, loopback, node ${process.version}: p50/p99 from ${values.requests} sequential requests; ` +
    `req/s and loaded p50 from autocannon with ${connections} connections, ${duration} s per route`,
);
console.log(
  '| db | stocks | route | p50 ms | p99 ms | req/s | loaded p50 ms |\n|---|---|---|---|---|---|---|',
);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
