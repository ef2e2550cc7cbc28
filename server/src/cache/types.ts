/**
 * The cache contract the services depend on. The composition root picks the
 * implementation (in-process only, or in-process in front of Redis); services never know
 * which, and routes never touch the cache at all.
 */
/** What one lookup did: served from a cache tier, loaded and stored, or not cached at all. */
export type CacheOutcome = 'HIT' | 'MISS' | 'BYPASS';

export interface CacheResult<T> {
  value: T;
  outcome: CacheOutcome;
}

/**
 * The cache's statistics since the process started (`GET /api/system/cache` sends them as
 * they are: `system/schemas.ts` checks that its contract is this type).
 */
export interface CacheStats {
  backend: 'redis' | 'memory' | 'none';
  status: 'up' | 'down' | 'disabled';
  hits: number;
  misses: number;
  /** hits / (hits + misses); null before any lookup. */
  hit_rate: number | null;
  keys: number | null;
  /** When the counters started (ISO-8601). */
  since: string;
  /** Lookups answered by the loader without storing (the shared tier unreachable). */
  bypasses?: number;
  /** Per tier: a hit is counted in the tier that answered it. */
  tiers?: {
    memory: { hits: number; entries: number; max_entries: number; bytes: number; max_bytes: number };
    /** null when REDIS_ENABLED is false. */
    redis: { hits: number; status: 'up' | 'down'; error: string | null } | null;
  };
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
  /**
   * Be told of every invalidation this process applies: its own and, over the bus, every
   * other process's (`*` when the process dropped everything, e.g. after missing messages).
   * For state kept beside the cache that must follow the same data changes.
   */
  onInvalidate(listener: (pattern: string) => void): void;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
}
