/**
 * `npm run bench:soak`: sustained load. The API (`src/main.ts`, a child process, in-process
 * cache, SQLite with the sample universe, production logging) gets requests at a fixed rate
 * for N minutes over a mix of public routes: list pages, details, the screener, sectors,
 * prices, health. Every minute: requests, p50 and p99 latency, answers other than 200, and the
 * API's own memory from its `GET /metrics` (prom-client, scraped every 2 s): resident set
 * size, and the heap's low point of the minute (what is live after its collections). It
 * prints a table, the status counts, and whether the memory at the end is within 10 % of the
 * memory after the warm-up: a reported target, not an assertion.
 *
 *   npm run bench:soak -- [--minutes 10] [--rate 50] [--warmup 90]
 *
 * The warm-up is 90 s: with 30 s the caches and the column table were still filling and the
 * first minute's heap sat 20 % above the rest, so a flat process read as shrinking.
 *
 * Requests go to loopback only; the run stops by itself after the warm-up and the minutes.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SECTORS } from '../src/market/types.ts';
import { STRATEGIES } from '../src/scoring/strategies.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '90' },
  },
});
const MINUTES = Number(values.minutes);
const RATE = Number(values.rate);
const WARMUP_S = Number(values.warmup);
for (const [name, v] of [
  ['--minutes', MINUTES],
  ['--rate', RATE],
  ['--warmup', WARMUP_S],
] as const) {
  if (!Number.isFinite(v) || v < 0 || (name !== '--warmup' && v === 0)) {
    console.error(`bench:soak: ${name} must be a positive number`);
    process.exit(2);
  }
}
/** Requests in flight beyond this are not sent (counted as skipped: the API fell behind). */
const MAX_IN_FLIGHT = 256;
const REQUEST_TIMEOUT_MS = 30_000;
const SCRAPE_MS = 2_000;
const SERVER_DIR = path.join(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A small seeded generator (mulberry32): the same mix of requests on every run. */
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

const TICKERS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'JPM', 'XOM', 'JNJ', 'PG', 'KO', 'WMT'];
const SORTS = ['score', 'pe', 'market_cap', 'change_pct', 'name'];
const RANGES = ['1m', '3m', '6m', '1y', 'max'];

/** The mix: weight, name, and a path for a random draw. Details and list pages most, as people browse. */
const MIX: Array<[number, string, (r: () => number) => string]> = [
  [25, 'detail', (r) => `/api/stocks/${TICKERS[Math.floor(r() ** 2 * TICKERS.length)]}`],
  [
    20,
    'list',
    (r) =>
      `/api/stocks?page=${1 + Math.floor(r() * 5)}&limit=${[20, 50][Math.floor(r() * 2)]}&sort=${SORTS[Math.floor(r() * SORTS.length)]}`,
  ],
  [
    5,
    'list by sector',
    (r) => `/api/stocks?sector=${encodeURIComponent(SECTORS[Math.floor(r() * SECTORS.length)])}`,
  ],
  [8, 'top', (r) => `/api/stocks/top?limit=${[5, 10, 25][Math.floor(r() * 3)]}`],
  [
    7,
    'leaderboard',
    (r) =>
      `/api/stocks/leaderboard/top?limit=5&sector=${encodeURIComponent(SECTORS[Math.floor(r() * SECTORS.length)])}`,
  ],
  [4, 'screener', () => '/api/stocks/screener/strategies'],
  [
    8,
    'screener matches',
    (r) => `/api/stocks/screener/strategies/${STRATEGIES[Math.floor(r() * STRATEGIES.length)].id}?limit=25`,
  ],
  [6, 'sectors', () => '/api/sectors'],
  [
    10,
    'prices',
    (r) =>
      `/api/stocks/${TICKERS[Math.floor(r() * TICKERS.length)]}/prices?range=${RANGES[Math.floor(r() * RANGES.length)]}`,
  ],
  [4, 'score history', (r) => `/api/stocks/${TICKERS[Math.floor(r() * TICKERS.length)]}/scores`],
  [3, 'health', () => '/health'],
];
const TOTAL_WEIGHT = MIX.reduce((t, [w]) => t + w, 0);

function pick(r: () => number): string {
  let x = r() * TOTAL_WEIGHT;
  for (const [w, , make] of MIX) {
    x -= w;
    if (x < 0) return make(r);
  }
  return MIX[0][2](r);
}

// ---------- the API child ----------

const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-soak-'));
const apiPort = await freePort();
const metricsPort = await freePort();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `sqlite:${path.join(dir, 'soak.db')}`,
  API_HOST: '127.0.0.1',
  API_PORT: String(apiPort),
  REDIS_ENABLED: 'false',
  RATE_LIMIT_PER_MINUTE: '0', // one client at a fixed rate: the limiter is not what is measured
  METRICS_HOST: '127.0.0.1',
  METRICS_PORT: String(metricsPort),
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  SENTRY_DSN: '',
  FMP_API_KEY: '',
};
let child: ChildProcess | undefined;
let childOut = '';

async function stopChild(): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const ended = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  const killer = setTimeout(() => c.kill('SIGKILL'), 15_000);
  await ended;
  clearTimeout(killer);
}

async function cleanUp(): Promise<void> {
  await stopChild();
  rmSync(dir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

const setup = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/setup.ts'], {
  cwd: SERVER_DIR,
  env,
  encoding: 'utf8',
  timeout: 300_000,
});
if (setup.status !== 0) {
  console.error(`bench:soak: setup failed: ${setup.stderr || setup.stdout}`);
  await cleanUp();
  process.exit(1);
}
child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: SERVER_DIR, env, stdio: 'pipe' });
child.stdout?.on('data', (d) => {
  childOut = (childOut + d).slice(-20_000);
});
child.stderr?.on('data', (d) => {
  childOut = (childOut + d).slice(-20_000);
});
let childExit: string | undefined;
child.once('exit', (code, signal) => {
  childExit = `exit ${code ?? signal}`;
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One GET: its status (0 when unanswered) and time in ms. */
function get(port: number, route: string): Promise<{ status: number; ms: number; body: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: route, agent, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          if (port === metricsPort) body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body }));
        res.on('error', () => resolve({ status: 0, ms: performance.now() - t0, body: '' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0, body: '' }));
  });
}

// Up when /livez answers.
const upBy = performance.now() + 120_000;
while ((await get(apiPort, '/livez')).status !== 200) {
  if (childExit || performance.now() > upBy) {
    console.error(`bench:soak: the API did not start (${childExit ?? 'timed out'}):\n${childOut}`);
    await cleanUp();
    process.exit(1);
  }
  await pause(200);
}

// ---------- memory from the API's /metrics ----------

interface Memory {
  rss: number;
  heap: number;
}
/** A sample's value from Prometheus text, e.g. `vibeapp_nodejs_heap_size_used_bytes{process="api"} 123`. */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}
async function memory(): Promise<Memory | undefined> {
  const res = await get(metricsPort, '/metrics');
  if (res.status !== 200) return undefined;
  return {
    rss: metric(res.body, 'vibeapp_process_resident_memory_bytes'),
    heap: metric(res.body, 'vibeapp_nodejs_heap_size_used_bytes'),
  };
}

// ---------- the load ----------

interface Minute {
  latencies: number[];
  statuses: Record<string, number>;
  skipped: number;
  memory: Memory[];
}
const newMinute = (): Minute => ({ latencies: [], statuses: {}, skipped: 0, memory: [] });
const warmup = newMinute();
const minutes: Minute[] = [];
const statuses: Record<string, number> = {};
let inFlight = 0;
let sent = 0;
const rng = random(20_261_127);

const start = performance.now();
const warmEnd = start + WARMUP_S * 1000;
const end = warmEnd + MINUTES * 60_000;
const bucket = (t: number): Minute => {
  if (t < warmEnd) return warmup;
  const i = Math.min(MINUTES - 1, Math.floor((t - warmEnd) / 60_000));
  while (minutes.length <= i) minutes.push(newMinute());
  return minutes[i];
};

const scraper = (async () => {
  while (performance.now() < end && !childExit) {
    const at = performance.now();
    const m = await memory();
    if (m) bucket(at).memory.push(m);
    await pause(SCRAPE_MS);
  }
})();

const intervalMs = 1000 / RATE;
let lastReport = start;
console.log(
  `soak: ${RATE} requests/s for ${WARMUP_S} s of warm-up and ${MINUTES} min, API pid ${child.pid} on 127.0.0.1:${apiPort}`,
);
for (let n = 0; ; n++) {
  // Open loop: request n is due at start + n / rate, whatever the answers before it did.
  const due = start + n * intervalMs;
  if (due >= end || childExit) break;
  const wait = due - performance.now();
  if (wait > 1) await pause(wait);
  const m = bucket(due);
  if (inFlight >= MAX_IN_FLIGHT) {
    m.skipped++;
    continue;
  }
  inFlight++;
  sent++;
  void get(apiPort, pick(rng)).then(({ status, ms }) => {
    inFlight--;
    const key = status === 0 ? 'no answer' : String(status);
    m.statuses[key] = (m.statuses[key] ?? 0) + 1;
    m.latencies.push(ms);
    if (m !== warmup) statuses[key] = (statuses[key] ?? 0) + 1;
  });
  if (performance.now() - lastReport > 60_000) {
    lastReport = performance.now();
    console.log(`  ${Math.round((lastReport - start) / 1000)} s: ${sent} sent`);
  }
}
const drainBy = performance.now() + REQUEST_TIMEOUT_MS + 1000;
while (inFlight > 0 && performance.now() < drainBy) await pause(50);
await scraper;
const endMemory = await memory();
/** Set when the API ended during the run (by itself: a crash). */
const endedEarly = childExit;
await cleanUp();
agent.destroy();

// ---------- the report ----------

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const mb = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : (n / 1024 / 1024).toFixed(1);
const low = (xs: Memory[], k: keyof Memory) => (xs.length ? Math.min(...xs.map((x) => x[k])) : Number.NaN);
const last = (xs: Memory[], k: keyof Memory) => (xs.length ? xs[xs.length - 1][k] : Number.NaN);

console.log(
  `\nAPI child (in-process cache, SQLite, sample universe), node ${process.version}, ${os.cpus().length} cores; ` +
    `${RATE} requests/s; memory from its /metrics every ${SCRAPE_MS / 1000} s (heap: the minute's low point; RSS: the minute's last sample)`,
);
console.log('| minute | requests | p50 ms | p99 ms | not 200 | skipped | RSS MB | heap MB |');
console.log('|---|---|---|---|---|---|---|---|');
const row = (label: string, m: Minute) => {
  const not200 = Object.entries(m.statuses)
    .filter(([k]) => k !== '200')
    .reduce((t, [, v]) => t + v, 0);
  console.log(
    `| ${label} | ${m.latencies.length} | ${quantile(m.latencies, 0.5).toFixed(1)} | ${quantile(m.latencies, 0.99).toFixed(1)} | ` +
      `${not200} | ${m.skipped} | ${mb(last(m.memory, 'rss'))} | ${mb(low(m.memory, 'heap'))} |`,
  );
};
row('warm-up', warmup);
minutes.forEach((m, i) => {
  row(String(i + 1), m);
});

console.log(
  `\nstatus counts after the warm-up: ${JSON.stringify(statuses)}${endedEarly ? `; the API ended during the run: ${endedEarly}` : ''}`,
);
const first = minutes[0];
const final = minutes[minutes.length - 1];
if (first && final && first !== final) {
  for (const [label, k, measure] of [
    ['RSS', 'rss', last],
    ['heap', 'heap', low],
  ] as const) {
    const a = measure(first.memory, k);
    const b = measure(final.memory, k);
    const change = (b - a) / a;
    console.log(
      `${label}: ${mb(a)} MB in minute 1, ${mb(b)} MB in minute ${minutes.length} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %): ` +
        `${Math.abs(change) <= 0.1 ? 'within' : 'NOT within'} 10 %`,
    );
  }
} else {
  console.log('start vs end: needs at least 2 minutes');
}
if (endMemory) console.log(`at the end: RSS ${mb(endMemory.rss)} MB, heap ${mb(endMemory.heap)} MB`);
// The 10 % is a target to read; an API that died is a failure.
if (endedEarly) process.exitCode = 1;
