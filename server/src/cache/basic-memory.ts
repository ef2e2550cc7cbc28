/**
 * A small bounded in-process cache: TTL per entry, at most `maxEntries` (the oldest
 * written goes first), concurrent misses for one key share one load. A placeholder behind
 * the `Cache` seam until the two-tier cache replaces it.
 */
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { Cache, CacheResult } from './types.ts';

export interface BasicMemoryCacheOptions {
  maxEntries?: number;
  clock?: Clock;
}

/** `stocks:*` → /^stocks:.*$/ (only `*` and `?` are special). */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function createBasicMemoryCache(options: BasicMemoryCacheOptions = {}): Cache {
  const maxEntries = options.maxEntries ?? 1_000;
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, { value: unknown; expires: number }>();
  const inflight = new Map<string, Promise<unknown>>();
  let hits = 0;
  let misses = 0;
  const since = clock.now().toISOString();

  const read = (key: string): { value: unknown } | undefined => {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.expires <= clock.now().getTime()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const write = (key: string, value: unknown, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { value, expires: clock.now().getTime() + ttlSeconds * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  return {
    async get<T>(key: string) {
      return read(key)?.value as T | undefined;
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      write(key, value, ttlSeconds);
    },
    async getOrSet<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<CacheResult<T>> {
      const found = read(key);
      if (found) {
        hits++;
        return { value: found.value as T, outcome: 'HIT' };
      }
      misses++;
      let pending = inflight.get(key) as Promise<T> | undefined;
      if (!pending) {
        const p: Promise<T> = loader().then((value) => {
          // An invalidation during the load drops the in-flight marker: do not store then.
          if (inflight.get(key) === p) write(key, value, ttlSeconds);
          return value;
        });
        pending = p;
        inflight.set(key, p);
        const done = () => {
          if (inflight.get(key) === p) inflight.delete(key);
        };
        p.then(done, done);
      }
      return { value: await pending, outcome: 'MISS' };
    },
    async invalidate(pattern: string) {
      const re = globToRegExp(pattern);
      let removed = 0;
      for (const key of [...entries.keys()]) {
        if (re.test(key)) {
          entries.delete(key);
          removed++;
        }
      }
      for (const key of [...inflight.keys()]) if (re.test(key)) inflight.delete(key);
      return removed;
    },
    async stats() {
      const total = hits + misses;
      return {
        backend: 'memory',
        status: 'up',
        hits,
        misses,
        hit_rate: total === 0 ? null : hits / total,
        keys: entries.size,
        since,
      };
    },
    async close() {
      entries.clear();
      inflight.clear();
    },
  };
}
