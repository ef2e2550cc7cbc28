/**
 * The one place errors become HTTP answers: the status of each kind of application error
 * (`../errors.ts`, thrown by services and the route layer alike), and the middleware (first
 * in the chain) that turns any error into `{ "error": { "code", "message" } }`. Unknown
 * errors become a generic 500; the detail goes to the log (and error tracking), never to
 * the client.
 */
import { type Server, STATUS_CODES as STATUS_TEXT } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context, Middleware } from 'koa';
import { asDatabaseUnavailable } from '../db/availability.ts';
import {
  AppError,
  clip,
  type ErrorKind,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RequestScope } from './scope.ts';

/** Longest error message sent: a safety net under `clip` for anything that echoes input. */
const MAX_MESSAGE = 300;

/** The HTTP status of each kind of application error. */
const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
  rate_limited: 429,
};

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  431: 'request_header_fields_too_large',
  501: 'not_implemented',
};

const STATUS_MESSAGES: Record<number, string> = {
  405: 'Method not allowed (the Allow header lists the methods this path answers)',
  408: 'Request timeout',
  413: 'Payload too large',
  431: 'Request header fields too large (the URL or the headers are too long)',
  501: 'Method not implemented',
};

/** The JSON error body for a status (the documented `{ error: { code, message } }`). */
function errorBody(status: number, message?: string, code?: string) {
  const text = message ?? STATUS_MESSAGES[status] ?? 'Bad request';
  return {
    error: {
      code: code ?? STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'),
      message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text,
    },
  };
}

/**
 * Render every error as JSON. Unexpected errors are logged (with the request id, through
 * the request's logger) and handed to `report` (Sentry).
 */
export function errorMiddleware(logger: Logger, report?: (err: unknown, ctx: Context) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) {
        throw new NotFoundError(`no route for ${ctx.method} ${clip(ctx.path, 48)}`, 'route_not_found');
      }
      // Error statuses set without a body (405/501 from the router's allowedMethods...).
      if (ctx.status >= 400 && ctx.body == null) {
        const status = ctx.status;
        ctx.body = errorBody(status);
        ctx.status = status;
      }
    } catch (thrown) {
      // A database that is away (restart, stop, pool timeout) is a 503, not a bug: the
      // driver's connection-class errors become one UnavailableError here.
      const err = asDatabaseUnavailable(thrown) ?? thrown;
      if (err instanceof AppError) {
        const status = STATUS_OF_KIND[err.kind];
        ctx.status = status;
        if (err instanceof UnavailableError || err instanceof RateLimitedError)
          ctx.set('Retry-After', String(err.retryAfterS));
        // RFC 6750: a missing or wrong bearer token names the scheme it needs.
        if (err instanceof UnauthorizedError) ctx.set('WWW-Authenticate', 'Bearer realm="vibeapp-admin"');
        ctx.body = errorBody(status, err.message, err.code);
        return;
      }
      const httpErr = err as {
        status?: number;
        expose?: boolean;
        message?: string;
        headers?: Record<string, string>;
      };
      const status = httpErr?.status;
      if (typeof status === 'number' && ((status >= 400 && status < 500) || status === 501)) {
        // Koa/router HTTP errors (malformed URLs, 501 for methods nothing implements...).
        ctx.status = status;
        if (httpErr.headers) ctx.set(httpErr.headers);
        ctx.body = errorBody(status, httpErr.expose && httpErr.message ? httpErr.message : undefined);
        return;
      }
      const log = (ctx.state.scope as RequestScope | undefined)?.log ?? logger;
      log.error({ err, method: ctx.method, path: ctx.path }, 'unhandled error');
      report?.(err, ctx);
      ctx.status = 500;
      ctx.body = errorBody(500, 'Internal server error', 'internal_error');
    }
  };
}

/** Statuses for the errors node's HTTP parser raises before a request reaches Koa. */
const PARSER_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_INVALID_METHOD: 501,
};

/**
 * Answer the requests node's HTTP parser rejects (URL or headers too long, malformed
 * request lines and headers, unknown methods, timeouts) with the JSON error shape instead
 * of node's empty default body. Attach to every server that serves the app.
 */
export function handleClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const attached = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || attached?.headersSent) {
      socket.destroy();
      return;
    }
    const status = PARSER_STATUS[err.code ?? ''] ?? 400;
    const body = JSON.stringify(
      errorBody(status, status === 400 ? 'Bad request: the request is not valid HTTP' : undefined),
    );
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
