/**
 * Fault: PostgreSQL restarted, then stopped for ~3 s, under steady requests, with the real
 * API and worker processes on a private server (test-support/postgres.ts; the shared one is
 * never touched). Survived means: no process exits; while the database is away every answer
 * is a 200 (from the cache) or a 503 `database_unavailable` with Retry-After (the health
 * route: its documented 503 `unhealthy` document), never a 500, none slower than the bound;
 * every route answers 200 within 5 s of the database's return; each process logs the outage
 * once at warn and no error; the worker still runs a job afterwards. The figures are printed
 * for the report. `npm run test:faults`.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { expect } from 'chai';
import {
  AppProcess,
  freePort,
  type LoadRoute,
  runCli,
  statusCounts,
  steadyLoad,
} from '../../test-support/fault-load.ts';
import { PrivatePostgres, privatePostgresUnavailable } from '../../test-support/postgres.ts';

const ACQUIRE_TIMEOUT_MS = 2_000;
const STATEMENT_TIMEOUT_MS = 3_000;
/** No request may take longer: the configured bounds plus slack for a loaded machine. */
const BOUND_MS = ACQUIRE_TIMEOUT_MS + STATEMENT_TIMEOUT_MS;
/** Every route answers 200 within this of the database's return. */
const BACK_WITHIN_MS = 5_000;

/** The API's admin token here: /api/system/jobs is among the routes under load. */
const FAULT_ADMIN_TOKEN = 'fault-admin-token-0123456789';

/** Routes under load; the list pages vary so some answers come from the cache and some from the database. */
const ROUTES: LoadRoute[] = [
  { name: '/health', path: () => '/health' },
  { name: '/api/stocks', path: (i) => `/api/stocks?limit=${(i % 100) + 1}` },
  { name: '/api/stocks/:ticker', path: (i) => `/api/stocks/${['AAPL', 'MSFT', 'JNJ', 'XOM'][i % 4]}` },
  { name: '/api/stocks/:ticker/prices', path: () => '/api/stocks/AAPL/prices' },
  { name: '/api/sectors', path: () => '/api/sectors' },
  { name: '/api/stocks/screener/strategies', path: () => '/api/stocks/screener/strategies' },
  { name: '/api/system/jobs', path: () => '/api/system/jobs' },
];

const skip = privatePostgresUnavailable();
const suite = skip ? describe.skip : describe;

suite(`fault: PostgreSQL restarted mid-load${skip ? ` (skipped: ${skip})` : ''}`, function () {
  this.timeout(240_000);
  let pg: PrivatePostgres | undefined;
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  let env: NodeJS.ProcessEnv;
  let base: string;

  before(async () => {
    pg = await PrivatePostgres.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      NODE_ENV: 'development',
      DATABASE_URL: pg.url,
      DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      REDIS_ENABLED: 'false',
      SENTRY_DSN: '',
      FMP_API_KEY: '',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      WORKER_NAME: 'fault-worker',
      WORKER_HEARTBEAT_S: '1',
      WORKER_HEALTH_MAX_AGE_S: '10',
      WORKER_SHUTDOWN_S: '2',
      ADMIN_TOKEN: FAULT_ADMIN_TOKEN,
      // The load comes from one address, far above a person's rate: the limiter would answer
      // 429 for what this test measures. Metrics ports off: nothing here scrapes them.
      RATE_LIMIT_PER_MINUTE: '0',
      METRICS_PORT: '0',
      WORKER_METRICS_PORT: '0',
    };
    const setup = runCli(['src/cli/setup.ts'], env);
    expect(setup.status, setup.stdout + setup.stderr).to.equal(0);
    worker = new AppProcess('worker', 'src/worker.ts', env);
    api = new AppProcess('api', 'src/main.ts', env);
    await Promise.all([worker.started('started'), api.started('VibeApp API on')]);
  });

  after(async () => {
    await api?.stop();
    await worker?.stop();
    pg?.dispose();
  });

  it('keeps both processes up: 200 or 503 database_unavailable with Retry-After, never a 500 or a hang; 200 again within 5 s; the worker runs a job after', async () => {
    const load = steadyLoad({
      base,
      routes: ROUTES,
      requestTimeoutMs: BOUND_MS + 10_000,
      headers: { Authorization: `Bearer ${FAULT_ADMIN_TOKEN}` },
    });
    const { samples } = load;
    const healthyAfter = (since: number) => load.everyRouteOkAfter(since);

    const figures: Record<string, unknown>[] = [];
    try {
      // Steady state first: everything answers.
      await healthyAfter(performance.now());

      for (const fault of ['pg_ctl restart', 'stop ~3 s, then start'] as const) {
        const from = samples.length;
        const downAt = performance.now();
        if (fault === 'pg_ctl restart') pg?.restart();
        else {
          pg?.stop();
          // The outage is what is being tested: the database stays away for 3 s.
          await pause(3_000);
          pg?.start();
        }
        const backAt = performance.now();
        const backMs = await healthyAfter(backAt);
        // A second of steady answers after the recovery, then the figures of this fault.
        await pause(1_000);
        const seen = samples.slice(from);
        figures.push({
          fault,
          requests: seen.length,
          statuses: statusCounts(seen),
          'database away (ms)': Math.round(backAt - downAt),
          'all routes 200 after its return (ms)': Math.round(backMs),
          'slowest answer (ms)': Math.round(Math.max(...seen.map((s) => s.ms))),
        });
        expect(backMs, `${fault}: every route 200 again`).to.be.at.most(BACK_WITHIN_MS);
      }
    } finally {
      await load.stop();
    }

    // The worker still takes and completes a job after the outages.
    const job = runCli(['src/cli/cache-invalidate.ts', 'stocks:*', '--wait'], env, 90_000);

    // Its heartbeat beats again (worker:health passes).
    const health = runCli(['src/cli/worker-health.ts'], env, 60_000);

    const procs = [api, worker] as AppProcess[];
    const warnings = Object.fromEntries(
      procs.map((p) => [
        p.name,
        p.lines().filter((l) => l.level === 40 && /^database unavailable/.test(l.msg)).length,
      ]),
    );
    const errors = procs.flatMap((p) =>
      p
        .lines()
        .filter((l) => l.level >= 50)
        .map((l) => `${p.name}: ${l.msg}`),
    );
    const bad = samples.filter(
      (s) =>
        !(
          s.status === 200 ||
          (s.status === 503 &&
            s.retryAfter &&
            (s.code === 'database_unavailable' || s.healthStatus === 'unhealthy'))
        ),
    );
    const statuses: Record<string, number> = {};
    for (const s of samples) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
    console.log(
      JSON.stringify(
        {
          'requests sent': samples.length,
          statuses,
          faults: figures,
          'process exits': procs.filter((p) => p.exit).map((p) => `${p.name}: ${JSON.stringify(p.exit)}`),
          'outage warnings per process': warnings,
          'error lines': errors.length,
          'job after the outages': job.status === 0 ? 'completed' : `failed (${job.status})`,
          'worker:health after the outages': health.status === 0 ? 'alive' : `failed (${health.status})`,
        },
        null,
        2,
      ),
    );

    expect(
      procs.filter((p) => p.exited).map((p) => p.name),
      'processes that exited',
    ).to.deep.equal([]);
    expect(bad.slice(0, 5), `${bad.length} answers other than 200 / 503 database_unavailable`).to.deep.equal(
      [],
    );
    expect(
      samples.filter((s) => s.ms > BOUND_MS).map((s) => `${s.route}: ${Math.round(s.ms)} ms`),
      `answers slower than ${BOUND_MS} ms`,
    ).to.deep.equal([]);
    expect(errors, 'error lines in the logs').to.deep.equal([]);
    // Once per outage at most (two outages), not once per request.
    for (const [name, count] of Object.entries(warnings)) {
      expect(count, `${name}: outage warnings`).to.be.within(1, figures.length);
    }
    expect(job.status, job.stdout + job.stderr).to.equal(0);
    expect(health.status, health.stdout + health.stderr).to.equal(0);
  });
});
