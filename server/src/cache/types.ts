/**
 * The cache contract the services depend on. The composition root picks the
 * implementation (in-process only, or in-process in front of Redis); services never know
 * which, and routes never touch the cache at all.
 */
import type { CacheStats } from '../api/schemas.ts';

/** What one lookup did: served from a cache tier, loaded and stored, or not cached at all. */
export type CacheOutcome = 'HIT' | 'MISS' | 'BYPASS';

export interface CacheResult<T> {
  value: T;
  outcome: CacheOutcome;
}

export interface Cache {
  /** A cached value, or undefined on a miss (a corrupt or foreign value is a miss). */
  get<T>(key: string): Promise<T | undefined>;
  /** Store a JSON-serialisable value for ttlSeconds. */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  /**
   * The cached value, or the loader's (stored for ttlSeconds). Concurrent misses for one
   * key run the loader once. A cache fault never fails the call: it answers BYPASS.
   */
  getOrSet<T>(key: string, ttlSeconds: number, loader: () => Promise<T>): Promise<CacheResult<T>>;
  /**
   * Drop every entry whose key matches a glob pattern (`stocks:*`, `stocks:detail:AAPL`),
   * in every tier and every process sharing the cache. Resolves with the number removed
   * where the tier can count them.
   */
  invalidate(pattern: string): Promise<number>;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
}
