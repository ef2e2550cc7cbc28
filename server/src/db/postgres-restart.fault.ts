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
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { expect } from 'chai';
import { PrivatePostgres, privatePostgresUnavailable } from '../../test-support/postgres.ts';
import { waitFor, waitForLine } from '../../test-support/wait.ts';

const SERVER = path.join(import.meta.dirname, '../..');
const ACQUIRE_TIMEOUT_MS = 2_000;
const STATEMENT_TIMEOUT_MS = 3_000;
/** No request may take longer: the configured bounds plus slack for a loaded machine. */
const BOUND_MS = ACQUIRE_TIMEOUT_MS + STATEMENT_TIMEOUT_MS;
/** Every route answers 200 within this of the database's return. */
const BACK_WITHIN_MS = 5_000;
/** Concurrent clients sending requests one after another, with a pause between. */
const CLIENTS = 4;
const PAUSE_MS = 20;
/** A ceiling on requests sent, whatever happens. */
const MAX_REQUESTS = 6_000;

/** Routes under load; the list pages vary so some answers come from the cache and some from the database. */
/** The API's admin token here: /api/system/jobs is among the routes under load. */
const FAULT_ADMIN_TOKEN = 'fault-admin-token-0123456789';

const ROUTES: Array<{ name: string; path: (i: number) => string }> = [
  { name: '/health', path: () => '/health' },
  { name: '/api/stocks', path: (i) => `/api/stocks?limit=${(i % 100) + 1}` },
  { name: '/api/stocks/:ticker', path: (i) => `/api/stocks/${['AAPL', 'MSFT', 'JNJ', 'XOM'][i % 4]}` },
  { name: '/api/stocks/:ticker/prices', path: () => '/api/stocks/AAPL/prices' },
  { name: '/api/sectors', path: () => '/api/sectors' },
  { name: '/api/stocks/screener/strategies', path: () => '/api/stocks/screener/strategies' },
  { name: '/api/system/jobs', path: () => '/api/system/jobs' },
];

interface Sample {
  route: string;
  startedAt: number;
  ms: number;
  status: number | 'no answer';
  code?: string;
  retryAfter?: string | null;
  healthStatus?: string;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** A process of ours with everything it printed (JSON log lines) and how it ended, if it did. */
class Proc {
  out = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly child: ChildProcess;
  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER, script)], {
      cwd: SERVER,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d) => {
      this.out += d;
    });
    this.child.stderr?.on('data', (d) => {
      this.out += d;
    });
    this.child.once('exit', (code, signal) => {
      this.exit = { code, signal };
    });
  }

  /** Log lines as objects (non-JSON lines as { level: 60, msg }: anything unexpected counts). */
  lines(): Array<{ level: number; msg: string }> {
    return this.out
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          const { level, msg } = JSON.parse(l) as { level: number | string; msg: string };
          return { level: typeof level === 'number' ? level : (LEVELS[level] ?? 60), msg };
        } catch {
          return { level: 60, msg: l };
        }
      });
  }

  async stop(): Promise<void> {
    if (this.exit || this.child.exitCode !== null) return;
    const ended = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await ended;
    clearTimeout(killer);
  }
}

const skip = privatePostgresUnavailable();
const suite = skip ? describe.skip : describe;

suite(`fault: PostgreSQL restarted mid-load${skip ? ` (skipped: ${skip})` : ''}`, function () {
  this.timeout(240_000);
  let pg: PrivatePostgres | undefined;
  let api: Proc | undefined;
  let worker: Proc | undefined;
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
    const setup = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/setup.ts'], {
      cwd: SERVER,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(setup.status, setup.stdout + setup.stderr).to.equal(0);
    worker = new Proc('worker', 'src/worker.ts', env);
    api = new Proc('api', 'src/main.ts', env);
    const started = (p: Proc, line: string) => {
      if (!p.child.stdout) throw new Error(`${p.name}: no stdout`);
      return waitForLine(p.child.stdout, line, { what: `${p.name}: "${line}"`, timeoutMs: 60_000 });
    };
    await Promise.all([started(worker, 'started'), started(api, 'VibeApp API on')]);
  });

  after(async () => {
    await api?.stop();
    await worker?.stop();
    pg?.dispose();
  });

  it('keeps both processes up: 200 or 503 database_unavailable with Retry-After, never a 500 or a hang; 200 again within 5 s; the worker runs a job after', async () => {
    const samples: Sample[] = [];
    let sent = 0;
    let running = true;

    async function one(i: number): Promise<void> {
      const route = ROUTES[i % ROUTES.length];
      const startedAt = performance.now();
      const sample: Sample = { route: route.name, startedAt, ms: 0, status: 'no answer' };
      try {
        const res = await fetch(base + route.path(Math.floor(i / ROUTES.length)), {
          signal: AbortSignal.timeout(BOUND_MS + 10_000),
          headers: { Authorization: `Bearer ${FAULT_ADMIN_TOKEN}` },
        });
        const body = (await res.json().catch(() => ({}))) as {
          error?: { code?: string };
          status?: string;
        };
        Object.assign(sample, {
          status: res.status,
          code: body.error?.code,
          retryAfter: res.headers.get('retry-after'),
          healthStatus: body.status,
        });
      } catch {
        // no answer: counted as such and fails the test
      }
      sample.ms = performance.now() - startedAt;
      samples.push(sample);
    }

    const load = Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = c; running && sent < MAX_REQUESTS; i += CLIENTS) {
          sent++;
          await one(i);
          await pause(PAUSE_MS);
        }
      }),
    );

    /** When, after `since`, every route had answered 200 (ms after `since`). */
    const healthyAfter = (since: number) =>
      waitFor(
        'every route to answer 200',
        () => {
          const ok = new Set(
            samples.filter((s) => s.startedAt >= since && s.status === 200).map((s) => s.route),
          );
          if (ok.size < ROUTES.length) return undefined;
          return Math.max(
            ...ROUTES.map((r) =>
              Math.min(
                ...samples
                  .filter((s) => s.route === r.name && s.startedAt >= since && s.status === 200)
                  .map((s) => s.startedAt + s.ms),
              ),
            ),
          );
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      ).then((at) => at - since);

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
        const statuses: Record<string, number> = {};
        for (const s of seen) {
          const key = s.status === 200 ? '200' : `${s.status} ${s.code ?? s.healthStatus ?? ''}`.trim();
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
        figures.push({
          fault,
          requests: seen.length,
          statuses,
          'database away (ms)': Math.round(backAt - downAt),
          'all routes 200 after its return (ms)': Math.round(backMs),
          'slowest answer (ms)': Math.round(Math.max(...seen.map((s) => s.ms))),
        });
        expect(backMs, `${fault}: every route 200 again`).to.be.at.most(BACK_WITHIN_MS);
      }
    } finally {
      running = false;
      await load;
    }

    // The worker still takes and completes a job after the outages.
    const job = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/cache-invalidate.ts', 'stocks:*', '--wait'],
      { cwd: SERVER, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 },
    );

    // Its heartbeat beats again (worker:health passes).
    const health = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/worker-health.ts'], {
      cwd: SERVER,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

    const procs = [api, worker] as Proc[];
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
      procs.filter((p) => p.exit || p.child.exitCode !== null).map((p) => p.name),
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
