/**
 * Redis faults never fail or stall a call: a closed port, a server that accepts and never
 * answers, a server paused or killed mid-traffic. The time bounds asserted are many times
 * the 50 ms command timeout: they catch a call that waits on Redis, not a slow machine.
 */
import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { memoryLogger } from '../../test-support/app.ts';
import {
  cacheConfig,
  closedPort,
  hasRedisServer,
  hungServer,
  PrivateRedis,
  uniquePrefix,
  untilRedisUp,
} from '../../test-support/cache.ts';
import { waitFor } from '../../test-support/wait.ts';
import { type AppCache, createCache } from './index.ts';

const BOUND_MS = 1000;

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - t0 };
}

describe('cache faults: Redis unreachable at start', () => {
  let cache: AppCache | undefined;
  let hung: Awaited<ReturnType<typeof hungServer>> | undefined;
  const logged: Array<{ level: string; msg: string }> = [];

  afterEach(async () => {
    await cache?.close();
    await hung?.close();
    cache = undefined;
    hung = undefined;
  });

  for (const kind of ['closed port', 'hung server (accepts, never answers)'] as const) {
    it(`${kind}: answers from the loader (BYPASS) then memory, never waits, never throws; health degraded`, async () => {
      if (kind !== 'closed port') hung = await hungServer();
      const port = hung ? hung.port : await closedPort();
      cache = createCache({
        config: cacheConfig({ redisUrl: `redis://127.0.0.1:${port}/0` }),
        logger: memoryLogger(logged),
      });
      // The first connection attempt has happened: refused, or accepted and left unanswered.
      if (hung) await waitFor('the hung server to accept a connection', () => hung!.connections() > 0);
      else
        await waitFor('the first connection to fail', async () =>
          /^redis reconnecting/.test((await cache!.stats()).tiers?.redis?.error ?? ''),
        );
      const first = await timed(() => cache!.getOrSet('stocks:detail:AAPL', 60, async () => ({ v: 1 })));
      expect(first.result).to.deep.equal({ value: { v: 1 }, outcome: 'BYPASS' });
      expect(first.ms).to.be.below(BOUND_MS);
      const second = await cache.getOrSet('stocks:detail:AAPL', 60, async () => ({ v: 2 }));
      expect(second).to.deep.equal({ value: { v: 1 }, outcome: 'HIT' });
      expect(await cache.get('stocks:detail:MSFT')).to.equal(undefined);
      const inv = await timed(() => cache!.invalidate('stocks:*'));
      expect(inv.result).to.equal(1);
      expect(inv.ms).to.be.below(BOUND_MS);
      const health = await timed(() => cache!.health());
      expect(health.result.status).to.equal('degraded');
      expect(health.result.check.status).to.equal('down');
      expect(health.result.check.detail).to.match(/^redis /);
      expect(health.ms).to.be.below(BOUND_MS);
      const stats = await cache.stats();
      expect(stats).to.include({ backend: 'redis', status: 'down', bypasses: 2 });
      expect(stats.tiers?.redis?.error).to.be.a('string');
    });
  }
});

const serverSuite = hasRedisServer ? describe : describe.skip;

serverSuite(
  `cache faults: a private redis-server stopped mid-run${hasRedisServer ? '' : ' (skipped: no redis-server binary)'}`,
  function () {
    this.timeout(30_000);
    let redis: PrivateRedis;
    let cache: AppCache;
    let admin: Redis;
    const prefix = uniquePrefix();

    beforeEach(async () => {
      redis = await PrivateRedis.start();
      admin = redis.client();
      cache = createCache({
        config: cacheConfig({ redisUrl: redis.url, prefix }),
        logger: memoryLogger([]),
        retryAfterMs: 100,
      });
      await untilRedisUp(cache);
    });

    afterEach(async () => {
      await cache.close();
      admin.disconnect();
      await redis.kill();
    });

    it('hung mid-traffic (CLIENT PAUSE): calls time out fast to memory or the loader; invalidations replay when it answers', async () => {
      await cache.getOrSet('stocks:detail:AAPL', 60, async () => ({ v: 1 }));
      expect(await admin.get(`${prefix}:v1:stocks:detail:AAPL`)).to.equal('vc:{"v":1}');
      await admin.client('PAUSE', 800, 'ALL');
      const miss = await timed(() => cache.getOrSet('stocks:detail:MSFT', 60, async () => ({ v: 2 })));
      expect(miss.result).to.deep.equal({ value: { v: 2 }, outcome: 'BYPASS' });
      expect(miss.ms).to.be.below(BOUND_MS);
      expect(await cache.getOrSet('stocks:detail:AAPL', 60, async () => ({ v: 0 }))).to.deep.equal({
        value: { v: 1 },
        outcome: 'HIT',
      });
      const health = await cache.health();
      expect(health.status).to.equal('degraded');
      expect(health.check.detail).to.match(/timed out/i);
      // Redis still holds stocks:detail:AAPL: the invalidation is remembered and replayed.
      expect(await cache.invalidate('stocks:*')).to.equal(2);
      await waitFor('redis to answer again', async () => (await cache.health()).status === 'ok', {
        timeoutMs: 5000,
      });
      await waitFor(
        'the invalidation to be replayed',
        async () => (await admin.exists(`${prefix}:v1:stocks:detail:AAPL`)) === 0,
      );
    });

    it('killed mid-traffic: answers go on without it; restarted empty, it is a cold cache again', async () => {
      await cache.getOrSet('stocks:detail:AAPL', 60, async () => ({ v: 1 }));
      await redis.kill();
      const during = await timed(() => cache.getOrSet('stocks:detail:MSFT', 60, async () => ({ v: 2 })));
      expect(during.result).to.deep.equal({ value: { v: 2 }, outcome: 'BYPASS' });
      expect(during.ms).to.be.below(BOUND_MS);
      expect((await cache.getOrSet('stocks:detail:AAPL', 60, async () => ({ v: 0 }))).outcome).to.equal(
        'HIT',
      );
      await waitFor('health to say degraded', async () => (await cache.health()).status === 'degraded');
      expect((await cache.stats()).status).to.equal('down');

      await redis.start();
      await untilRedisUp(cache, 10_000);
      const after = await cache.getOrSet('stocks:top:10', 60, async () => ['cold']);
      expect(after.outcome).to.equal('MISS');
      const fresh = redis.client();
      try {
        expect(await fresh.get(`${prefix}:v1:stocks:top:10`)).to.equal('vc:["cold"]');
        expect(await fresh.exists(`${prefix}:v1:stocks:detail:AAPL`)).to.equal(0);
      } finally {
        fresh.disconnect();
      }
      expect((await cache.stats()).status).to.equal('up');
    });
  },
);
