/**
 * The error classes the HTTP layer renders, each with a status and a stable `code`, and
 * the one middleware (first in the chain) that turns any error into
 * `{ "error": { "code", "message" } }`. Unknown errors become a generic 500; the detail
 * goes to the log (and error tracking), never to the client.
 */
import type { Context, Middleware } from 'koa';
import type { Logger } from '../logger.ts';
import type { RequestScope } from './scope.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = 'invalid_parameter') {
    super(400, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, code = 'not_found') {
    super(404, code, message);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, 'service_unavailable', message);
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  501: 'not_implemented',
};

/**
 * Render every error as JSON. Unexpected errors are logged (with the request id, through
 * the request's logger) and handed to `report` (Sentry).
 */
export function errorMiddleware(logger: Logger, report?: (err: unknown, ctx: Context) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new NotFoundError(`no route for ${ctx.method} ${ctx.path}`, 'route_not_found');
      }
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message } };
        return;
      }
      const httpErr = err as {
        status?: number;
        expose?: boolean;
        message?: string;
        headers?: Record<string, string>;
      };
      if (typeof httpErr?.status === 'number' && httpErr.status >= 400 && httpErr.status < 500) {
        // Koa/router HTTP errors (405 from allowedMethods, malformed URLs...).
        ctx.status = httpErr.status;
        if (httpErr.headers) ctx.set(httpErr.headers);
        ctx.body = {
          error: {
            code: STATUS_CODES[httpErr.status] ?? 'bad_request',
            message: httpErr.expose && httpErr.message ? httpErr.message : 'Bad request',
          },
        };
        return;
      }
      const log = (ctx.state.scope as RequestScope | undefined)?.log ?? logger;
      log.error({ err, method: ctx.method, path: ctx.path }, 'unhandled error');
      report?.(err, ctx);
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: 'Internal server error' } };
    }
  };
}
