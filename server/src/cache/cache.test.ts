import { expect } from 'chai';
import { Redis } from 'ioredis';
import { memoryLogger } from '../../test-support/app.ts';
import {
  cacheConfig,
  dropPrefix,
  FakeClock,
  TEST_REDIS_URL,
  type TestCacheSettings,
  uniquePrefix,
  untilRedisUp,
} from '../../test-support/cache.ts';
import { waitFor } from '../../test-support/wait.ts';
import { type AppCache, createCache } from './index.ts';
import { encodeJson } from './json.ts';
import { DATA_CHANGE_PATTERNS, invalidateAfterDataChange } from './keys.ts';
import { entryBytes } from './memory.ts';
import type { CacheOutcome } from './types.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const counts = (outcomes: CacheOutcome[]) =>
  outcomes.reduce<Record<string, number>>((acc, o) => {
    acc[o] = (acc[o] ?? 0) + 1;
    return acc;
  }, {});

interface Setup {
  title: string;
  redisUrl?: string;
}

const setups: Setup[] = [
  { title: 'in-process tier only' },
  { title: 'in-process tier in front of Redis', redisUrl: TEST_REDIS_URL },
];

for (const setup of setups) {
  const withRedis = setup.title.includes('Redis');
  const skip = withRedis && !setup.redisUrl;
  const suite = skip ? describe.skip : describe;

  suite(`cache contract: ${setup.title}${skip ? ' (skipped: set TEST_REDIS_URL)' : ''}`, () => {
    const made: Array<{ cache: AppCache; prefix: string }> = [];
    let clock: FakeClock;

    async function make(s: TestCacheSettings = {}): Promise<AppCache> {
      const prefix = s.prefix ?? uniquePrefix();
      const cache = createCache({
        // The contract, not Redis faults (faults.test.ts): a loaded machine's pauses must not
        // turn a slow answer into BYPASS.
        config: cacheConfig({ commandTimeoutMs: 1000, ...s, prefix, redisUrl: setup.redisUrl }),
        logger: memoryLogger([]),
        clock,
      });
      made.push({ cache, prefix });
      if (withRedis) await untilRedisUp(cache);
      return cache;
    }

    /**
     * Let ttlMs pass for both tiers: the fake clock for memory, real time for Redis. This
     * timer is what the TTL tests test: Redis expires keys on its own clock.
     */
    async function elapse(ms: number) {
      clock.advance(ms);
      if (withRedis) await new Promise((r) => setTimeout(r, ms));
    }

    beforeEach(() => {
      clock = new FakeClock();
    });

    afterEach(async () => {
      for (const { cache, prefix } of made.splice(0)) {
        await cache.close();
        if (setup.redisUrl) await dropPrefix(setup.redisUrl, prefix);
      }
    });

    it('get and set a value; an absent key is undefined', async () => {
      const cache = await make();
      expect(await cache.get('stocks:detail:AAPL')).to.equal(undefined);
      await cache.set('stocks:detail:AAPL', { ticker: 'AAPL', price: 187.5 }, 60);
      expect(await cache.get('stocks:detail:AAPL')).to.deep.equal({ ticker: 'AAPL', price: 187.5 });
    });

    it('getOrSet: MISS runs the loader and stores, then HIT without it', async () => {
      const cache = await make();
      let calls = 0;
      const loader = async () => ({ n: ++calls });
      const first = await cache.getOrSet('stocks:top:10', 60, loader);
      const second = await cache.getOrSet('stocks:top:10', 60, loader);
      expect(first).to.deep.equal({ value: { n: 1 }, outcome: 'MISS' });
      expect(second).to.deep.equal({ value: { n: 1 }, outcome: 'HIT' });
      expect(calls).to.equal(1);
      const stats = await cache.stats();
      expect(stats).to.include({ backend: withRedis ? 'redis' : 'memory', status: 'up', hits: 1, misses: 1 });
      expect(stats.hit_rate).to.equal(0.5);
    });

    it('a hit in the in-process tier is the stored object, frozen, with its JSON body already made', async () => {
      const cache = await make();
      const { value } = await cache.getOrSet('stocks:detail:MSFT', 60, async () => ({
        ticker: 'MSFT',
        tags: ['a'],
      }));
      const hit = await cache.getOrSet('stocks:detail:MSFT', 60, async () => ({ ticker: 'other', tags: [] }));
      expect(hit.value).to.equal(value);
      expect(Object.isFrozen(hit.value) && Object.isFrozen(hit.value.tags)).to.equal(true);
      const encoded = encodeJson(hit.value);
      expect(encoded.body.toString()).to.equal('{"ticker":"MSFT","tags":["a"]}');
      expect(encodeJson(hit.value)).to.equal(encoded);
    });

    it('entries expire after their TTL', async () => {
      const cache = await make();
      let calls = 0;
      const loader = async () => ++calls;
      expect((await cache.getOrSet('stocks:detail:AAPL', 0.3, loader)).outcome).to.equal('MISS');
      await elapse(100);
      expect(await cache.getOrSet('stocks:detail:AAPL', 0.3, loader)).to.deep.equal({
        value: 1,
        outcome: 'HIT',
      });
      await elapse(250);
      expect(await cache.getOrSet('stocks:detail:AAPL', 0.3, loader)).to.deep.equal({
        value: 2,
        outcome: 'MISS',
      });
      expect(await cache.get('stocks:detail:AAPL')).to.equal(2);
    });

    it('with a grace period, an expired entry is served (HIT) while one background load refreshes it', async () => {
      const cache = await make({ grace: 1 });
      const key = 'stocks:list:graced';
      let calls = 0;
      const gate = deferred<void>();
      const loader = async () => {
        calls++;
        if (calls === 2) await gate.promise;
        return calls;
      };
      expect((await cache.getOrSet(key, 0.3, loader)).outcome).to.equal('MISS');
      await elapse(350);
      // Expired, within grace: the old value, and a single refresh behind it.
      for (let i = 0; i < 3; i++) {
        expect(await cache.getOrSet(key, 0.3, loader)).to.deep.equal({ value: 1, outcome: 'HIT' });
      }
      const stats = await cache.stats();
      expect([stats.hits, stats.misses]).to.deep.equal([3, 1]); // the refresh served hits: no miss
      expect(await cache.get(key)).to.equal(undefined); // get() never answers stale
      expect(calls).to.equal(2);
      gate.resolve();
      await waitFor('the background refresh to be stored', async () => (await cache.get(key)) === 2);
      expect(await cache.getOrSet(key, 0.3, loader)).to.deep.equal({ value: 2, outcome: 'HIT' });

      // An invalidation drops expired entries too: the next lookup loads.
      await elapse(350);
      await cache.invalidate('stocks:*');
      expect(await cache.getOrSet(key, 0.3, loader)).to.deep.equal({ value: 3, outcome: 'MISS' });
      // Past the grace period an entry is simply gone.
      await elapse(300 + 1000 + 50);
      expect(await cache.getOrSet(key, 0.3, loader)).to.deep.equal({ value: 4, outcome: 'MISS' });
    });

    it('the in-process tier keeps at most its entry and byte bounds, least recently used out first', async () => {
      const cache = await make({ maxEntries: 3 });
      for (const t of ['A', 'B', 'C', 'D', 'E']) await cache.set(`stocks:detail:${t}`, { t }, 60);
      const { tiers } = await cache.stats();
      expect(tiers?.memory.entries).to.equal(3);
      // Gone from memory: only Redis, when there, still has it.
      expect(await cache.get('stocks:detail:A')).to.deep.equal(withRedis ? { t: 'A' } : undefined);
      // An entry counts its object, its JSON bytes and its bookkeeping (memory.ts#entryBytes).
      const blob = 'x'.repeat(380);
      const one = entryBytes('stocks:list:0', { blob }, JSON.stringify({ blob }).length);
      const small = await make({ maxBytes: 2 * one + 100 });
      for (let i = 0; i < 5; i++) await small.set(`stocks:list:${i}`, { blob }, 60);
      const s = await small.stats();
      expect(s.tiers?.memory.bytes).to.equal(2 * one);
      expect(s.tiers?.memory.entries).to.equal(2);
      expect(await small.get('stocks:list:4')).to.deep.equal({ blob });
      // The least recently used went first (Redis, when there, still has it).
      expect(await small.get('stocks:list:0')).to.deep.equal(withRedis ? { blob } : undefined);
    });

    it('keeps, and answers a miss with, the value as its JSON reads back (what a Redis hit gives)', async () => {
      const cache = await make();
      const loaded = { at: new Date('2026-11-27T21:00:00Z'), gone: undefined, n: [1, 2] };
      const miss = await cache.getOrSet('stocks:detail:AAPL', 60, async () => loaded);
      expect(miss.value).to.not.equal(loaded);
      expect(miss.value).to.deep.equal({ at: '2026-11-27T21:00:00.000Z', n: [1, 2] });
      const hit = await cache.getOrSet('stocks:detail:AAPL', 60, async () => loaded);
      expect(hit).to.deep.equal({ value: miss.value, outcome: 'HIT' });
      expect(hit.value).to.equal(miss.value);
    });

    it('invalidate drops the keys a glob matches, and only those', async () => {
      const cache = await make();
      const keys = [
        'stocks:detail:AAPL',
        'stocks:detail:ABPL',
        'stocks:detail:MSFT',
        'stocks:list:0123abcd',
        'leaderboard:5:all',
        'screener:piotroski:25',
      ];
      for (const k of keys) await cache.set(k, { k }, 60);
      expect(await cache.invalidate('stocks:detail:A?PL')).to.equal(2);
      expect(await cache.get('stocks:detail:AAPL')).to.equal(undefined);
      expect(await cache.get('stocks:detail:ABPL')).to.equal(undefined);
      expect(await cache.get('stocks:detail:MSFT')).to.deep.equal({ k: 'stocks:detail:MSFT' });
      expect(await cache.invalidate('stocks:*')).to.equal(2);
      expect(await cache.get('stocks:list:0123abcd')).to.equal(undefined);
      expect(await cache.get('leaderboard:5:all')).to.deep.equal({ k: 'leaderboard:5:all' });
      expect(await cache.invalidate('nothing:*')).to.equal(0);
      expect(await invalidateAfterDataChange(cache)).to.equal(2);
      for (const k of keys) expect(await cache.get(k), k).to.equal(undefined);
    });

    it('tells its invalidation listeners every pattern it applies; a failing listener stops nothing', async () => {
      const cache = await make();
      const heard: string[] = [];
      cache.onInvalidate(() => {
        throw new Error('listener bug');
      });
      cache.onInvalidate((pattern) => heard.push(pattern));
      await cache.set('stocks:detail:AAPL', { v: 1 }, 60);
      await invalidateAfterDataChange(cache);
      expect(heard).to.deep.equal([...DATA_CHANGE_PATTERNS]);
      expect(await cache.get('stocks:detail:AAPL')).to.equal(undefined);
    });

    it('concurrent misses for one key run the loader once', async () => {
      const cache = await make();
      const gate = deferred<void>();
      let calls = 0;
      const loader = async () => {
        calls++;
        await gate.promise;
        return { loaded: calls };
      };
      const all = Array.from({ length: 25 }, () => cache.getOrSet('stocks:top:10', 60, loader));
      // The 25 lookups are all issued while the one load is in flight.
      await waitFor('the loader to start', () => calls === 1);
      gate.resolve();
      const results = await Promise.all(all);
      expect(calls).to.equal(1);
      expect(results.every((r) => r.value.loaded === 1)).to.equal(true);
      expect(counts(results.map((r) => r.outcome))).to.deep.equal({ MISS: 1, HIT: 24 });
    });

    it('a failing loader fails every waiter, caches nothing, and the next call loads again', async () => {
      const cache = await make();
      let calls = 0;
      const gate = deferred<void>();
      const failing = async () => {
        calls++;
        await gate.promise;
        throw new Error('database down');
      };
      const pending = Promise.allSettled([1, 2, 3].map(() => cache.getOrSet('stocks:top:5', 60, failing)));
      // The three lookups wait on the one load, which fails only then.
      await waitFor('the loader to start', () => calls === 1);
      gate.resolve();
      const results = await pending;
      expect(
        results.every((r) => r.status === 'rejected' && /database down/.test(String(r.reason))),
      ).to.equal(true);
      expect(calls).to.equal(1);
      expect(await cache.getOrSet('stocks:top:5', 60, async () => 'ok')).to.deep.equal({
        value: 'ok',
        outcome: 'MISS',
      });
    });

    it('a load overtaken by an invalidation is returned but not kept', async () => {
      const cache = await make();
      const gate = deferred<void>();
      let loading = false;
      const pending = cache.getOrSet('stocks:detail:AAPL', 60, async () => {
        loading = true;
        await gate.promise;
        return { price: 'before refresh' };
      });
      // The invalidation comes while the load is in flight.
      await waitFor('the load to start', () => loading);
      await invalidateAfterDataChange(cache);
      gate.resolve();
      expect((await pending).value).to.deep.equal({ price: 'before refresh' });
      expect(await cache.get('stocks:detail:AAPL')).to.equal(undefined);
      const fresh = await cache.getOrSet('stocks:detail:AAPL', 60, async () => ({ price: 'after' }));
      expect(fresh).to.deep.equal({ value: { price: 'after' }, outcome: 'MISS' });
    });

    it('a value that cannot be serialized is answered as BYPASS and not kept', async () => {
      const cache = await make();
      const weird = { n: 10n };
      const r = await cache.getOrSet('stocks:score:AAPL', 60, async () => weird);
      expect(r).to.deep.equal({ value: weird, outcome: 'BYPASS' });
      expect(await cache.get('stocks:score:AAPL')).to.equal(undefined);
      expect((await cache.stats()).bypasses).to.equal(1);
    });

    it('health and stats describe the tiers', async () => {
      const cache = await make();
      const health = await cache.health();
      expect(health.status).to.equal('ok');
      expect(health.check.status).to.equal(withRedis ? 'up' : 'disabled');
      await cache.getOrSet('stocks:top:10', 60, async () => [1, 2, 3]);
      const stats = await cache.stats();
      expect(stats.keys).to.equal(1);
      expect(stats.tiers?.redis).to.deep.equal(withRedis ? { hits: 0, status: 'up', error: null } : null);
      expect(stats.since).to.equal(new Date(clock.t).toISOString()); // counted since start, on the cache's clock
    });
  });
}

const redisSuite = TEST_REDIS_URL ? describe : describe.skip;

redisSuite(`cache on Redis${TEST_REDIS_URL ? '' : ' (skipped: set TEST_REDIS_URL)'}`, () => {
  const url = TEST_REDIS_URL as string;
  let prefix: string;
  let raw: Redis;
  const caches: AppCache[] = [];

  async function make(s: TestCacheSettings = {}, clock?: FakeClock): Promise<AppCache> {
    const cache = createCache({
      config: cacheConfig({ commandTimeoutMs: 1000, ...s, prefix, redisUrl: url }),
      logger: memoryLogger([]),
      clock,
    });
    caches.push(cache);
    await untilRedisUp(cache);
    return cache;
  }

  /** Wait until n caches listen on the invalidation channel. */
  async function untilSubscribed(n: number): Promise<void> {
    const channel = `${prefix}:v1:~bus`;
    await waitFor(`${n} subscribers on ${channel}`, async () => {
      const [, count] = (await raw.pubsub('NUMSUB', channel)) as [string, number];
      return count >= n;
    });
  }

  beforeEach(() => {
    prefix = uniquePrefix();
    raw = new Redis(url);
  });

  afterEach(async () => {
    for (const c of caches.splice(0)) await c.close();
    await dropPrefix(url, prefix);
    raw.disconnect();
  });

  it('stores the seed key names under the versioned prefix, with their TTL', async () => {
    const cache = await make();
    await cache.getOrSet('stocks:detail:AAPL', 300, async () => ({ ticker: 'AAPL' }));
    await cache.getOrSet('leaderboard:10:all', 600, async () => ({ items: [] }));
    // The entries, beside the prefix's index of them (`~index`, what stats count).
    const keys = (await raw.keys(`${prefix}:*`)).filter((k) => !k.endsWith(':~index')).sort();
    expect(await raw.zcard(`${prefix}:v1:~index`)).to.equal(2);
    expect(keys).to.deep.equal([`${prefix}:v1:leaderboard:10:all`, `${prefix}:v1:stocks:detail:AAPL`]);
    const pttl = await raw.pttl(`${prefix}:v1:stocks:detail:AAPL`);
    expect(pttl).to.be.within(295_000, 300_000);
    expect(await raw.get(`${prefix}:v1:stocks:detail:AAPL`)).to.equal('vc:{"ticker":"AAPL"}');
  });

  it('a second process-like instance reads the first one’s entry from Redis (HIT, no load)', async () => {
    const a = await make();
    const b = await make();
    await a.getOrSet('stocks:top:10', 60, async () => ({ from: 'a' }));
    let loaded = false;
    const r = await b.getOrSet('stocks:top:10', 60, async () => {
      loaded = true;
      return { from: 'b' };
    });
    expect(r).to.deep.equal({ value: { from: 'a' }, outcome: 'HIT' });
    expect(loaded).to.equal(false);
    expect((await b.stats()).tiers?.redis?.hits).to.equal(1);
  });

  it('a corrupt or foreign value under a key is a miss, and the next load replaces it', async () => {
    const cache = await make();
    const k = (key: string) => `${prefix}:v1:${key}`;
    await raw.set(k('stocks:detail:A'), 'not json at all');
    await raw.set(k('stocks:detail:B'), 'vc:{"broken":');
    await raw.set(k('stocks:detail:C'), '{"foreign":"json without our mark"}');
    await raw.hset(k('stocks:detail:D'), 'field', 'a hash, not a string');
    for (const t of ['A', 'B', 'C', 'D']) {
      expect(await cache.get(`stocks:detail:${t}`), t).to.equal(undefined);
      const r = await cache.getOrSet(`stocks:detail:${t}`, 60, async () => ({ t }));
      expect(r, t).to.deep.equal({ value: { t }, outcome: 'MISS' });
      expect(await raw.get(k(`stocks:detail:${t}`))).to.equal(`vc:{"t":"${t}"}`);
    }
  });

  it('concurrent misses across two instances sharing Redis run the loader once', async () => {
    const a = await make();
    const b = await make();
    // Watch the lock: the load is let go only once both instances have asked Redis for it.
    const lockKey = `${prefix}:v1:~lock:screener:piotroski:25`;
    const monitor = await raw.monitor();
    let lockRequests = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'set' && args[1] === lockKey) lockRequests++;
    });
    let calls = 0;
    const gate = deferred<void>();
    const loader = async () => {
      calls++;
      await gate.promise;
      return { calls };
    };
    const all = Promise.all([
      ...Array.from({ length: 10 }, () => a.getOrSet('screener:piotroski:25', 60, loader)),
      ...Array.from({ length: 10 }, () => b.getOrSet('screener:piotroski:25', 60, loader)),
    ]);
    try {
      await waitFor('both instances to ask for the load lock', () => lockRequests >= 2, {
        detail: () => `${lockRequests} lock requests, ${calls} loads`,
      });
    } finally {
      monitor.disconnect();
    }
    expect(calls).to.equal(1);
    gate.resolve();
    const results = await all;
    expect(calls).to.equal(1);
    expect(results.every((r) => r.value.calls === 1)).to.equal(true);
    expect(counts(results.map((r) => r.outcome))).to.deep.equal({ MISS: 1, HIT: 19 });
    expect(await raw.exists(`${prefix}:v1:~lock:screener:piotroski:25`)).to.equal(0);
  });

  it('an in-process hit does not read Redis; the in-process copy lives at most CACHE_MEMORY_TTL', async () => {
    const clock = new FakeClock();
    const cache = await make({ memoryTtl: 5 }, clock);
    await cache.getOrSet('stocks:detail:AAPL', 300, async () => ({ v: 1 }));
    await raw.set(`${prefix}:v1:stocks:detail:AAPL`, 'vc:{"v":2}', 'PX', 300_000);
    expect(await cache.getOrSet('stocks:detail:AAPL', 300, async () => ({ v: 0 }))).to.deep.equal({
      value: { v: 1 },
      outcome: 'HIT',
    });
    clock.advance(5001);
    expect(await cache.getOrSet('stocks:detail:AAPL', 300, async () => ({ v: 0 }))).to.deep.equal({
      value: { v: 2 },
      outcome: 'HIT',
    });
    expect((await cache.stats()).tiers).to.deep.include({ redis: { hits: 1, status: 'up', error: null } });
  });

  it('an invalidation on one instance clears the other instance’s in-process tier', async () => {
    const a = await make();
    const b = await make();
    await untilSubscribed(2);
    // Written behind both caches (no "key changed" message): b reads it into its memory.
    await raw.set(`${prefix}:v1:stocks:detail:AAPL`, 'vc:{"v":1}', 'PX', 300_000);
    expect(await b.get('stocks:detail:AAPL')).to.deep.equal({ v: 1 });
    await raw.set(`${prefix}:v1:stocks:detail:AAPL`, 'vc:{"v":2}', 'PX', 300_000);
    expect(await b.get('stocks:detail:AAPL')).to.deep.equal({ v: 1 }); // from b's memory
    const heard: string[] = [];
    b.onInvalidate((pattern) => heard.push(pattern));
    await a.invalidate('stocks:*');
    // get() does not refill b's memory from Redis (the key is gone there too).
    await waitFor('b to drop its copy', async () => (await b.get('stocks:detail:AAPL')) === undefined, {
      timeoutMs: 1000,
    });
    // b's listeners hear the other instance's invalidation (the screener's column table does).
    expect(heard).to.include('stocks:*');
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('counts the shared entries from the prefix index: every process, invalidations and expiry, no SCAN', async () => {
    const a = await make();
    const b = await make();
    await a.set('stocks:detail:AAPL', { t: 1 }, 60);
    await a.set('stocks:detail:MSFT', { t: 2 }, 60);
    await b.set('leaderboard:10:all', { t: 3 }, 60);
    await b.set('stocks:top:10', { t: 4 }, 0.2);
    await a.set('stocks:detail:AAPL', { t: 5 }, 60); // rewritten: still one entry
    expect((await a.stats()).keys).to.equal(4);
    expect((await b.stats()).keys).to.equal(4);
    await a.invalidate('stocks:detail:*');
    await sleep(250); // stocks:top:10's lifetime ends
    expect((await b.stats()).keys).to.equal(1);
    // Not a SCAN: a foreign key under the prefix is not counted.
    await raw.set(`${prefix}:v1:foreign`, 'x');
    expect((await a.stats()).keys).to.equal(1);
  });
});
