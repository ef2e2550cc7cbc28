/**
 * The application's errors, free of any transport: services, repositories and domain code
 * throw these; `http/errors.ts` alone maps each kind to an HTTP status and renders
 * `{ "error": { "code", "message" } }`. A `code` is stable (clients and tests read it); a
 * message is for people and never carries SQL, hosts or stacks.
 */

/**
 * What went wrong: the input is invalid, the caller did not prove who they are (or may not
 * have this at all), the thing asked for does not exist, a dependency is down, or the client
 * has asked too often.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'unavailable'
  | 'rate_limited';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input does not meet the contract (a parameter out of range, unknown, malformed...). */
export class InvalidError extends AppError {
  constructor(message: string, code = 'invalid_parameter') {
    super('invalid', code, message);
  }
}

/** The caller sent no credentials, or wrong ones (`unauthorized`): an admin route without its token. */
export class UnauthorizedError extends AppError {
  constructor(message: string, code = 'unauthorized') {
    super('unauthorized', code, message);
  }
}

/** No credentials can open this for now (`admin_disabled`: the operator set no ADMIN_TOKEN). */
export class ForbiddenError extends AppError {
  constructor(message: string, code = 'forbidden') {
    super('forbidden', code, message);
  }
}

/** The resource asked for does not exist (`stock_not_found`, `strategy_not_found`...). */
export class NotFoundError extends AppError {
  constructor(message: string, code = 'not_found') {
    super('not_found', code, message);
  }
}

/**
 * A dependency the answer needs is down for now (`database_unavailable`...): worth trying
 * again after `retryAfterS` seconds.
 */
export class UnavailableError extends AppError {
  constructor(
    message: string,
    code = 'unavailable',
    readonly retryAfterS = 5,
  ) {
    super('unavailable', code, message);
  }
}

/** The client has used up its requests for now (`rate_limited`): try again after `retryAfterS` seconds. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super('rate_limited', 'rate_limited', message);
  }
}

/**
 * A failure whose code and message anyone may read (a job's status, `/api/system/jobs`):
 * a stable code (e.g. `provider_timeout`) and a sentence with codes and times only, never a
 * URL, a host or port, SQL or a stack. The error's own `message` stays for the logs.
 */
export interface PublicFailure {
  readonly publicCode: string;
  readonly publicMessage: string;
  /** False when trying again later fails the same way (a refused key): a job does not retry it. */
  readonly retryable?: boolean;
}

/** The public face of `err` when it has one. */
export function publicFailureOf(err: unknown): PublicFailure | null {
  if (!err || typeof err !== 'object') return null;
  const { publicCode, publicMessage, retryable } = err as Partial<PublicFailure>;
  return typeof publicCode === 'string' && typeof publicMessage === 'string'
    ? { publicCode, publicMessage, retryable: retryable !== false }
    : null;
}

/**
 * What a public body may say about a driver's or client's error: its code (`ECONNREFUSED`,
 * `57P01`, `SQLITE_BUSY`...) when it has one, else `fallback`; never its message, which may
 * hold a host and port, SQL with values, or a path. The full error stays for the logs.
 */
export function publicReason(err: unknown, fallback = 'error'): string {
  const e = err as { code?: unknown; errors?: unknown[] } | null;
  const code = e?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
  // pg's AggregateError (IPv4 and IPv6 attempts) holds the codes inside.
  return Array.isArray(e?.errors) && e.errors.length > 0 ? publicReason(e.errors[0], fallback) : fallback;
}

/**
 * A value from the request, quoted and cut to `max` characters, for error messages:
 * never echo unbounded input.
 */
export function clip(value: string, max = 32): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
