/**
 * Typed errors of the Financial Modeling Prep client. Every message says what failed and
 * what to do, names the endpoint and shows the URL with the API key replaced by `***`:
 * the key never appears in a message, a log line or an error tracker's event.
 *
 * Each error also has a public face (`publicCode`, `publicMessage`: see `PublicFailure`),
 * what a job's status shows: a `provider_*` code and the summary, endpoint, HTTP status
 * and attempts, without the URL, FMP's own words or a network error's host and port.
 */
import type { PublicFailure } from '../../errors.ts';

export type FmpErrorCode =
  | 'invalid_key'
  | 'plan_restricted'
  | 'legacy_endpoint'
  | 'forbidden'
  | 'rate_limited'
  | 'daily_budget_exhausted'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'bad_response'
  | 'body_too_large'
  | 'api_error';

/** Failures that a later try may not meet (FMP down or busy, the network); the others recur until someone acts. */
const TRANSIENT = new Set<FmpErrorCode>(['rate_limited', 'server_error', 'timeout', 'network']);

/** The public code of each error (`/api/system/jobs` shows it). */
const PUBLIC_CODES: Record<FmpErrorCode, string> = {
  invalid_key: 'provider_auth',
  plan_restricted: 'provider_plan',
  legacy_endpoint: 'provider_legacy_endpoint',
  forbidden: 'provider_forbidden',
  rate_limited: 'provider_rate_limited',
  daily_budget_exhausted: 'provider_budget_exhausted',
  server_error: 'provider_server_error',
  timeout: 'provider_timeout',
  network: 'provider_network',
  bad_response: 'provider_bad_response',
  body_too_large: 'provider_body_too_large',
  api_error: 'provider_error',
};

export interface FmpErrorDetails {
  /** The endpoint path, e.g. `batch-quote`. */
  endpoint: string;
  /** The request URL with the key redacted. */
  url?: string;
  /** HTTP status, when FMP answered. */
  status?: number;
  /** FMP's own `"Error Message"`, redacted. */
  fmpMessage?: string;
  /** HTTP attempts made (1 + retries). */
  attempts?: number;
}

export class FmpError extends Error implements PublicFailure {
  readonly endpoint: string;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly fmpMessage: string | undefined;
  readonly attempts: number;
  readonly publicCode: string;
  readonly publicMessage: string;
  readonly retryable: boolean;

  constructor(
    readonly code: FmpErrorCode,
    summary: string,
    details: FmpErrorDetails,
    /** The summary without anything private (default: `summary`). */
    publicSummary = summary,
  ) {
    const status = details.status !== undefined ? [`(HTTP ${details.status})`] : [];
    const attempts = details.attempts && details.attempts > 1 ? [`after ${details.attempts} attempts`] : [];
    const parts = [`FMP ${details.endpoint}: ${summary}`, ...status];
    if (details.fmpMessage) parts.push(`FMP says: "${details.fmpMessage}"`);
    parts.push(...attempts);
    if (details.url) parts.push(`[${details.url}]`);
    super(parts.join(' '));
    this.publicCode = PUBLIC_CODES[code];
    this.retryable = TRANSIENT.has(code);
    this.publicMessage = [`FMP ${details.endpoint}: ${publicSummary}`, ...status, ...attempts].join(' ');
    this.name = new.target.name;
    this.endpoint = details.endpoint;
    this.url = details.url;
    this.status = details.status;
    this.fmpMessage = details.fmpMessage;
    this.attempts = details.attempts ?? 1;
  }
}

/** 401: the key is wrong or revoked. */
export class FmpAuthError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('invalid_key', 'the API key was refused: check FMP_API_KEY', d);
  }
}

/** 402: the endpoint or symbol needs a higher FMP plan. */
export class FmpPlanError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('plan_restricted', "this endpoint or symbol is not in the key's FMP plan", d);
  }
}

/** 403 "Legacy Endpoint": keys made since late 2025 only reach /stable. */
export class FmpLegacyEndpointError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('legacy_endpoint', 'legacy endpoint refused: FMP_BASE_URL must point at the /stable API', d);
  }
}

/** 403 for any other reason. */
export class FmpForbiddenError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('forbidden', 'access refused', d);
  }
}

/** 429 after every retry: FMP's limit is reached. */
export class FmpRateLimitError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('rate_limited', "FMP's request limit is reached: try again later", d);
  }
}

/** Our own daily call budget is spent: no request was sent. */
export class FmpBudgetExhaustedError extends FmpError {
  constructor(
    endpoint: string,
    readonly day: string,
    readonly limit: number,
  ) {
    super(
      'daily_budget_exhausted',
      `the daily budget of ${limit} calls for ${day} (New York) is spent: no request sent; it resets at midnight New York time (FMP_DAILY_LIMIT)`,
      { endpoint },
    );
  }
}

/** 5xx after every retry. */
export class FmpServerError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('server_error', 'FMP failed to answer', d);
  }
}

/** No answer within the timeout, after every retry. */
export class FmpTimeoutError extends FmpError {
  constructor(
    d: FmpErrorDetails,
    readonly timeoutMs: number,
  ) {
    super('timeout', `no answer within ${timeoutMs} ms`, d);
  }
}

/** The connection failed (DNS, refused, reset), after every retry. */
export class FmpNetworkError extends FmpError {
  constructor(d: FmpErrorDetails, reason: string) {
    // The reason may name a host and port (`connect ECONNREFUSED 10.0.0.5:443`): public only when a bare code.
    super(
      'network',
      `cannot reach FMP (${reason})`,
      d,
      /^E[A-Z_]+$/.test(reason) ? `cannot reach FMP (${reason})` : 'cannot reach FMP',
    );
  }
}

/** FMP answered something that is not the documented format. */
export class FmpResponseError extends FmpError {
  constructor(d: FmpErrorDetails, problem: string) {
    super('bad_response', `unexpected response: ${problem}`, d);
  }
}

/** The body is larger than the client's cap: not read further, not retried (it would be as large again). */
export class FmpBodyTooLargeError extends FmpError {
  constructor(
    d: FmpErrorDetails,
    readonly maxBytes: number,
  ) {
    super('body_too_large', `the body is larger than ${maxBytes} bytes: not read`, d);
  }
}

/** Any other FMP error body (4xx, or an "Error Message" on a 200). */
export class FmpApiError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('api_error', 'FMP refused the request', d);
  }
}
