/**
 * The HTTP client for Financial Modeling Prep's `/stable` API: one GET per call, counted
 * against the daily budget before it is sent, spaced by a minimum interval, bounded by a
 * timeout (per attempt, over the headers and the whole body: a server that sends headers
 * and then stalls is cut off too) and a body size cap, retried with exponential backoff on
 * 429, 5xx, timeouts and network failures (a Retry-After header sets the wait, up to
 * `maxBackoffMs`; 401, 402, 403, a body that is not JSON and a body over the cap are never
 * retried), and every failure mapped to a typed `FmpError`.
 *
 * FMP's format: a successful body is a JSON array (an unknown symbol gives `[]`); an error
 * is a JSON object with an `"Error Message"` key (401 invalid key, 402 plan-restricted,
 * 403 legacy endpoint, 429 limit reached).
 *
 * The key travels as the `apikey` query parameter (FMP's documented way) and is removed
 * from every URL, message and log line this module produces.
 */
import { type Clock, systemClock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import type { CallBudget } from './budget.ts';
import {
  FmpApiError,
  FmpAuthError,
  FmpBodyTooLargeError,
  FmpBudgetExhaustedError,
  type FmpError,
  type FmpErrorDetails,
  FmpForbiddenError,
  FmpLegacyEndpointError,
  FmpNetworkError,
  FmpPlanError,
  FmpRateLimitError,
  FmpResponseError,
  FmpServerError,
  FmpTimeoutError,
} from './errors.ts';

const FMP_DEFAULT_BASE_URL = 'https://financialmodelingprep.com/stable';

export interface FmpClientOptions {
  apiKey: string;
  /** Default https://financialmodelingprep.com/stable. */
  baseUrl?: string;
  budget: CallBudget;
  /** Per attempt, from the request to the body's last byte (default 10 s). */
  timeoutMs?: number;
  /** Largest body read (default 20 MB); a larger one fails with `body_too_large`, unread. */
  maxBodyBytes?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts and network errors (default 3). */
  retries?: number;
  /** First backoff (default 1 s), doubled each retry with ±20 % jitter. */
  backoffMs?: number;
  /** Longest single wait, also the cap on a Retry-After header (default 30 s). */
  maxBackoffMs?: number;
  /** Least time between two requests (default 250 ms). */
  minIntervalMs?: number;
  logger?: Logger;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The process's clock: the budget's day, the pacing between requests and a Retry-After
   * date. A clock that stands still needs a `sleep` that moves it (or does not wait).
   */
  clock?: Clock;
  random?: () => number;
}

export type FmpQuery = Record<string, string | number | undefined>;

/** FMP's largest answers (decades of daily bars for one symbol) are a few MB. */
const FMP_DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const RETRYABLE_STATUS = (status: number) => status === 429 || status >= 500;

/** Replace every occurrence of `secret` (and its URL-encoded form) in `text` with `***`. */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  return out.replace(/([?&]apikey=)[^&#\s"]*/gi, '$1***');
}

export class FmpClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly budget: CallBudget;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly minIntervalMs: number;
  private readonly logger: Logger | undefined;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private nextSlot = 0;
  /** HTTP requests sent by this client (retries included). */
  requests = 0;

  constructor(options: FmpClientOptions) {
    if (!options.apiKey) throw new Error('FmpClient: an API key is required (FMP_API_KEY)');
    this.apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? FMP_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.budget = options.budget;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBodyBytes = options.maxBodyBytes ?? FMP_DEFAULT_MAX_BODY_BYTES;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.logger = options.logger;
    this.doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? defaultSleep;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  /** The request URL with the key, and the same URL safe to show. */
  private urls(endpoint: string, query: FmpQuery): { real: string; shown: string } {
    const url = new URL(`${this.baseUrl}/${endpoint}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const shown = url.toString();
    url.searchParams.set('apikey', this.apiKey);
    return { real: url.toString(), shown: `${shown}${shown.includes('?') ? '&' : '?'}apikey=***` };
  }

  private clean(text: string): string {
    return redact(text, this.apiKey);
  }

  /** GET `endpoint` and return FMP's JSON array (`[]` for an unknown symbol). */
  async get(endpoint: string, query: FmpQuery = {}): Promise<Record<string, unknown>[]> {
    const { real, shown } = this.urls(endpoint, query);
    const url = this.clean(shown);
    let lastError: FmpError | undefined;
    for (let attempt = 1; attempt <= this.retries + 1; attempt++) {
      if (!(await this.budget.take(this.clock.now()))) {
        const usage = await this.budget.usage(this.clock.now());
        throw new FmpBudgetExhaustedError(endpoint, usage.day, usage.limit);
      }
      await this.pace();
      const details: FmpErrorDetails = { endpoint, url, attempts: attempt };
      const outcome = await this.attempt(real, details);
      if (Array.isArray(outcome)) return outcome;
      lastError = outcome.error;
      if (!outcome.retryable || attempt > this.retries) break;
      const wait = this.backoff(attempt, outcome.retryAfterMs);
      this.logger?.warn(
        `FMP ${endpoint}: ${outcome.error.code} (attempt ${attempt} of ${this.retries + 1}), retrying in ${wait} ms`,
      );
      await this.sleep(wait);
    }
    // The loop makes at least one attempt (retries >= 0), so an error is always set here.
    throw lastError ?? new Error(`FMP ${endpoint}: no attempt was made`);
  }

  /** Wait for this request's slot: `minIntervalMs` after the one before, by the clock. */
  private async pace(): Promise<void> {
    const now = this.clock.now().getTime();
    const wait = this.nextSlot - now;
    this.nextSlot = Math.max(now, this.nextSlot) + this.minIntervalMs;
    if (wait > 0) await this.sleep(wait);
  }

  /** Backoff before retry number `attempt`: base·2^(attempt-1) ±20 %, or Retry-After; capped. */
  backoff(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return Math.min(this.maxBackoffMs, retryAfterMs);
    const base = this.backoffMs * 2 ** (attempt - 1);
    const jitter = 1 + (this.random() * 0.4 - 0.2);
    return Math.round(Math.min(this.maxBackoffMs, base * jitter));
  }

  private async attempt(
    real: string,
    details: FmpErrorDetails,
  ): Promise<Record<string, unknown>[] | { error: FmpError; retryable: boolean; retryAfterMs?: number }> {
    this.requests++;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let text: string | null;
    try {
      res = await this.doFetch(real, { headers: { accept: 'application/json' }, signal });
      // The signal bounds the body too: a stalled body ends in the same TimeoutError.
      text = await readCapped(res, this.maxBodyBytes);
    } catch (err) {
      const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
      if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
        return { error: new FmpTimeoutError(details, this.timeoutMs), retryable: true };
      }
      const reason = this.clean(e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err));
      return { error: new FmpNetworkError(details, reason), retryable: true };
    }
    const d: FmpErrorDetails = { ...details, status: res.status };
    if (text === null && res.ok)
      return { error: new FmpBodyTooLargeError(d, this.maxBodyBytes), retryable: false };
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const fmpMessage = errorMessageOf(body);
    if (fmpMessage !== undefined) d.fmpMessage = this.clean(fmpMessage);
    if (res.ok && Array.isArray(body)) return body as Record<string, unknown>[];
    if (res.ok && fmpMessage === undefined) {
      const problem = body === undefined ? 'the body is not JSON' : 'expected a JSON array';
      return { error: new FmpResponseError(d, problem), retryable: false };
    }
    const status = res.status;
    if (status === 429 || (res.ok && /limit reach/i.test(fmpMessage ?? ''))) {
      return {
        error: new FmpRateLimitError(d),
        retryable: true,
        retryAfterMs: retryAfter(res, this.clock.now()),
      };
    }
    if (status >= 500) {
      return {
        error: new FmpServerError(d),
        retryable: RETRYABLE_STATUS(status),
        retryAfterMs: retryAfter(res, this.clock.now()),
      };
    }
    if (status === 401 || /invalid api key/i.test(fmpMessage ?? '')) {
      return { error: new FmpAuthError(d), retryable: false };
    }
    if (status === 402) return { error: new FmpPlanError(d), retryable: false };
    if (status === 403 || /legacy endpoint/i.test(fmpMessage ?? '')) {
      const legacy = /legacy/i.test(fmpMessage ?? '');
      return { error: legacy ? new FmpLegacyEndpointError(d) : new FmpForbiddenError(d), retryable: false };
    }
    return { error: new FmpApiError(d), retryable: false };
  }
}

/**
 * `res`'s body as text, or null when it is larger than `maxBytes`: a declared length over
 * the cap is refused before reading, and a body without one is cut off at the cap.
 */
async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    return null;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorMessageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const msg = (body as Record<string, unknown>)['Error Message'] ?? (body as Record<string, unknown>).message;
  return typeof msg === 'string' ? msg : undefined;
}

/** A Retry-After header in ms: seconds, or an HTTP date counted from `now`. */
function retryAfter(res: Response, now: Date): number | undefined {
  const value = res.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
