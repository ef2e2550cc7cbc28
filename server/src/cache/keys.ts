/**
 * The cache's key space: one builder per cached use case (the names of the requirements'
 * cache table), their lifetimes from config, and the patterns a data change invalidates.
 * Keys are stored in Redis as `<CACHE_KEY_PREFIX>:v<CACHE_SCHEMA_VERSION>:<key>`.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Cache } from './types.ts';

/**
 * Bump when the shape of any cached value changes: a deploy then reads and writes a fresh
 * key space (`vibeapp:v2:…`) and never parses entries written by the previous version.
 */
export const CACHE_SCHEMA_VERSION = 1;

/** The Redis prefix of every key, e.g. `vibeapp:v1:`. */
export function keyPrefix(prefix: string, version = CACHE_SCHEMA_VERSION): string {
  return `${prefix}:v${version}:`;
}

/**
 * A short, stable hash of query parameters: key order and absent values do not matter,
 * so equal queries (after validation filled in defaults) share one entry.
 */
export function paramsHash(params: Record<string, unknown>): string {
  // A deep-frozen query (the route layer hands every repeat of a query string the same
  // frozen, validated object) cannot change: its hash is kept with it.
  const known = hashOfFrozen.get(params);
  if (known !== undefined) return known;
  const canonical = Object.keys(params)
    .filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== '')
    .sort()
    .map((k) => [k, params[k]]);
  const text = JSON.stringify(canonical);
  // Hashing is the dearest step of a cached list request: the few queries clients repeat
  // are remembered (a bounded table, emptied when full).
  let hash = recentHashes.get(text);
  if (hash === undefined) {
    hash = createHash('sha1').update(text).digest('hex').slice(0, 16);
    if (recentHashes.size >= RECENT_HASHES_MAX) recentHashes.clear();
    recentHashes.set(text, hash);
  }
  if (isDeepFrozen(params)) hashOfFrozen.set(params, hash);
  return hash;
}

/** Hashes of deep-frozen parameter objects (frozen once, they stay so: the hash stays true). */
const hashOfFrozen = new WeakMap<object, string>();

/** Plain data (objects, arrays, primitives) all frozen; a Date is never (freezing leaves its time settable). */
function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

const RECENT_HASHES_MAX = 4096;
const recentHashes = new Map<string, string>();

/** Sector names as key parts: `Consumer Discretionary` → `consumer-discretionary`; none → `all`. */
function sectorPart(sector: string | null | undefined): string {
  if (!sector) return 'all';
  return sector
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

export const cacheKeys = {
  /** GET /api/stocks: the validated list query (page, size, sort, order, filters). */
  stockList: (query: Record<string, unknown>) => `stocks:list:${paramsHash(query)}`,
  /**
   * Not a cached entry: the name under which each process's screener column table
   * (screener/screen-table.ts) hears the data changes that make it stale.
   */
  screenTable: () => 'stocks:screen-table',
  /** GET /api/screener/metrics: the metric catalog with the data's values and ranges. */
  screenerMetrics: () => 'screener:metrics',
  /** GET /api/stocks/{ticker}. */
  stockDetail: (ticker: string) => `stocks:detail:${ticker.toUpperCase()}`,
  /** A stock's score breakdown. */
  stockScore: (ticker: string) => `stocks:score:${ticker.toUpperCase()}`,
  /**
   * A stock's whole price history with its indicator series (`stocks/presenters.ts`
   * PriceSeries), computed once per data change; the price route's answers are cut from it.
   */
  priceSeries: (ticker: string) => `stocks:prices:${ticker.toUpperCase()}`,
  /** GET /api/stocks/{ticker}/prices for a named range (`1y`, `max`, ...) and indicator list. */
  prices: (ticker: string, range: string, indicators: readonly string[]) =>
    `stocks:prices:${ticker.toUpperCase()}:${range}:${indicators.length ? [...indicators].sort().join(',') : 'none'}`,
  /** GET /api/sectors: the per-sector aggregates. */
  sectors: () => 'stocks:sectors',
  /** GET /api/stocks/top. */
  top: (limit: number) => `stocks:top:${limit}`,
  /** GET /api/stocks/leaderboard/top. */
  leaderboard: (limit: number, sector?: string | null) => `leaderboard:${limit}:${sectorPart(sector)}`,
  /** GET /api/stocks/screener/strategies/{strategy}. */
  screener: (strategy: string, limit: number) => `screener:${strategy.toLowerCase()}:${limit}`,
  /** GET /api/stocks/screener/strategies: every strategy with today's match counts. */
  screenerSummaries: () => 'screener:strategies',
  /** GET /api/screener/heatmap: the market's (or a sector's) largest stocks, with every sector's totals. */
  heatmap: (sector: string | null | undefined, limit: number) =>
    `screener:heatmap:${sectorPart(sector)}:${limit}`,
  /** GET /api/backtest/score. */
  backtest: () => 'backtest:score',
} as const;

export type CacheKind =
  | 'list'
  | 'detail'
  | 'prices'
  | 'sectors'
  | 'score'
  | 'top'
  | 'leaderboard'
  | 'screener'
  | 'backtest';

/**
 * Lifetimes in seconds: lists, details and price series CACHE_TTL_DEFAULT, scores
 * CACHE_TTL_SCORES, rankings and the sector aggregates CACHE_TTL_RANKINGS.
 */
export function cacheTtls(config: Pick<Config, 'cache'>): Record<CacheKind, number> {
  const { cache } = config;
  return {
    list: cache.ttlDefault,
    detail: cache.ttlDefault,
    prices: cache.ttlDefault,
    sectors: cache.ttlRankings,
    score: cache.ttlScores,
    top: cache.ttlRankings,
    leaderboard: cache.ttlRankings,
    screener: cache.ttlRankings,
    backtest: cache.ttlRankings,
  };
}

/**
 * Everything derived from market data or scores. A seed, an ingest and a score recompute
 * change prices, fundamentals and ranks at once, so all of it goes.
 */
export const DATA_CHANGE_PATTERNS = ['stocks:*', 'leaderboard:*', 'screener:*', 'backtest:*'] as const;

/**
 * The use case a data change calls (ingest, refresh job, seed): drop every entry derived
 * from the data, in both tiers and in every process. Never throws; resolves with the
 * number of entries removed.
 */
export async function invalidateAfterDataChange(cache: Cache): Promise<number> {
  let removed = 0;
  for (const pattern of DATA_CHANGE_PATTERNS) removed += await cache.invalidate(pattern);
  return removed;
}
