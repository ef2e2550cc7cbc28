/**
 * Prometheus metrics (prom-client), one registry per process, served by `GET /metrics` on a
 * small node:http server of its own (METRICS_PORT for the API, WORKER_METRICS_PORT for the
 * worker; 127.0.0.1 unless METRICS_HOST says otherwise; 0 turns it off). It is not on the
 * API's port, so it needs no token: compose does not publish it.
 *
 * What moves: HTTP requests and their duration by route pattern and status, cache lookups by
 * kind and outcome, job runs, failures and duration by job, provider calls and budget left,
 * the database pool, and prom-client's default process metrics (event-loop lag, memory).
 */
import type { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Knex } from 'knex';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppCache } from '../cache/index.ts';
import type { Logger } from '../logger.ts';
import type { BudgetUsage } from '../market/fmp/budget.ts';

export interface Metrics {
  readonly registry: Registry;
  /** One finished HTTP request (the API's access middleware calls it). */
  request(method: string, route: string, status: number, seconds: number): void;
  /** Count runs, failures and durations of the jobs an Agenda instance runs. */
  observeJobs(agenda: EventEmitter): void;
}

export interface MetricsOptions {
  /** The process's role, a label on every series (`api`, `worker`). */
  process: string;
  db?: Knex;
  cache?: Pick<AppCache, 'onOutcome'>;
  /** The provider's daily call budget (FMP only); read at each scrape. */
  budget?: { provider: string; usage: () => Promise<BudgetUsage | null> };
}

/**
 * The budget option for a provider that keeps one (FMP's `usage`), read on the process's
 * clock; undefined for the sample provider.
 */
function providerBudget(
  provider: { source: string; usage?: (at: Date) => Promise<BudgetUsage | null> },
  now: () => Date,
): MetricsOptions['budget'] {
  const usage = provider.usage?.bind(provider);
  return usage ? { provider: provider.source, usage: () => usage(now()) } : undefined;
}

/** The pool of a knex instance (tarn), when it has one. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: options.process });
  collectDefaultMetrics({ register: registry, prefix: 'vibeapp_' });
  const registers = [registry];

  const requests = new Counter({
    name: 'vibeapp_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: 'vibeapp_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
    registers,
  });

  const lookups = new Counter({
    name: 'vibeapp_cache_lookups_total',
    help: 'Cache lookups by kind (the key family) and outcome: hit, miss, stale (served in grace), bypass',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  options.cache?.onOutcome((kind, outcome) => lookups.inc({ kind, outcome }));

  const jobRuns = new Counter({
    name: 'vibeapp_job_runs_total',
    help: 'Finished job runs by job and result (success, failure)',
    labelNames: ['job', 'result'],
    registers,
  });
  const jobFailures = new Counter({
    name: 'vibeapp_job_failures_total',
    help: 'Failed job runs by job',
    labelNames: ['job'],
    registers,
  });
  const jobDuration = new Histogram({
    name: 'vibeapp_job_duration_seconds',
    help: 'Job run duration by job',
    labelNames: ['job'],
    buckets: JOB_BUCKETS,
    registers,
  });

  const pool = (options.db?.client as { pool?: TarnPool } | undefined)?.pool;
  if (options.db) {
    const db = options.db;
    new Gauge({
      name: 'vibeapp_db_pool_connections',
      help: 'Database pool connections by state: used, free, pending (acquires waiting), max',
      labelNames: ['state'],
      registers,
      collect() {
        // The pool is made on first use: read it at scrape time.
        const p = (db.client as { pool?: TarnPool }).pool ?? pool;
        if (!p) return;
        this.set({ state: 'used' }, p.numUsed());
        this.set({ state: 'free' }, p.numFree());
        this.set({ state: 'pending' }, p.numPendingAcquires());
        this.set({ state: 'max' }, p.max);
      },
    });
  }

  if (options.budget) {
    const { provider, usage } = options.budget;
    let last: Promise<BudgetUsage | null | undefined> | undefined;
    // One read of the budget per scrape, shared by the two gauges.
    const read = () => {
      last ??= usage()
        .catch(() => undefined)
        .finally(() => setImmediate(() => (last = undefined)));
      return last;
    };
    new Gauge({
      name: 'vibeapp_provider_calls_today',
      help: "Calls made to the market-data provider today (the provider's day)",
      labelNames: ['provider'],
      registers,
      async collect() {
        const u = await read();
        if (u) this.set({ provider }, u.used);
      },
    });
    new Gauge({
      name: 'vibeapp_provider_budget_remaining',
      help: "Calls left in the provider's daily budget",
      labelNames: ['provider'],
      registers,
      async collect() {
        const u = await read();
        if (u) this.set({ provider }, u.remaining);
      },
    });
  }

  return {
    registry,
    request(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    observeJobs(agenda) {
      const started = new WeakMap<object, number>();
      type JobLike = { attrs: { name: string } };
      const finish = (job: JobLike, result: 'success' | 'failure') => {
        const name = job.attrs.name;
        jobRuns.inc({ job: name, result });
        if (result === 'failure') jobFailures.inc({ job: name });
        const at = started.get(job);
        if (at !== undefined) jobDuration.observe({ job: name }, (performance.now() - at) / 1000);
        started.delete(job);
      };
      agenda.on('start', (job: JobLike) => started.set(job, performance.now()));
      agenda.on('success', (job: JobLike) => finish(job, 'success'));
      agenda.on('fail', (_err: Error, job: JobLike) => finish(job, 'failure'));
    },
  };
}

/** What a process's metrics watch: the parts the composition root built for it. */
interface MetricsSources {
  config: { observe: { metricsHost: string; apiMetricsPort: number; workerMetricsPort: number } };
  logger: Logger;
  db: Knex;
  cache: Pick<AppCache, 'onOutcome'>;
  provider: Parameters<typeof providerBudget>[0];
  clock: { now(): Date };
}

/**
 * The metrics of the API or the worker, watching its pool, cache and provider budget, served
 * on its own port (METRICS_PORT or WORKER_METRICS_PORT; `server` undefined when that is 0 or
 * taken): what `main.ts` and `worker.ts` start with.
 */
export async function startProcessMetrics(
  role: 'api' | 'worker',
  ctx: MetricsSources,
): Promise<{ metrics: Metrics; server: Server | undefined }> {
  const metrics = createMetrics({
    process: role,
    db: ctx.db,
    cache: ctx.cache,
    budget: providerBudget(ctx.provider, () => ctx.clock.now()),
  });
  const { config } = ctx;
  const server = await serveMetrics(metrics, {
    host: config.observe.metricsHost,
    port: role === 'api' ? config.observe.apiMetricsPort : config.observe.workerMetricsPort,
    logger: ctx.logger,
  });
  return { metrics, server };
}

/**
 * Serve `GET /metrics` from the registry on host:port (port 0 in the options means off:
 * resolves undefined). A port that cannot be had is logged, not fatal: the process's
 * work matters more than its metrics.
 */
export async function serveMetrics(
  metrics: Metrics,
  { host, port, logger }: { host: string; port: number; logger: Logger },
): Promise<Server | undefined> {
  if (port === 0) return undefined;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  return new Promise((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      logger.warn(`metrics: cannot listen on ${host}:${port} (${err.code ?? err.message}): /metrics is off`);
      resolve(undefined);
    });
    server.listen(port, host, () => {
      logger.info(`metrics on http://${host}:${port}/metrics`);
      resolve(server);
    });
  });
}
