/**
 * A small typed client for the VibeApp API. Every call goes through `request`, which turns
 * failures into two kinds of error the UI can tell apart:
 * - `ApiError`: the API answered with an error (4xx/5xx and the `{ error: { code, message } }` body);
 * - `ApiUnreachableError`: no answer at all (network failure, or the dev proxy's bare 502/503/504).
 * The second is retried with backoff by `useApi`; the first is shown with the server's message.
 */
import type {
  CacheStats,
  Health,
  Heatmap,
  JobList,
  Leaderboard,
  PriceHistory,
  PriceRange,
  ScoreBacktest,
  ScoreHistory,
  ScreenerCatalog,
  ScreenPage,
  SectorList,
  SortColumn,
  StockDetail,
  StockPage,
  StrategyList,
  StrategyResult,
  TopStocks,
} from './types.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The parsed response body, when it was JSON. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
  constructor(readonly detail?: string) {
    super('API unreachable');
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Prefix for every path ('' in the browser: same origin, proxied in development). */
  baseUrl?: string;
  fetch?: FetchLike;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the defined, non-empty values of a query object ('' when none). */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const err = (body as { error: unknown }).error;
  return (
    !!err &&
    typeof err === 'object' &&
    typeof (err as { message?: unknown }).message === 'string' &&
    typeof (err as { code?: unknown }).code === 'string'
  );
}

function isHealthBody(body: unknown): body is Health {
  return !!body && typeof body === 'object' && 'status' in body && 'checks' in body;
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

export interface StockListParams {
  page?: number;
  size?: number;
  sector?: string;
  q?: string;
  min_score?: number;
  max_score?: number;
  sort?: SortColumn;
  order?: 'asc' | 'desc';
  industry?: string;
  exchange?: string;
  /** Metric keys, comma-separated: rows then carry ticker, name and these fields. */
  columns?: string;
  /** Any numeric metric's bounds (`pe_max=15`), in its unit (GET /api/screener/metrics). */
  [bound: `${string}_min` | `${string}_max`]: number | undefined;
}

export function createApiClient(options: ClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(
    path: string,
    query?: Query,
    signal?: AbortSignal,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const url = `${baseUrl}${path}${queryString(query)}`;
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept: 'application/json', ...headers }, signal });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiUnreachableError((err as Error)?.message);
    }
    let text = '';
    try {
      text = await res.text();
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiUnreachableError((err as Error)?.message);
    }
    let body: unknown;
    let parsed = false;
    if (text) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (!res.ok) {
      if (parsed && isErrorBody(body))
        throw new ApiError(res.status, body.error.code, body.error.message, body);
      // A bare 502/503/504 (no JSON) comes from a proxy in front of an API that is down.
      if (!parsed && GATEWAY_STATUSES.has(res.status)) throw new ApiUnreachableError(`HTTP ${res.status}`);
      throw new ApiError(
        res.status,
        'http_error',
        `The API answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
        parsed ? body : undefined,
      );
    }
    if (!parsed) throw new ApiError(res.status, 'bad_response', 'The API sent a response that is not JSON.');
    return body as T;
  }

  const enc = encodeURIComponent;
  return {
    request,
    /** /health answers 503 with its normal body when unhealthy: that is still a health report. */
    health: (signal?: AbortSignal) =>
      request<Health>('/health', undefined, signal).catch((err: unknown) => {
        if (err instanceof ApiError && isHealthBody(err.body)) return err.body;
        throw err;
      }),
    stocks: (params: StockListParams, signal?: AbortSignal) =>
      request<StockPage>('/api/stocks', { ...params }, signal),
    /** The list with `columns=`: rows carry ticker, name and the chosen metrics. */
    screen: (params: StockListParams, signal?: AbortSignal) =>
      request<ScreenPage>('/api/stocks', { ...params }, signal),
    /** The screener's metric catalog: keys, labels, units, groups, presets and today's ranges. */
    screenerMetrics: (signal?: AbortSignal) =>
      request<ScreenerCatalog>('/api/screener/metrics', undefined, signal),
    stock: (ticker: string, signal?: AbortSignal) =>
      request<StockDetail>(`/api/stocks/${enc(ticker)}`, undefined, signal),
    /** Daily bars; `indicators` adds the server's series (`rsi`, `macd`, `bb`) to each point. */
    prices: (ticker: string, range: PriceRange, signal?: AbortSignal, indicators: readonly string[] = []) =>
      request<PriceHistory>(
        `/api/stocks/${enc(ticker)}/prices`,
        { range, indicators: indicators.join(',') },
        signal,
      ),
    scores: (ticker: string, signal?: AbortSignal) =>
      request<ScoreHistory>(`/api/stocks/${enc(ticker)}/scores`, undefined, signal),
    top: (limit: number, signal?: AbortSignal) => request<TopStocks>('/api/stocks/top', { limit }, signal),
    leaderboard: (params: { limit?: number; sector?: string }, signal?: AbortSignal) =>
      request<Leaderboard>('/api/stocks/leaderboard/top', params, signal),
    strategies: (signal?: AbortSignal) =>
      request<StrategyList>('/api/stocks/screener/strategies', undefined, signal),
    strategy: (id: string, limit: number, signal?: AbortSignal) =>
      request<StrategyResult>(`/api/stocks/screener/strategies/${enc(id)}`, { limit }, signal),
    sectors: (signal?: AbortSignal) => request<SectorList>('/api/sectors', undefined, signal),
    /**
     * The market map: the largest stocks (`limit`, 500 by default) by sector and industry, over
     * the market or in one `sector`, with every sector's totals over all its stocks.
     */
    heatmap: (params: { sector?: string; limit?: number }, signal?: AbortSignal) =>
      request<Heatmap>('/api/screener/heatmap', params, signal),
    /** Does the score predict? Forward returns by score decile, the IC, hit rate and turnover. */
    backtest: (signal?: AbortSignal) => request<ScoreBacktest>('/api/backtest/score', undefined, signal),
    /**
     * Cache hit/miss statistics: operational detail, sent with the admin token (401 without
     * it, 403 when the server has none; 404 from APIs built without the cache tier).
     */
    systemCache: (signal?: AbortSignal, token?: string) =>
      request<CacheStats>('/api/system/cache', undefined, signal, bearer(token)),
    /** Scheduled jobs' last and next runs: operational detail, as systemCache. */
    systemJobs: (signal?: AbortSignal, token?: string) =>
      request<JobList>('/api/system/jobs', undefined, signal, bearer(token)),
  };
}

/** The admin token as an Authorization header (none without a token). */
const bearer = (token?: string): Record<string, string> =>
  token ? { Authorization: `Bearer ${token}` } : {};

export type ApiClient = ReturnType<typeof createApiClient>;

/** The browser's client: same origin (the dev server proxies the API; in production the API serves the app). */
export const api = createApiClient();

/** A user-facing message for any error thrown by the client. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiUnreachableError) return 'Cannot reach the VibeApp API.';
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

/** The admin token is missing or wrong (401), or the server has none (403): asking again will not help. */
export function isAdminRefusal(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 401 || err.status === 403);
}

const memo = new Map<string, { at: number; promise: Promise<unknown> }>();

/**
 * Share one request among callers for `ttlMs` (lists that rarely change, such as the sectors).
 * A failed request is forgotten at once so the next caller tries again.
 */
export function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = memo.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.promise as Promise<T>;
  const promise = load();
  memo.set(key, { at: Date.now(), promise });
  promise.catch(() => {
    if (memo.get(key)?.promise === promise) memo.delete(key);
  });
  return promise;
}

/** The metric catalog, shared by the stocks page's panels (5 minutes). */
export const screenerMetricsCached = () => cached('screener-metrics', 300_000, () => api.screenerMetrics());

/** The strategies with their rules (5 minutes). */
export const strategiesCached = () => cached('strategies', 300_000, () => api.strategies());

/** The sector list, shared by the overview, the stocks filter and the leaderboard (5 minutes). */
export const sectorsCached = () => cached('sectors', 300_000, () => api.sectors());
