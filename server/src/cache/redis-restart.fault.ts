/**
 * Fault: Redis killed (SIGKILL) under steady requests, away for a few seconds, then started
 * again, with the real API process caching in Redis and counting its rate limit there, on a
 * private redis-server (test-support/cache.ts; the shared one is never touched). Survived
 * means: the API does not exit; no answer is a 5xx (every one is a 200: the database is up,
 * answers come from the in-process tier or the loader, and the limiter counts in memory
 * meanwhile); `/health` says `degraded` while Redis is away and `healthy` again within a
 * bound of its return; the cache and the limiter write to Redis again; nothing is logged as
 * an error. The figures are printed for the report. `npm run test:faults`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { hasRedisServer, PrivateRedis } from '../../test-support/cache.ts';
import {
  AppProcess,
  freePort,
  type LoadRoute,
  runCli,
  type Sample,
  statusCounts,
  steadyLoad,
} from '../../test-support/fault-load.ts';
import { waitFor } from '../../test-support/wait.ts';

/** How long Redis stays away: the outage is what is tested. */
const AWAY_MS = 3_000;
/** `/health` says `degraded` within this of the kill. */
const DEGRADED_WITHIN_MS = 5_000;
/**
 * `/health` says `healthy` within this of Redis's return: ioredis retries at most 2 s
 * apart, plus slack for a loaded 2-core machine.
 */
const HEALTHY_WITHIN_MS = 10_000;
/**
 * Redis commands are given up after this (REDIS_COMMAND_TIMEOUT_MS). Above the default
 * 50 ms so that a busy machine does not make a live Redis look failing; the outage is a
 * closed connection, noticed at once whatever the timeout.
 */
const COMMAND_TIMEOUT_MS = 1_000;
/** No answer may take longer (a request waiting on a dead Redis would). */
const BOUND_MS = 5_000;
const PREFIX = 'vibeapp-fault';
const ADMIN_TOKEN = 'fault-admin-token-0123456789';

/**
 * Routes under load. The list pages and tickers vary and the in-process copies live 1 s
 * (CACHE_MEMORY_TTL), so lookups keep reaching Redis; `/api/system/cache` counts its keys.
 */
const ROUTES: LoadRoute[] = [
  { name: '/health', path: () => '/health' },
  { name: '/api/stocks', path: (i) => `/api/stocks?limit=${(i % 50) + 1}` },
  { name: '/api/stocks/:ticker', path: (i) => `/api/stocks/${['AAPL', 'MSFT', 'JNJ', 'XOM', 'JPM'][i % 5]}` },
  { name: '/api/stocks/:ticker/prices', path: () => '/api/stocks/MSFT/prices' },
  { name: '/api/stocks/top', path: (i) => `/api/stocks/top?limit=${(i % 10) + 1}` },
  { name: '/api/sectors', path: () => '/api/sectors' },
  { name: '/api/stocks/screener/strategies', path: () => '/api/stocks/screener/strategies' },
  { name: '/api/system/cache', path: () => '/api/system/cache' },
];

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const suite = hasRedisServer ? describe : describe.skip;

suite(`fault: Redis killed and restarted mid-load${hasRedisServer ? '' : ' (skipped: no redis-server binary)'}`, function () {
  this.timeout(240_000);
  let redis: PrivateRedis | undefined;
  let api: AppProcess | undefined;
  let dir: string | undefined;
  let base: string;

  before(async () => {
    redis = await PrivateRedis.start();
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-redis-fault-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'development',
      DATABASE_URL: `sqlite:${path.join(dir, 'vibeapp.db')}`,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      REDIS_ENABLED: 'true',
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS),
      CACHE_KEY_PREFIX: PREFIX,
      CACHE_MEMORY_TTL: '1',
      SENTRY_DSN: '',
      FMP_API_KEY: '',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ADMIN_TOKEN,
      // On, and counted in Redis, but far above what this load sends from its one address.
      RATE_LIMIT_PER_MINUTE: '1000000',
      METRICS_PORT: '0',
    };
    const setup = runCli(['src/cli/setup.ts'], env);
    expect(setup.status, setup.stdout + setup.stderr).to.equal(0);
    api = new AppProcess('api', 'src/main.ts', env);
    await api.started('VibeApp API on');
  });

  after(async () => {
    await api?.stop();
    await redis?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Keys under the cache's prefix: cached answers (`…:v1:…`) and rate-limit counters (`…:ratelimit…`). */
  async function keysIn(client: Redis): Promise<{ cached: number; rateLimit: number }> {
    const keys = await client.keys(`${PREFIX}:*`);
    return {
      cached: keys.filter((k) => k.startsWith(`${PREFIX}:v1:`) && !k.includes('~')).length,
      rateLimit: keys.filter((k) => k.startsWith(`${PREFIX}:ratelimit`)).length,
    };
  }

  /** Until Redis holds both a cached answer and a rate-limit counter: the API uses it for both. */
  async function untilUsed(what: string): Promise<void> {
    const client = redis?.client();
    if (!client) throw new Error('no redis');
    try {
      await waitFor(what, async () => {
        const k = await keysIn(client).catch(() => ({ cached: 0, rateLimit: 0 }));
        return k.cached > 0 && k.rateLimit > 0;
      });
    } finally {
      client.disconnect();
    }
  }

  it('keeps the API up with no 5xx; /health degraded while Redis is away, healthy again within 10 s of its return', async () => {
    const load = steadyLoad({
      base,
      routes: ROUTES,
      requestTimeoutMs: BOUND_MS + 10_000,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const { samples } = load;
    const health = (from: number, to = Number.POSITIVE_INFINITY) =>
      samples.filter((s) => s.route === '/health' && s.startedAt >= from && s.startedAt < to);
    const first = (status: string, from: number) =>
      waitFor(`/health to say ${status}`, () => health(from).find((s) => s.healthStatus === status), {
        timeoutMs: 30_000,
        intervalMs: 20,
      });

    let killedAt = 0;
    let restartedAt = 0;
    let degraded: Sample;
    let healthy: Sample;
    let finalHealth: { status?: string } = {};
    try {
      // Steady state first: every route answers, /health is healthy, Redis holds both kinds of keys.
      await load.everyRouteOkAfter(performance.now());
      await first('healthy', performance.now());
      await untilUsed('a cached answer and a rate-limit counter in Redis');

      killedAt = performance.now();
      await redis?.kill();
      degraded = await first('degraded', killedAt);
      // Away for a few seconds under load, whatever the machine's pace.
      await pause(Math.max(0, AWAY_MS - (performance.now() - killedAt)));
      await redis?.start();
      restartedAt = performance.now();
      healthy = await first('healthy', restartedAt);
      // Both the cache and the limiter write to the new, empty Redis.
      await untilUsed('the cache and the limiter to write to Redis again');
      await load.everyRouteOkAfter(performance.now());
    } finally {
      await load.stop();
    }
    const res = await fetch(`${base}/health`);
    finalHealth = (await res.json()) as { status?: string };

    const away = samples.filter((s) => s.startedAt >= killedAt && s.startedAt < restartedAt);
    const lines = api?.lines() ?? [];
    const figures = {
      'requests sent': samples.length,
      statuses: statusCounts(samples),
      'while Redis was away': { requests: away.length, statuses: statusCounts(away) },
      'Redis away (ms)': Math.round(restartedAt - killedAt),
      '/health degraded after the kill (ms)': Math.round(degraded.startedAt + degraded.ms - killedAt),
      '/health healthy after the restart (ms)': Math.round(healthy.startedAt + healthy.ms - restartedAt),
      '/health answers while away': countBy(health(killedAt, restartedAt), (s) => String(s.healthStatus)),
      'slowest answer (ms)': Math.round(Math.max(...samples.map((s) => s.ms))),
      'process exits': api?.exit ? [JSON.stringify(api.exit)] : [],
      'cache warnings': lines.filter((l) => l.level === 40 && /^cache: redis/.test(l.msg)).length,
      'rate-limit fail-open warnings': lines.filter((l) => l.level === 40 && /^rate limit:/.test(l.msg))
        .length,
      'error lines': lines.filter((l) => l.level >= 50).length,
    };
    console.log(JSON.stringify(figures, null, 2));

    expect(api?.exited, `the API exited: ${JSON.stringify(api?.exit)}`).to.equal(false);
    const not200 = samples.filter((s) => s.status !== 200);
    expect(
      not200.slice(0, 5).map((s) => `${s.route}: ${s.status} ${s.code ?? ''}`),
      `${not200.length} answers other than 200 (5xx, 4xx or none)`,
    ).to.deep.equal([]);
    expect(
      samples.filter((s) => s.ms > BOUND_MS).map((s) => `${s.route}: ${Math.round(s.ms)} ms`),
      `answers slower than ${BOUND_MS} ms`,
    ).to.deep.equal([]);
    expect(degraded.startedAt + degraded.ms - killedAt, '/health degraded after the kill (ms)').to.be.at.most(
      DEGRADED_WITHIN_MS,
    );
    // Once it said degraded, it never said healthy until Redis was back.
    expect(
      health(degraded.startedAt, restartedAt).filter((s) => s.healthStatus !== 'degraded').length,
      '/health answers other than degraded while Redis was away',
    ).to.equal(0);
    expect(
      healthy.startedAt + healthy.ms - restartedAt,
      '/health healthy after the restart (ms)',
    ).to.be.at.most(HEALTHY_WITHIN_MS);
    expect(finalHealth.status, '/health at the end').to.equal('healthy');
    expect(
      lines.filter((l) => l.level >= 50).map((l) => l.msg),
      'error lines in the log',
    ).to.deep.equal([]);
    // The outage is logged (the cache, the limiter), at warn, not once per request.
    expect(figures['cache warnings'], 'cache: redis warnings').to.be.within(1, 5);
    expect(figures['rate-limit fail-open warnings'], 'rate limit warnings').to.be.within(1, 5);
  });
});
