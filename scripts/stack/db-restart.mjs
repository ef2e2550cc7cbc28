#!/usr/bin/env node
// Step 4j of `npm run test:stack`: `docker compose restart db` while a steady load runs on
// several API routes (the fault suite's own load, server/test-support/fault-load.ts). Proves
// that the api and worker containers are not restarted (StartedAt, RestartCount, and the node
// process tsx watch runs inside each), stay healthy throughout, and need no manual step; that
// answers are 200, 503 database_unavailable (with Retry-After) or /health's 503 while the
// database is away, nothing else; and that every route answers 200 within 5 s of the
// database's return. Prints the figures; exits 1 when one of these does not hold.
//
//   node --import tsx scripts/stack/db-restart.mjs      (env: API, ADMIN_TOKEN, and the compose
//                                                        settings of this run's dev project)
import { execFile as execFileCb } from 'node:child_process';
import { setTimeout as pause } from 'node:timers/promises';
import { promisify } from 'node:util';
import { statusCounts, steadyLoad } from '../../server/test-support/fault-load.ts';

const execFile = promisify(execFileCb);
const BACK_WITHIN_MS = 5_000;
/** A request unanswered after this counts as 'no answer' (the API's acquire timeout is 10 s). */
const REQUEST_TIMEOUT_MS = 15_000;
const { API, ADMIN_TOKEN } = process.env;
if (!API) {
  console.error('db-restart: API must be set');
  process.exit(2);
}

// The fault suite's routes (server/src/db/postgres-restart.fault.ts): cached and uncached
// answers, the health document and the admin-only job status.
const ROUTES = [
  { name: '/health', path: () => '/health' },
  { name: '/api/stocks', path: (i) => `/api/stocks?limit=${(i % 100) + 1}` },
  { name: '/api/stocks/:ticker', path: (i) => `/api/stocks/${['AAPL', 'MSFT', 'JNJ', 'XOM'][i % 4]}` },
  { name: '/api/stocks/:ticker/prices', path: () => '/api/stocks/AAPL/prices' },
  { name: '/api/sectors', path: () => '/api/sectors' },
  { name: '/api/stocks/screener/strategies', path: () => '/api/stocks/screener/strategies' },
  { name: '/api/system/jobs', path: () => '/api/system/jobs' },
];

const out = async (cmd, args) => (await execFile(cmd, args, { maxBuffer: 16 << 20 })).stdout.trim();
const containerId = (svc) => out('docker', ['compose', 'ps', '-q', svc]);
/**
 * The server process tsx watch runs in a container (`node ... server/src/main.ts`, not the
 * watcher itself nor a healthcheck's process): tsx watch would start a new one after a crash
 * without the container noticing.
 */
async function serverPid(svc) {
  const ps = await out('docker', ['compose', 'exec', '-T', svc, 'ps', '-eo', 'pid=,args=']);
  const pids = ps
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, ...args]) => /src\/(main|worker)\.ts$/.test(args.at(-1) ?? '') && !args.includes('watch'))
    .map(([pid]) => pid);
  return pids.join(',') || 'none';
}
/** What must not change for a process that was not restarted. */
async function processState(svc, id) {
  const [inspect, pid] = await Promise.all([
    out('docker', ['inspect', '-f', '{{.State.StartedAt}} {{.RestartCount}} {{.State.Health.Status}}', id]),
    serverPid(svc),
  ]);
  const [startedAt, restarts, health] = inspect.split(' ');
  return { startedAt, restarts: Number(restarts), health, nodePid: pid };
}
const health = async (id) => out('docker', ['inspect', '-f', '{{.State.Health.Status}}', id]);
/**
 * Whether PostgreSQL accepts connections right now: pg_isready in the db container, on its TCP
 * port (what the healthcheck runs, without waiting for the healthcheck's next turn).
 */
async function dbAnswers() {
  return execFile('docker', [
    'compose',
    'exec',
    '-T',
    'db',
    'pg_isready',
    '-q',
    '-h',
    '127.0.0.1',
    '-t',
    '1',
  ]).then(
    () => true,
    () => false,
  );
}

const ids = Object.fromEntries(
  await Promise.all(['api', 'worker', 'db'].map(async (s) => [s, await containerId(s)])),
);
const before = {
  api: await processState('api', ids.api),
  worker: await processState('worker', ids.worker),
};
const since = new Date().toISOString();

const load = steadyLoad({
  base: API,
  routes: ROUTES,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  headers: ADMIN_TOKEN ? { authorization: `Bearer ${ADMIN_TOKEN}` } : undefined,
});
// Health of api and worker sampled all along: any status but healthy is recorded.
const notHealthy = [];
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    for (const svc of ['api', 'worker']) {
      const h = await health(ids[svc]).catch((e) => `inspect failed: ${e.message}`);
      if (h !== 'healthy') notHealthy.push(`${svc} ${h}`);
    }
    await pause(500);
  }
})();

await pause(3_000); // steady answers before the fault
const dbStartedBefore = await out('docker', ['inspect', '-f', '{{.State.StartedAt}}', ids.db]);
const restartAt = performance.now();
// When `docker compose restart` returns, the new container has started: a probe sent after
// that which answers means the database is back, even if no probe fell in the (often sub-second)
// window with the database down.
let restartReturnedAt;
const restart = execFile('docker', ['compose', 'restart', 'db']).then((r) => {
  restartReturnedAt = performance.now();
  return r;
});
// The database's way back: first a refused query (it went away), then the first answer on its
// port, and Docker's healthcheck (pg_isready every 2 s) saying healthy.
let wentAway = false;
let backAt;
let healthyAt;
const deadline = restartAt + 120_000;
while (performance.now() < deadline && (backAt === undefined || healthyAt === undefined)) {
  // The database was back by the time a successful probe was sent at the latest: the bound
  // below is measured from the probe's start (the earlier, stricter instant).
  const probeAt = performance.now();
  const answers = await dbAnswers();
  if (!answers) wentAway = true;
  else if (
    backAt === undefined &&
    (wentAway || (restartReturnedAt !== undefined && probeAt >= restartReturnedAt))
  )
    backAt = probeAt;
  if (backAt !== undefined && healthyAt === undefined && (await health(ids.db)) === 'healthy')
    healthyAt = performance.now();
  await pause(100);
}
await restart;
const restartDoneAt = performance.now();
let backMs;
let failure;
try {
  if (backAt === undefined || healthyAt === undefined) throw new Error('the database did not come back');
  backMs = await load.everyRouteOkAfter(backAt, 30_000);
} catch (err) {
  failure = err.message;
}
await pause(2_000); // and it stays so
await load.stop();
sampling = false;
await sampler;

const after = {
  api: await processState('api', ids.api),
  worker: await processState('worker', ids.worker),
};
const logs = await out('docker', ['compose', 'logs', '--no-log-prefix', '--since', since, 'api', 'worker']);
const fatal = logs.split('\n').filter((l) => /uncaughtException|"level":60|FATAL/.test(l));

const { samples } = load;
const counts = statusCounts(samples);
const outage = samples.filter((s) => s.startedAt >= restartAt && s.startedAt <= (backAt ?? restartDoneAt));
const is503db = (s) => s.status === 503 && s.code === 'database_unavailable';
const isHealth503 = (s) => s.status === 503 && s.route === '/health';
const other = samples.filter((s) => s.status !== 200 && !is503db(s) && !isHealth503(s));
const noRetryAfter = samples.filter((s) => is503db(s) && !s.retryAfter);
const maxMs = Math.max(...samples.map((s) => s.ms));
const sec = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

console.log(
  `  requests: ${samples.length} over ${ROUTES.length} routes (4 clients), ${outage.length} sent while the database was away`,
);
console.log(
  `  statuses: 200 ${counts['200'] ?? 0}, 503 database_unavailable ${samples.filter(is503db).length}` +
    ` (all with Retry-After: ${noRetryAfter.length === 0}), /health 503 ${samples.filter(isHealth503).length}, other ${other.length}` +
    `  [${JSON.stringify(counts)}]`,
);
for (const s of other.slice(0, 5))
  console.log(`  other: ${s.route} ${s.status} ${s.code ?? ''} after ${Math.round(s.ms)} ms`);
console.log(`  slowest answer: ${Math.round(maxMs)} ms (request bound ${REQUEST_TIMEOUT_MS} ms)`);
console.log(
  `  docker compose restart db: ${sec(restartDoneAt - restartAt)}; database answering again ${sec(backAt - restartAt)} after the restart began, healthy (pg_isready healthcheck) at ${sec(healthyAt - restartAt)}`,
);
const vsHealthy = backMs !== undefined && healthyAt !== undefined ? backAt + backMs - healthyAt : undefined;
console.log(
  `  every route 200 again: ${sec(backMs)} after the database answered` +
    (vsHealthy === undefined
      ? ''
      : `, ${sec(Math.abs(vsHealthy))} ${vsHealthy < 0 ? 'before' : 'after'} Docker's healthcheck marked it healthy`) +
    `; bound ${sec(BACK_WITHIN_MS)}`,
);
for (const svc of ['api', 'worker']) {
  const b = before[svc];
  const a = after[svc];
  console.log(
    `  ${svc}: started ${b.startedAt} -> ${a.startedAt}, restarts ${b.restarts} -> ${a.restarts}, node pid ${b.nodePid} -> ${a.nodePid}, health ${a.health}`,
  );
}
console.log(
  `  health samples not 'healthy' during the run: ${notHealthy.length ? notHealthy.join(', ') : 'none'}`,
);
console.log(`  fatal log lines (api, worker): ${fatal.length}`);

const dbStartedAfter = await out('docker', ['inspect', '-f', '{{.State.StartedAt}}', ids.db]);
console.log(`  db container: started ${dbStartedBefore} -> ${dbStartedAfter}`);

const problems = [];
if (failure) problems.push(failure);
if (dbStartedAfter === dbStartedBefore) problems.push('the db container was not restarted');
if (backMs !== undefined && backMs >= BACK_WITHIN_MS) problems.push(`routes back after ${backMs} ms`);
if (!outage.some((s) => s.status !== 200))
  problems.push('no request met the outage (did the database go away?)');
if (other.length) problems.push(`${other.length} answers neither 200 nor 503 database_unavailable`);
if (noRetryAfter.length) problems.push(`${noRetryAfter.length} 503s without Retry-After`);
for (const svc of ['api', 'worker']) {
  const b = before[svc];
  const a = after[svc];
  if (a.startedAt !== b.startedAt || a.restarts !== b.restarts) problems.push(`${svc} container restarted`);
  if (a.nodePid !== b.nodePid || a.nodePid === 'none')
    problems.push(`${svc} node process changed (${b.nodePid} -> ${a.nodePid})`);
  if (a.health !== 'healthy') problems.push(`${svc} is ${a.health}`);
}
if (notHealthy.length) problems.push('api or worker left healthy during the run');
if (fatal.length) problems.push(`fatal lines: ${fatal.slice(0, 3).join(' | ')}`);
for (const p of problems) console.log(`  FAIL  ${p}`);
process.exit(problems.length ? 1 : 0);
