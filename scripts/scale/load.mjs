#!/usr/bin/env node
// Load for `npm run test:scale`: GET requests against the proxy over several routes, at a steady
// rate from a few concurrent loops, until SIGTERM / SIGINT (or --seconds). Every answer (status,
// or the error when none came) is written with its start time and duration to --log as one JSON
// line; at the end one JSON line of figures goes to stdout: requests, failures (anything but a
// 2xx, and errors), seconds, statuses, errors, and the first and last failure.
//
//   node scripts/scale/load.mjs --url http://127.0.0.1:8080 [--rate 40] [--concurrency 6]
//        [--seconds 20] [--log FILE]
//
// Node's own fetch (undici) with keep-alive, like a browser behind one address.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

const ROUTES = [
  '/api/stocks?limit=20',
  '/api/stocks/MSFT',
  '/api/stocks/top',
  '/api/sectors',
  '/api/market/status',
];

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    rate: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '0' },
    log: { type: 'string' },
    timeout: { type: 'string', default: '10' },
  },
});
const positive = (name, raw) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`load: --${name} must be a number >= 0, got "${raw}"\n`);
    process.exit(2);
  }
  return n;
};
if (!values.url || !/^https?:\/\//.test(values.url)) {
  process.stderr.write('load: --url http://host:port is needed\n');
  process.exit(2);
}
const base = values.url.replace(/\/$/, '');
const rate = positive('rate', values.rate) || 40;
const concurrency = Math.max(1, Math.floor(positive('concurrency', values.concurrency)));
const seconds = positive('seconds', values.seconds);
const timeoutMs = positive('timeout', values.timeout) * 1000;
const log = values.log ? createWriteStream(values.log) : undefined;

const started = Date.now();
const figures = { requests: 0, failures: 0, statuses: {}, errors: {}, firstFailure: null, lastFailure: null };
let stopping = false;
let next = 0;

function record(entry) {
  figures.requests++;
  const failed = entry.error !== undefined || entry.status < 200 || entry.status > 299;
  if (entry.status !== undefined) figures.statuses[entry.status] = (figures.statuses[entry.status] ?? 0) + 1;
  if (entry.error !== undefined) figures.errors[entry.error] = (figures.errors[entry.error] ?? 0) + 1;
  if (failed) {
    figures.failures++;
    const at = `${entry.at} ${entry.route} ${entry.status ?? entry.error}`;
    figures.firstFailure ??= at;
    figures.lastFailure = at;
  }
  log?.write(`${JSON.stringify(entry)}\n`);
}

async function once() {
  const route = ROUTES[next++ % ROUTES.length];
  const t0 = performance.now();
  const at = new Date().toISOString();
  try {
    const res = await fetch(base + route, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    record({ at, route, status: res.status, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    const cause = err?.cause?.code ?? err?.cause?.message ?? err?.name ?? String(err);
    record({ at, route, error: String(cause), ms: Math.round(performance.now() - t0) });
  }
}

// Each loop keeps its share of the rate: one request, then the rest of its interval.
async function loop() {
  const interval = (concurrency / rate) * 1000;
  while (!stopping) {
    const t0 = performance.now();
    await once();
    const wait = interval - (performance.now() - t0);
    if (wait > 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

const stop = () => {
  stopping = true;
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (seconds > 0) setTimeout(stop, seconds * 1000).unref();

await Promise.all(Array.from({ length: concurrency }, loop));
await new Promise((resolve) => (log ? log.end(resolve) : resolve()));
const secs = (Date.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ ...figures, seconds: Math.round(secs * 10) / 10, rps: Math.round(figures.requests / secs) })}\n`,
);
// Keep-alive sockets to the proxy would hold the process open.
process.exit(0);
