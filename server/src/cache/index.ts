/**
 * The cache service: a bounded in-process tier, alone (REDIS_ENABLED=false) or in front of
 * Redis. A hit in the in-process tier is a map lookup that hands back the stored object
 * (never touching Redis); a miss reads Redis once (value and lifetime in one round trip),
 * then runs the loader under a lock so concurrent misses load once per key, in this
 * process and across processes. Invalidation drops a glob pattern in both tiers and tells
 * every other process over Redis pub/sub, or, without Redis, through the shared database
 * (db-bus.ts) when the composition root gives the cache one. Redis faults never fail a call: the answer comes
 * from memory or the loader (BYPASS) within the command timeout.
 */
import type { Knex } from 'knex';
import { type Clock, systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { publicReason } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { DbInvalidationBus } from './db-bus.ts';
import { globToRegExp } from './glob.ts';
import { rememberJson } from './json.ts';
import { keyPrefix } from './keys.ts';
import { MemoryTier } from './memory.ts';
import { RedisTier, VALUE_MARK } from './redis.ts';
import type { Cache, CacheOutcome, CacheResult, CacheStats } from './types.ts';

/** The `cache` entry of /health's checks, and whether it makes the service degraded. */
interface CacheHealth {
  status: 'ok' | 'degraded';
  check: { status: 'up' | 'down' | 'disabled'; latency_ms?: number; detail: string };
}

/** The Cache contract plus what the composition root needs for /health. */
export interface AppCache extends Cache {
  readonly backend: 'memory' | 'redis';
  health(): Promise<CacheHealth>;
  /** Be told each lookup's outcome, by kind (metrics); see CacheOutcomeListener. */
  onOutcome(listener: CacheOutcomeListener): void;
}

/**
 * What one lookup did, for metrics: `kind` is the key's first two parts (`stocks:detail`),
 * `stale` an expired entry served within CACHE_GRACE while it is refreshed.
 */
type CacheOutcomeListener = (kind: string, outcome: 'hit' | 'miss' | 'stale' | 'bypass') => void;

/** `stocks:detail:AAPL` → `stocks:detail`. */
function kindOf(key: string): string {
  return key.split(':', 2).join(':');
}

export interface CreateCacheOptions {
  config: Pick<Config, 'cache' | 'redis'>;
  logger: Logger;
  /** The process's clock: entries' lifetimes, the stats' start (a fake one in tests and simulations). */
  clock?: Clock;
  /** After a failed Redis command, skip Redis this long (ms). Default 1000. */
  retryAfterMs?: number;
  /** How long a miss waits for another process's load of the same key (ms). Default 2000. */
  lockWaitMs?: number;
  /**
   * The app's database. Without Redis, invalidations travel to the other processes on it
   * (the `cache_invalidations` table, polled every `busIntervalMs`, default 1000).
   */
  db?: Knex;
  busIntervalMs?: number;
}

type Loaded = CacheResult<unknown>;

/** Build the cache the configuration asks for. Never connects synchronously, never throws on a dead Redis. */
export function createCache(opts: CreateCacheOptions): AppCache {
  return new TieredCache(opts);
}

class TieredCache implements AppCache {
  readonly backend: 'memory' | 'redis';
  readonly #memory: MemoryTier;
  readonly #redis: RedisTier | undefined;
  readonly #bus: DbInvalidationBus | undefined;
  /**
   * Until the bus has started (its first poll drops everything cached before it knew where
   * to start), lookups and stores wait for it, so nothing cached at once is thrown away.
   */
  #busStarting: Promise<void> | undefined;
  readonly #memoryTtlMs: number;
  readonly #lockWaitMs: number;
  readonly #logger: Logger;
  readonly #inflight = new Map<string, Promise<Loaded>>();
  /** Patterns that could not reach Redis; replayed when it is back. */
  readonly #pending = new Set<string>();
  #replaying: Promise<void> | undefined;
  /** Bumped by every invalidation: a load that started before one is not stored. */
  #epoch = 0;
  #memoryHits = 0;
  #redisHits = 0;
  #misses = 0;
  #bypasses = 0;
  readonly #listeners: CacheOutcomeListener[] = [];
  readonly #invalidationListeners: ((pattern: string) => void)[] = [];
  readonly #since: string;

  constructor(opts: CreateCacheOptions) {
    const { cache, redis } = opts.config;
    const clock = opts.clock ?? systemClock;
    this.#since = clock.now().toISOString();
    this.#logger = opts.logger;
    this.#memory = new MemoryTier(cache.memoryMaxEntries, cache.memoryMaxBytes, clock, cache.grace * 1000);
    this.#lockWaitMs = opts.lockWaitMs ?? 2000;
    this.backend = redis.enabled ? 'redis' : 'memory';
    // Alone, the in-process tier keeps entries their full lifetime; in front of Redis only
    // briefly, bounding what a missed bus message could leave behind.
    this.#memoryTtlMs = redis.enabled ? cache.memoryTtl * 1000 : Number.POSITIVE_INFINITY;
    if (redis.enabled) {
      this.#redis = new RedisTier({
        url: redis.url,
        prefix: keyPrefix(cache.keyPrefix),
        commandTimeoutMs: redis.commandTimeoutMs,
        retryAfterMs: opts.retryAfterMs ?? 1000,
        logger: opts.logger,
        onRemoteInvalidate: (pattern) => this.#dropLocal(globToRegExp(pattern), pattern),
        onResync: () => this.#dropAll(),
        onReady: () => {
          if (this.#pending.size > 0) void this.#replayPending();
        },
      });
    } else if (opts.db) {
      this.#bus = new DbInvalidationBus({
        db: opts.db,
        logger: opts.logger,
        intervalMs: opts.busIntervalMs,
        onRemote: (pattern) => this.#dropLocal(globToRegExp(pattern), pattern),
        onResync: () => this.#dropAll(),
      });
      this.#busStarting = this.#bus.ready().then(() => {
        this.#busStarting = undefined;
      });
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.#busStarting) await this.#busStarting;
    const entry = this.#memory.get(key);
    if (entry !== undefined) {
      this.#memoryHits++;
      this.#report(key, 'hit');
      return entry.value as T;
    }
    if (!this.#redis) {
      this.#misses++;
      this.#report(key, 'miss');
      return undefined;
    }
    const shared = await this.#readShared(key, false);
    if (shared === 'fault') {
      this.#bypasses++;
      this.#report(key, 'bypass');
      return undefined;
    }
    if (shared.found) {
      this.#redisHits++;
      this.#report(key, 'hit');
      return shared.value as T;
    }
    this.#misses++;
    this.#report(key, 'miss');
    return undefined;
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    if (this.#busStarting) await this.#busStarting;
    this.#inflight.delete(key);
    const { outcome: stored } = await this.#store(key, value, ttlSeconds * 1000, this.#epoch, true);
    // Peers drop their in-process copy and read the new value from Redis.
    if (stored === 'MISS' && this.#redis) await this.#redis.publish(escapeGlob(key)).catch(() => {});
  }

  getOrSet<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<CacheResult<T>> {
    if (this.#busStarting) return this.#busStarting.then(() => this.getOrSet(key, ttlSeconds, loader));
    const entry = this.#memory.get(key);
    if (entry !== undefined) {
      this.#memoryHits++;
      this.#report(key, 'hit');
      return Promise.resolve({ value: entry.value as T, outcome: 'HIT' });
    }
    // Grace (CACHE_GRACE): an entry that expired moments ago is still served while one
    // background load refreshes it. Safe because every data change invalidates explicitly
    // (which drops expired entries too); expiry only bounds how long an answer is reused.
    const stale = this.#memory.getStale(key);
    if (stale !== undefined) {
      this.#memoryHits++;
      this.#report(key, 'stale');
      if (!this.#inflight.has(key)) {
        this.#join(key, ttlSeconds * 1000, loader, false).catch((err: unknown) => {
          this.#logger.warn(`cache: background refresh of ${key} failed: ${(err as Error).message}`);
        });
      }
      return Promise.resolve({ value: stale.value as T, outcome: 'HIT' });
    }
    return this.#join(key, ttlSeconds * 1000, loader) as Promise<CacheResult<T>>;
  }

  onOutcome(listener: CacheOutcomeListener): void {
    this.#listeners.push(listener);
  }

  onInvalidate(listener: (pattern: string) => void): void {
    this.#invalidationListeners.push(listener);
  }

  #report(key: string, outcome: 'hit' | 'miss' | 'stale' | 'bypass'): void {
    if (this.#listeners.length === 0) return;
    const kind = kindOf(key);
    for (const listener of this.#listeners) listener(kind, outcome);
  }

  async invalidate(pattern: string): Promise<number> {
    const local = this.#dropLocal(globToRegExp(pattern), pattern);
    if (this.#bus) {
      await this.#bus.publish(pattern).catch((err: unknown) => {
        this.#logger.warn(
          `cache: could not tell other processes to drop ${pattern}: ${(err as Error).message}`,
        );
      });
    }
    if (!this.#redis) return local;
    try {
      if (!this.#redis.available()) throw new Error('redis unavailable');
      if (this.#pending.size > 0) await this.#replayPending();
      const removed = await this.#redis.deleteMatching(pattern);
      await this.#redis.publish(pattern);
      return Math.max(local, removed);
    } catch {
      // Redis may still hold the entries (a partition, not a restart): remove them, and
      // tell the other processes, as soon as it is back.
      this.#pending.add(pattern);
      return local;
    }
  }

  async stats(): Promise<CacheStats> {
    const hits = this.#memoryHits + this.#redisHits;
    const lookups = hits + this.#misses;
    let keys: number | null = this.#memory.entries;
    let redis: NonNullable<CacheStats['tiers']>['redis'] = null;
    if (this.#redis) {
      keys = null;
      if (this.#redis.available()) keys = await this.#redis.countKeys().catch(() => null);
      const problem = this.#redis.problem();
      redis = { hits: this.#redisHits, status: problem ? 'down' : 'up', error: problem };
    }
    return {
      backend: this.backend,
      status: redis ? redis.status : 'up',
      hits,
      misses: this.#misses,
      hit_rate: lookups === 0 ? null : hits / lookups,
      keys,
      since: this.#since,
      bypasses: this.#bypasses,
      tiers: {
        memory: {
          hits: this.#memoryHits,
          entries: this.#memory.entries,
          max_entries: this.#memory.maxEntries,
          bytes: this.#memory.bytes,
          max_bytes: this.#memory.maxBytes,
        },
        redis,
      },
    };
  }

  async health(): Promise<CacheHealth> {
    if (!this.#redis) {
      const detail = 'in-process tier only (REDIS_ENABLED=false)';
      if (!this.#bus) return { status: 'ok', check: { status: 'disabled', detail } };
      await this.#bus.ready();
      const problem = this.#bus.problem();
      if (problem) {
        return {
          status: 'degraded',
          check: { status: 'disabled', detail: `${detail}; ${problem}: other processes' invalidations wait` },
        };
      }
      return {
        status: 'ok',
        check: {
          status: 'disabled',
          detail: `${detail}; invalidations shared through the database (polled every ${this.#bus.intervalMs / 1000} s)`,
        },
      };
    }
    const down = (detail: string): CacheHealth => ({
      status: 'degraded',
      check: { status: 'down', detail: `${detail}; answering from the in-process tier and the database` },
    });
    const problem = this.#redis.problem();
    if (problem && !problem.startsWith('redis failing')) return down(problem);
    try {
      const latency = await this.#redis.ping();
      return {
        status: 'ok',
        check: {
          status: 'up',
          latency_ms: Math.round(latency * 100) / 100,
          detail: 'redis + in-process tier',
        },
      };
    } catch (err) {
      // A code, not the message (which may name the host and port).
      const message = (err as Error).message ?? '';
      return down(`redis failing: ${publicReason(err, /timed out/i.test(message) ? 'timed out' : 'error')}`);
    }
  }

  async close(): Promise<void> {
    await this.#bus?.close();
    this.#memory.clear();
    this.#inflight.clear();
    await this.#redis?.close();
  }

  /**
   * Join the load in flight for key in this process, or start one. `counted` false: a
   * background refresh, whose lookup was already counted as the hit it served.
   */
  async #join(key: string, ttlMs: number, loader: () => Promise<unknown>, counted = true): Promise<Loaded> {
    const running = this.#inflight.get(key);
    if (running) {
      const r = await running;
      const outcome: CacheOutcome = r.outcome === 'BYPASS' ? 'BYPASS' : 'HIT';
      if (outcome === 'HIT') this.#memoryHits++;
      else this.#bypasses++;
      this.#report(key, outcome === 'HIT' ? 'hit' : 'bypass');
      return { value: r.value, outcome };
    }
    const load = this.#fill(key, ttlMs, loader, counted);
    this.#inflight.set(key, load);
    try {
      return await load;
    } finally {
      if (this.#inflight.get(key) === load) this.#inflight.delete(key);
    }
  }

  /** A miss in memory: Redis, else the loader (under the cross-process lock when Redis is up). */
  async #fill(key: string, ttlMs: number, loader: () => Promise<unknown>, counted: boolean): Promise<Loaded> {
    const epoch = this.#epoch;
    let shared = this.#redis !== undefined;
    let token: string | null = null;
    if (this.#redis) {
      const read = await this.#readShared(key, false);
      if (read === 'fault') shared = false;
      else if (read.found) {
        if (counted) this.#redisHits++;
        if (counted) this.#report(key, 'hit');
        return { value: read.value, outcome: 'HIT' };
      } else {
        try {
          token = await this.#redis.lock(key, Math.max(this.#lockWaitMs * 2, 5000));
          if (token === null) {
            const peer = await this.#awaitPeer(key);
            if (peer !== undefined) return peer;
          }
        } catch {
          shared = false;
        }
      }
    }
    try {
      const { value, outcome } = await this.#store(key, await loader(), ttlMs, epoch, shared);
      // A background refresh's lookup was already counted, as the hit it served.
      if (counted && outcome === 'MISS') this.#misses++;
      else if (counted) this.#bypasses++;
      if (counted) this.#report(key, outcome === 'MISS' ? 'miss' : 'bypass');
      return { value, outcome };
    } finally {
      if (token !== null) this.#redis?.unlock(key, token);
    }
  }

  /** Another process holds the load lock: poll Redis for its result, briefly. */
  async #awaitPeer(key: string): Promise<Loaded | undefined> {
    const deadline = performance.now() + this.#lockWaitMs;
    let delay = 5;
    while (performance.now() < deadline) {
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
      const read = await this.#readShared(key, true);
      if (read === 'fault') throw new Error('redis fault while waiting');
      if (read.found) {
        this.#redisHits++;
        this.#report(key, 'hit');
        return { value: read.value, outcome: 'HIT' };
      }
      if (!read.locked) return undefined; // the peer failed or did not store: load here
    }
    return undefined;
  }

  /** Read Redis into the in-process tier. A corrupt or foreign value is a miss. */
  async #readShared(
    key: string,
    withLock: boolean,
  ): Promise<'fault' | { found: true; value: unknown } | { found: false; locked: boolean }> {
    const redis = this.#redis;
    if (!redis?.available()) return 'fault';
    const epoch = this.#epoch;
    let read: Awaited<ReturnType<RedisTier['read']>>;
    try {
      read = await redis.read(key, withLock);
    } catch {
      return 'fault';
    }
    if (read.raw === null || !read.raw.startsWith(VALUE_MARK)) return { found: false, locked: read.locked };
    const json = read.raw.slice(VALUE_MARK.length);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      this.#logger.warn(`cache: unreadable value under ${key}, treated as a miss`);
      return { found: false, locked: read.locked };
    }
    const encoded = rememberJson(value, json);
    if (epoch === this.#epoch) {
      const ttl = read.pttl > 0 ? Math.min(read.pttl, this.#memoryTtlMs) : this.#memoryTtlMs;
      this.#memory.set(key, value, ttl, encoded?.body.byteLength ?? 0);
    }
    return { found: true, value };
  }

  /**
   * Keep a loaded value: MISS when stored where it should be, BYPASS when it could not be
   * (not serializable, or Redis unreachable: then it is kept in memory only). A load that
   * an invalidation overtook is returned but not kept. What is kept, and returned, is the
   * value parsed back from its JSON (as a Redis hit gives it): JSON-equal to the loader's,
   * and compact on the heap (flat strings, objects in V8's fast mode, whatever shape the
   * loader built), so that what the byte bound counts is what the heap holds.
   */
  async #store(
    key: string,
    loaded: unknown,
    ttlMs: number,
    epoch: number,
    shared: boolean,
  ): Promise<{ value: unknown; outcome: CacheOutcome }> {
    if (!(ttlMs > 0)) return { value: loaded, outcome: 'BYPASS' };
    let json: string | undefined;
    try {
      json = JSON.stringify(loaded);
    } catch (err) {
      this.#logger.warn(`cache: value for ${key} is not serializable, not cached: ${(err as Error).message}`);
    }
    if (json === undefined) return { value: loaded, outcome: 'BYPASS' };
    if (epoch !== this.#epoch) return { value: loaded, outcome: 'MISS' };
    const value: unknown = typeof loaded === 'object' && loaded !== null ? JSON.parse(json) : loaded;
    const encoded = rememberJson(value, json);
    this.#memory.set(key, value, Math.min(ttlMs, this.#memoryTtlMs), encoded?.body.byteLength ?? 0);
    if (!this.#redis) return { value, outcome: 'MISS' };
    if (!shared || !this.#redis.available()) return { value, outcome: 'BYPASS' };
    try {
      await this.#redis.write(key, VALUE_MARK + json, Math.max(1, Math.round(ttlMs)));
      return { value, outcome: 'MISS' };
    } catch {
      return { value, outcome: 'BYPASS' };
    }
  }

  #dropLocal(pattern: RegExp, glob: string): number {
    this.#epoch++;
    for (const key of [...this.#inflight.keys()]) if (pattern.test(key)) this.#inflight.delete(key);
    const removed = this.#memory.deleteMatching(pattern);
    this.#tellInvalidated(glob);
    return removed;
  }

  #dropAll(): void {
    this.#epoch++;
    this.#memory.clear();
    this.#tellInvalidated('*');
  }

  #tellInvalidated(glob: string): void {
    for (const listener of this.#invalidationListeners) {
      try {
        listener(glob);
      } catch (err) {
        this.#logger.warn(`cache: an invalidation listener failed: ${(err as Error).message}`);
      }
    }
  }

  #replayPending(): Promise<void> {
    this.#replaying ??= (async () => {
      try {
        for (const pattern of [...this.#pending]) {
          await this.#redis?.deleteMatching(pattern);
          await this.#redis?.publish(pattern);
          this.#pending.delete(pattern);
        }
      } catch {
        // still failing: retried when Redis answers again
      } finally {
        this.#replaying = undefined;
      }
    })();
    return this.#replaying;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A key as a glob that matches only itself. */
function escapeGlob(key: string): string {
  return key.replace(/[*?[\]\\]/g, '\\$&');
}
