/**
 * What is happening, seen from outside: the access line of each request, the probes
 * (/livez, /readyz) and `GET /metrics` on its own port, for the API (after some requests)
 * and the worker (after job runs).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backoffStrategies } from 'agenda';
import { expect } from 'chai';
import type { Context } from 'koa';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { createSqliteTestDb, describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { waitFor } from '../../test-support/wait.ts';
import { type AppCache, createCache } from '../cache/index.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { startWorkerRuntime } from '../jobs/runtime.ts';
import type { JobDeps, JobModule } from '../jobs/types.ts';
import { createLogger } from '../logger.ts';
import { accessLog } from './access-log.ts';
import { probeRoutes, type Readiness } from './health.ts';
import { createMetrics, type Metrics, serveMetrics } from './metrics.ts';
import type { RequestScope } from './scope.ts';

const silent = createLogger({ level: 'silent' });

/** A port free right now on loopback (the metrics server takes 0 as "off"). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** One sample's value from a Prometheus text exposition, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

async function scrape(server: Server): Promise<{ status: number; type: string | null; text: string }> {
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describeEachDatabase('access log, probes and metrics', (get) => {
  let api: TestServer;
  let metrics: Metrics;
  let metricsServer: Server | undefined;
  let cache: AppCache | undefined;
  const readiness: Readiness = { shuttingDown: false };
  before(async function () {
    this.timeout(60_000);
    const { db } = get();
    await migrateLatest(db);
    await seed(db, { seed: 'observe-test', endDate: '2025-07-02', historyPoints: 8 });
    // The metrics watch the app's own cache and pool, as main.ts wires them.
    cache = createCache({ config: loadConfig({ NODE_ENV: 'test' }), logger: silent, db });
    metrics = createMetrics({
      process: 'api',
      db,
      cache,
      budget: {
        provider: 'fmp',
        usage: async () => ({ day: '2025-07-02', used: 7, limit: 250, remaining: 243 }),
      },
    });
    api = await startTestServer(db, { overrides: { cache }, app: { readiness, metrics } });
    metricsServer = await serveMetrics(metrics, {
      host: '127.0.0.1',
      port: await freePort(),
      logger: silent,
    });
  });
  after(async () => {
    metricsServer?.close();
    await api?.close();
    await cache?.close();
  });

  it('logs one line per request: route pattern, status, ms, request id, cache result; probes at debug', async () => {
    await api.ctx.cache.invalidate('*');
    await api.get('/api/stocks/AAPL?x=1', { headers: { 'X-Request-Id': 'acc-1' } });
    await api.get('/api/stocks/AAPL', { headers: { 'X-Request-Id': 'acc-2' } });
    await api.get('/livez', { headers: { 'X-Request-Id': 'acc-3' } });
    const lines = api.logged.filter((l) => l.msg === 'request' && String(l.reqId).startsWith('acc-'));
    expect(lines.map((l) => [l.reqId, l.level, l.route, l.status, l.cache])).to.deep.equal([
      ['acc-1', 'info', '/api/stocks/:ticker', 400, undefined],
      ['acc-2', 'info', '/api/stocks/:ticker', 200, 'MISS'],
      ['acc-3', 'debug', '/livez', 200, undefined],
    ]);
    for (const l of lines) {
      expect(l.method).to.equal('GET');
      expect(l.ms).to.be.a('number');
      expect(JSON.stringify(l)).not.to.include('AAPL');
    }
    await api.get('/api/stocks/AAPL', { headers: { 'X-Request-Id': 'acc-4' } });
    expect(api.logged.find((l) => l.reqId === 'acc-4' && l.msg === 'request')?.cache).to.equal('HIT');
  });

  it('writes the access line as the request-id child logger would, byte for byte, secrets still scrubbed', () => {
    const written: string[] = [];
    const logger = createLogger({
      level: 'info',
      name: 'api',
      format: 'json',
      secrets: ['s3cret-route-value'],
      destination: { write: (line: string) => written.push(line) },
    });
    const ctx = (route: string, cache?: string) =>
      ({
        method: 'GET',
        status: 200,
        state: { route, scope: { requestId: 'acc-bytes', log: logger.child({ reqId: 'acc-bytes' }) } },
        res: { getHeader: (name: string) => (name === 'X-Cache' ? cache : undefined) },
      }) as unknown as Context;
    accessLog(logger)(ctx('/api/stocks/:ticker', 'HIT'), 1.234);
    logger
      .child({ reqId: 'acc-bytes' })
      .info({ method: 'GET', route: '/api/stocks/:ticker', status: 200, ms: 1.2, cache: 'HIT' }, 'request');
    const untimed = written.map((l) => l.replace(/"time":"[^"]*",/, ''));
    expect(untimed[0]).to.equal(untimed[1]);
    expect(untimed[0]).to.include('"name":"api","reqId":"acc-bytes","method":"GET"');
    accessLog(logger)(ctx('s3cret-route-value'), 1);
    expect(written[2]).to.not.include('s3cret-route-value');
    expect(written[2]).to.include('"route":"[redacted]"');
  });

  it('/livez answers without dependencies; /readyz checks the database and migrations, and fails when shutting down', async () => {
    const live = await api.get('/livez');
    expect([live.status, live.body]).to.deep.equal([200, { status: 'ok' }]);
    const ready = await api.get('/readyz');
    expect([ready.status, ready.body]).to.deep.equal([
      200,
      { status: 'ready', checks: { database: 'up', migrations: 'applied', shutting_down: false } },
    ]);
    readiness.shuttingDown = true;
    try {
      const stopping = await api.get('/readyz');
      expect(stopping.status).to.equal(503);
      expect(stopping.body).to.deep.include({ status: 'not_ready' });
      expect(stopping.body.checks.shutting_down).to.equal(true);
      expect((await api.get('/livez')).status).to.equal(200);
    } finally {
      readiness.shuttingDown = false;
    }
  });

  it('/readyz is 503 while a migration is pending', async () => {
    const fresh = await createSqliteTestDb();
    try {
      const readyz = probeRoutes({ db: fresh.db }, { shuttingDown: false }).find((r) => r.path === '/readyz');
      const ctx = { status: 200, set: () => {} } as unknown as Context;
      const body = await readyz?.handler({ ctx, query: {}, params: {}, scope: {} as RequestScope });
      expect([ctx.status, body]).to.deep.equal([
        503,
        { status: 'not_ready', checks: { database: 'up', migrations: 'pending', shutting_down: false } },
      ]);
    } finally {
      await fresh.dispose();
    }
  });

  it('GET /metrics: requests and durations by route and status, cache outcomes, pool, provider budget, process', async () => {
    if (!metricsServer) throw new Error('the metrics server did not start');
    const before = await scrape(metricsServer);
    expect(before.status).to.equal(200);
    expect(before.type).to.match(/^text\/plain; version=0\.0\.4/);
    const route = { route: '/api/stocks/:ticker', status: '200' };
    const requestsBefore = sample(before.text, 'vibeapp_http_requests_total', route) ?? 0;
    const hitsBefore = sample(before.text, 'vibeapp_cache_lookups_total', {
      kind: 'stocks:detail',
      outcome: 'hit',
    });

    for (let i = 0; i < 3; i++) await api.get('/api/stocks/MSFT');
    await api.get('/api/nope');
    const after = await scrape(metricsServer);
    const t = after.text;
    expect(sample(t, 'vibeapp_http_requests_total', route)).to.equal(requestsBefore + 3);
    expect(sample(t, 'vibeapp_http_request_duration_seconds_count', route)).to.equal(requestsBefore + 3);
    expect(sample(t, 'vibeapp_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).to.equal(
      requestsBefore + 3,
    );
    expect(sample(t, 'vibeapp_http_requests_total', { route: 'unmatched', status: '404' })).to.be.at.least(1);
    expect(t, 'no raw URL in a label').not.to.include('MSFT');
    expect(sample(t, 'vibeapp_cache_lookups_total', { kind: 'stocks:detail', outcome: 'hit' })).to.be.above(
      hitsBefore ?? 0,
    );
    expect(
      sample(t, 'vibeapp_cache_lookups_total', { kind: 'stocks:detail', outcome: 'miss' }),
    ).to.be.at.least(1);
    expect(sample(t, 'vibeapp_db_pool_connections', { state: 'max' })).to.be.above(0);
    expect(sample(t, 'vibeapp_db_pool_connections', { state: 'used' })).to.be.a('number');
    expect(sample(t, 'vibeapp_provider_calls_today', { provider: 'fmp' })).to.equal(7);
    expect(sample(t, 'vibeapp_provider_budget_remaining', { provider: 'fmp' })).to.equal(243);
    expect(sample(t, 'vibeapp_nodejs_eventloop_lag_seconds')).to.be.a('number');
    expect(sample(t, 'vibeapp_process_resident_memory_bytes')).to.be.above(0);
    expect(sample(t, 'vibeapp_nodejs_heap_size_used_bytes')).to.be.above(0);
    expect(t).to.include('process="api"');
    const { port } = metricsServer.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).to.equal(404);
  });
});

describeEachDatabase('worker metrics', (get) => {
  it('counts job runs, failures and durations by job', async function () {
    this.timeout(30_000);
    await migrateLatest(get().db);
    const quick = {
      lockLifetimeMs: 10_000,
      concurrency: 1,
      maxRetries: 0,
      backoff: backoffStrategies.constant({ delay: 50, maxRetries: 0 }),
    };
    const ok: JobModule = {
      name: 'metric-ok',
      description: 'test',
      schedule: null,
      options: quick,
      run: async () => {},
    };
    const bad: JobModule = {
      name: 'metric-bad',
      description: 'test',
      schedule: null,
      options: quick,
      run: async () => {
        throw new Error('boom');
      },
    };
    const deps: JobDeps = {
      ingest: async () => ({ source: 'sample', stocks: 0, asOf: '2025-07-02' }),
      snapshot: async () => ({ rows: 0 }),
      invalidate: async () => {},
      log: silent,
    };
    const metrics = createMetrics({ process: 'worker', db: get().db });
    const runtime = await startWorkerRuntime({
      target: get().target,
      db: get().db,
      deps,
      log: silent,
      name: 'metrics-worker',
      heartbeatMs: 60_000,
      shutdownMs: 2_000,
      jobs: [ok, bad],
      processEveryMs: 50,
      // As worker.ts wires it: the metrics listen before Agenda takes its first job.
      observe: (agenda) => metrics.observeJobs(agenda),
    });
    const server = await serveMetrics(metrics, { host: '127.0.0.1', port: await freePort(), logger: silent });
    try {
      if (!server) throw new Error('the metrics server did not start');
      let completed = 0;
      runtime.agenda.on('complete', () => completed++);
      await runtime.agenda.now('metric-ok', {});
      await runtime.agenda.now('metric-ok', {});
      await runtime.agenda.now('metric-bad', {});
      await waitFor('three runs to complete', () => completed >= 3, {
        detail: () => `${completed} completed`,
      });
      const { text } = await scrape(server);
      expect(sample(text, 'vibeapp_job_runs_total', { job: 'metric-ok', result: 'success' })).to.equal(2);
      expect(sample(text, 'vibeapp_job_runs_total', { job: 'metric-bad', result: 'failure' })).to.equal(1);
      expect(sample(text, 'vibeapp_job_failures_total', { job: 'metric-bad' })).to.equal(1);
      expect(sample(text, 'vibeapp_job_duration_seconds_count', { job: 'metric-ok' })).to.equal(2);
      expect(sample(text, 'vibeapp_db_pool_connections', { state: 'max' })).to.be.above(0);
      expect(text).to.include('process="worker"');
    } finally {
      server?.close();
      await runtime.stop();
    }
  });
});
