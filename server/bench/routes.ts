/**
 * `npm run bench:routes`: every public read route under load, side by side with a bare
 * node:http server answering a fixed small JSON in the same process and run, at the sample
 * universe (147 stocks) and at 5,000 synthetic stocks more (as `npm run seed -- --synthetic
 * 5000`). The app is the real one built by the composition root on a temp SQLite file, with
 * the configured cache (in-process tier; REDIS_ENABLED=false, so the shared Redis is left
 * alone: a hit is answered by the in-process tier with or without Redis). Each route gets a
 * short warm-up (its first request fills the cache, as the first visitor after an ingest
 * would), then autocannon at --connections for --duration seconds. Prints one table:
 * route, requests/s, p99 ms and the ratio to the bare server; the target is every route at
 * 25 % of bare or more. The bare server is loaded just before each route and the ratio is
 * taken to that figure, so that a machine shared with other work compares like with like.
 *
 *   npm run bench:routes -- [--duration 3] [--connections 50] [--synthetic 5000] [--sizes small,large] [--workers 1] [--identity]
 *     [--routes /api/stocks,/api/stocks/top] [--bytes] [--rounds 1] [--log sync|async]
 *
 * `--routes` loads only the routes named (documented paths, comma-separated; an unknown one
 * is an error); `--bytes` adds each answer's size on the wire (and its encoding) to the table;
 * `--rounds N` measures bare then app N times per route and reports the round with the
 * median ratio (steadier on a machine other work loads). Beside requests/s the table gives
 * the CPU time the servers' thread spent per answer, app and bare (Linux), and their ratio:
 * requests/s follow the machine's load, CPU per answer hardly does. `--log sync|async`:
 * the app logs at info (an access line per answer, as in production) to stderr (send it to
 * a pipe: `2> >(cat > /dev/null)`), through pino's synchronous destination or its
 * asynchronous one (lines written while a write is under way go out together in the next);
 * by default it logs nothing. `--same-answer` loads, in each round, a third server: bare
 * node:http sending the route's own answer (its bytes as the app sent them, with their
 * Content-Encoding), and adds its requests/s and the app's ratio to it: what the answer's size
 * costs on this machine (the load is made on the same CPUs), apart from what the app adds.
 *
 * The load is made in autocannon's worker threads (--workers), so the servers' event loop
 * serves requests only. Requests say `Accept-Encoding: gzip, deflate, br` as browsers do
 * (`--identity`: no Accept-Encoding, every body uncompressed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createAppContext } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import { createApp, routeDefs } from '../src/http/app.ts';
import { seedSampleData } from '../src/ingest/seed.ts';
import { createLogger } from '../src/logger.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    synthetic: { type: 'string', default: '5000' },
    sizes: { type: 'string', default: 'small,large' },
    workers: { type: 'string', default: '1' },
    identity: { type: 'boolean', default: false },
    routes: { type: 'string', default: '' },
    bytes: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    log: { type: 'string', default: '' },
    'same-answer': { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
/** Bare-then-app measurements per route; the median ratio's round is reported (a shared machine's load moves). */
const rounds = Math.max(1, Number(values.rounds));
const connections = Number(values.connections);
/** autocannon's own worker threads: the load is made off the servers' event loop (0: on it). */
const workers = Number(values.workers);
const END = '2026-11-27';
const TARGET = 0.25;
const logMode = values.log;
if (logMode && logMode !== 'sync' && logMode !== 'async')
  throw new Error(`--log: sync or async, not ${logMode}`);
/** The routes asked for (documented paths; a comma inside a row's parentheses is part of it); empty: all. */
const only = values.routes ? values.routes.split(/,(?![^(]*\))/).map((r) => r.trim()) : [];
/** What a browser sends: large cached answers then go gzip-compressed (`--identity`: not). */
const BROWSER_ENCODINGS = 'gzip, deflate, br';

/** One request per public read route (documented path → the URL loaded). */
const ROUTES: Record<string, string> = {
  '/api/stocks': '/api/stocks?page=3&size=20',
  '/api/stocks/top': '/api/stocks/top?limit=10',
  '/api/stocks/leaderboard/top': '/api/stocks/leaderboard/top?limit=5',
  '/api/screener/metrics': '/api/screener/metrics',
  '/api/screener/heatmap': '/api/screener/heatmap',
  '/api/stocks/screener/strategies': '/api/stocks/screener/strategies',
  '/api/stocks/screener/strategies/:strategy': '/api/stocks/screener/strategies/piotroski?limit=25',
  '/api/stocks/:ticker': '/api/stocks/AAPL',
  '/api/stocks/:ticker/prices': '/api/stocks/AAPL/prices?range=1y',
  '/api/stocks/:ticker/scores': '/api/stocks/AAPL/scores',
  '/api/sectors': '/api/sectors',
  '/api/backtest/score': '/api/backtest/score',
  '/api/market/status': '/api/market/status',
};
/** More than one URL for a route: the stock page's chart asks for its indicators too. */
const EXTRA: [string, string][] = [
  ['/api/stocks/:ticker/prices (rsi,macd,bb)', '/api/stocks/AAPL/prices?range=1y&indicators=rsi,macd,bb'],
];

interface Row {
  stocks: number;
  route: string;
  rps: number;
  p99: number;
  errors: number;
  /** The bare server's requests/s measured just before this route. */
  bare: number;
  /** CPU µs per answer of the app and of the bare server (see serverThreadCpuMs). */
  cpuUs: number | undefined;
  bareCpuUs: number | undefined;
  /** The answer's body on the wire, and its Content-Encoding. */
  bytes: number;
  encoding: string;
  /** With --same-answer: a bare server sending this route's answer, measured in the same round. */
  same: number | undefined;
}

/**
 * CPU time (ms) the servers' thread (the main one; the load runs in worker threads) has used,
 * from /proc (Linux; undefined elsewhere or with --workers 0). Unlike requests/s it does not
 * move with what else the machine runs: CPU per answer compares app and bare on a busy machine.
 */
function serverThreadCpuMs(): number | undefined {
  if (!workers) return undefined;
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat(5)), in clock ticks of 10 ms (USER_HZ 100).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
  /** The servers' thread's CPU per answer (µs), when it can be read. */
  cpuUs: number | undefined;
}

async function load(url: string): Promise<Load> {
  const cpuBefore = serverThreadCpuMs();
  const r = await autocannon({
    url,
    connections,
    duration,
    headers: values.identity ? {} : { 'accept-encoding': BROWSER_ENCODINGS },
    ...(workers ? { workers } : {}),
  });
  const cpuAfter = serverThreadCpuMs();
  const cpuUs =
    cpuBefore === undefined || cpuAfter === undefined || r.requests.total === 0
      ? undefined
      : ((cpuAfter - cpuBefore) * 1000) / r.requests.total;
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts, cpuUs };
}

/**
 * A bare node:http server: a fixed small JSON body, nothing else (or, for --same-answer, the
 * body and Content-Encoding given).
 */
async function bare(
  body: Buffer = Buffer.from(JSON.stringify({ status: 'ok', at: '2026-11-27T15:00:00.000Z' })),
  encoding = 'identity',
): Promise<{ url: string; close: () => Promise<void> }> {
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
  };
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => server.close(() => r(undefined))),
  };
}

/** An answer's body as sent (fetch would decompress it) and its encoding. */
function onTheWire(url: string): Promise<{ body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = values.identity ? {} : { 'accept-encoding': BROWSER_ENCODINGS };
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            body: Buffer.concat(chunks),
            encoding: String(res.headers['content-encoding'] ?? 'identity'),
          }),
        );
      })
      .on('error', reject);
  });
}

async function universe(synthetic: number, bareUrl: string): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-bench-routes-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      REDIS_ENABLED: 'false',
      DATABASE_URL: `sqlite:${dir}/bench.db`,
      METRICS_PORT: '0',
    });
    const ctx = await createAppContext(config, {
      name: 'bench',
      sentry: null,
      logger: logMode
        ? createLogger({
            level: 'info',
            name: 'api',
            format: 'json',
            destination: pino.destination({
              dest: 2,
              sync: logMode === 'sync',
            }),
          })
        : createLogger({ level: 'silent' }),
    });
    try {
      await migrateLatest(ctx.db);
      const t0 = performance.now();
      const seeded = await seedSampleData(
        { db: ctx.db, ingest: ctx.services.ingest, clock: ctx.clock },
        { seed: 'bench', endDate: END, synthetic, historyPoints: 8 },
      );
      if (seeded.status !== 'seeded') throw new Error(`seed skipped: ${seeded.reason}`);
      console.log(`seeded ${seeded.stocks} stocks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await ctx.services.stocks.warm();

      const documented = routeDefs(ctx)
        .filter((d) => d.method === 'get' && !d.admin && d.path.startsWith('/api/'))
        .map((d) => d.path);
      const missing = documented.filter((p) => !(p in ROUTES));
      if (missing.length) throw new Error(`no URL to load for ${missing.join(', ')}: add it to ROUTES`);

      const app = createApp(ctx, { serveClient: false });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const rows: Row[] = [];
      const all = [...documented.map((p) => [p, ROUTES[p]] as [string, string]), ...EXTRA];
      const unknown = only.filter((r) => !all.some(([route]) => route === r));
      if (unknown.length) throw new Error(`--routes: no such route ${unknown.join(', ')}`);
      for (const [route, url] of all.filter(([r]) => only.length === 0 || only.includes(r))) {
        const first = await fetch(base + url);
        if (first.status !== 200) throw new Error(`${url}: HTTP ${first.status}`);
        await first.arrayBuffer();
        await autocannon({
          url: base + url,
          connections,
          duration: 0.5,
          headers: values.identity ? {} : { 'accept-encoding': BROWSER_ENCODINGS },
        }); // warm-up: JIT, and the encodings the load will get
        // After the warm-up: a body's Brotli bytes are made on the first request that asks for them.
        const wire = await onTheWire(base + url);
        const sameServer = values['same-answer'] ? await bare(wire.body, wire.encoding) : undefined;
        // Bare (then bare with the same answer) then app, --rounds times; the round with the
        // median ratio is reported.
        const samples: { r: Load; bareLoad: Load; same: number | undefined }[] = [];
        for (let round = 0; round < rounds; round++) {
          const bareLoad = await load(bareUrl);
          const same = sameServer ? (await load(sameServer.url)).rps : undefined;
          samples.push({ bareLoad, same, r: await load(base + url) });
        }
        await sameServer?.close();
        samples.sort((a, b) => a.r.rps / a.bareLoad.rps - b.r.rps / b.bareLoad.rps);
        const { r, bareLoad, same } = samples[Math.floor((samples.length - 1) / 2)];
        const reference = bareLoad.rps;
        const errors = samples.reduce((n, x) => n + x.r.errors, 0);
        rows.push({
          stocks: seeded.stocks,
          route,
          ...r,
          errors,
          bare: reference,
          bareCpuUs: bareLoad.cpuUs,
          bytes: wire.body.length,
          encoding: wire.encoding,
          same,
        });
        console.log(
          `  ${route}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms (bare ${reference.toFixed(0)} req/s)`,
        );
      }
      await new Promise((r) => server.close(r));
      return rows;
    } finally {
      await ctx.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bareServer = await bare();
await autocannon({ url: bareServer.url, connections, duration: 1 }); // warm-up
const sizes = values.sizes.split(',');
const rows: Row[] = [];
if (sizes.includes('small')) rows.push(...(await universe(0, bareServer.url)));
if (sizes.includes('large')) rows.push(...(await universe(Number(values.synthetic), bareServer.url)));
await bareServer.close();

console.log(
  `\n${connections} connections (${workers || 'no'} load worker thread(s)), ${duration} s per route` +
    `${rounds > 1 ? ` (the median ratio of ${rounds} rounds)` : ''}, ` +
    `node ${process.version}, SQLite, in-process cache, ${logMode ? `access log at info (${logMode})` : 'no log'}, ${values.identity ? 'no Accept-Encoding' : `Accept-Encoding: ${BROWSER_ENCODINGS}`}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} CPUs`,
);
console.log(
  `| stocks | route | req/s | p99 ms | bare req/s (just before) | vs bare | CPU µs/answer (bare) | vs bare, CPU |${values.bytes ? ' bytes (encoding) |' : ''}${values['same-answer'] ? ' bare, same answer: req/s | vs that |' : ''}\n` +
    `|---|---|---|---|---|---|---|---|${values.bytes ? '---|' : ''}${values['same-answer'] ? '---|---|' : ''}`,
);
const cpu = (us: number | undefined) => (us === undefined ? '-' : us.toFixed(0));
let failed = 0;
for (const r of rows) {
  const ratio = r.rps / r.bare;
  if (ratio < TARGET || r.errors > 0) failed++;
  console.log(
    `| ${r.stocks} | ${r.route} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.bare.toFixed(0)} | ${(ratio * 100).toFixed(0)} %${r.errors ? ` (${r.errors} errors)` : ''} |` +
      ` ${cpu(r.cpuUs)} (${cpu(r.bareCpuUs)}) | ${r.cpuUs && r.bareCpuUs ? `${((r.bareCpuUs / r.cpuUs) * 100).toFixed(0)} %` : '-'} |` +
      (values.bytes ? ` ${r.bytes} (${r.encoding}) |` : '') +
      (r.same === undefined ? '' : ` ${r.same.toFixed(0)} | ${((r.rps / r.same) * 100).toFixed(0)} % |`),
  );
}
console.log(
  `\ntarget: every public read route at ${TARGET * 100} % of the bare server or more: ${failed ? `NOT met (${failed} below)` : 'met'}`,
);
if (failed) process.exitCode = 1;
