/**
 * Declarative routes: one definition per route drives the router (validation, handler)
 * and the OpenAPI document, so the two cannot drift.
 */
import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import { BadRequestError } from './errors.ts';
import type { RequestScope } from './scope.ts';

/** A caller's X-Request-Id is kept when it is a plain token of at most 128 characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The request's scope: its id (the caller's X-Request-Id when sane, else a new UUID,
 * echoed on the response) and a logger stamping every line with it. The child logger is
 * made on first use, so requests that log nothing pay nothing for it.
 */
export function createRequestScope(ctx: Context, logger: Logger): RequestScope {
  const given = ctx.get('X-Request-Id');
  const requestId = given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  ctx.set('X-Request-Id', requestId);
  let child: Logger | undefined;
  const scope: RequestScope = {
    requestId,
    get log() {
      child ??= logger.child({ reqId: requestId });
      return child;
    },
  };
  ctx.state.scope = scope;
  return scope;
}

/** The scope made for this request by the app's first middleware (or a new one). */
export function scopeOf(ctx: Context, logger: Logger): RequestScope {
  return (ctx.state.scope as RequestScope | undefined) ?? createRequestScope(ctx, logger);
}

export interface RouteDef<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get';
  /** Koa-style path, e.g. `/api/stocks/:ticker`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  query?: Q;
  params?: P;
  response: R;
  /** Extra documented responses (status → description); 400/500 are added for validated routes. */
  errors?: Record<number, string>;
  /** Returns the declared response's type: a missing or mistyped field fails the type-check. */
  handler: (input: {
    query: z.output<Q>;
    params: z.output<P>;
    scope: RequestScope;
    ctx: Context;
  }) => Promise<z.input<R>> | z.input<R>;
}

/** Identity helper that keeps the schema types flowing into the handler. */
export function route<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
>(def: RouteDef<Q, P, R>): RouteDef {
  return def as unknown as RouteDef;
}

/** Validate an input against a schema; every problem is listed in one 400 message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((i) => {
    const key = i.path.join('.');
    return key && !i.message.startsWith(`${key}:`) ? `${key}: ${i.message}` : i.message;
  });
  throw new BadRequestError([...new Set(messages)].join('; '));
}

/**
 * Register route definitions on a router, in order (specific paths before parameterised
 * ones). Each request gets its scope (request id, logger); a service that used the cache
 * sets `scope.cache`, sent as `X-Cache`.
 */
export function mount(router: Router, defs: RouteDef[], logger: Logger): void {
  for (const def of defs) {
    router[def.method](def.operationId, def.path, async (ctx) => {
      const scope = scopeOf(ctx, logger);
      ctx.state.route = def.path;
      const query = def.query ? parseInput(def.query, ctx.query) : {};
      const params = def.params ? parseInput(def.params, ctx.params) : {};
      const body = await def.handler({ query, params, scope, ctx });
      if (scope.cache) ctx.set('X-Cache', scope.cache);
      if (body !== undefined) ctx.body = body;
    });
  }
}
