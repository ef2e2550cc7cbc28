/**
 * Typed errors of the Financial Modeling Prep client. Every message says what failed and
 * what to do, names the endpoint and shows the URL with the API key replaced by `***`:
 * the key never appears in a message, a log line or an error tracker's event.
 */

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
  | 'api_error';

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

export class FmpError extends Error {
  readonly endpoint: string;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly fmpMessage: string | undefined;
  readonly attempts: number;

  constructor(
    readonly code: FmpErrorCode,
    summary: string,
    details: FmpErrorDetails,
  ) {
    const parts = [`FMP ${details.endpoint}: ${summary}`];
    if (details.status !== undefined) parts.push(`(HTTP ${details.status})`);
    if (details.fmpMessage) parts.push(`FMP says: "${details.fmpMessage}"`);
    if (details.attempts && details.attempts > 1) parts.push(`after ${details.attempts} attempts`);
    if (details.url) parts.push(`[${details.url}]`);
    super(parts.join(' '));
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
    super('network', `cannot reach FMP (${reason})`, d);
  }
}

/** FMP answered something that is not the documented format. */
export class FmpResponseError extends FmpError {
  constructor(d: FmpErrorDetails, problem: string) {
    super('bad_response', `unexpected response: ${problem}`, d);
  }
}

/** Any other FMP error body (4xx, or an "Error Message" on a 200). */
export class FmpApiError extends FmpError {
  constructor(d: FmpErrorDetails) {
    super('api_error', 'FMP refused the request', d);
  }
}
