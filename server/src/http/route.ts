/**
 * Declarative routes: one definition per route drives the router (validation, handler)
 * and the OpenAPI document, so the two cannot drift.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { BadRequestError } from './errors.ts';

export interface RouteDef<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  method: 'get';
  /** Koa-style path, e.g. `/api/stocks/:ticker`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  query?: Q;
  params?: P;
  response: z.ZodType;
  /** Extra documented responses (status → description); 400/500 are added for validated routes. */
  errors?: Record<number, string>;
  handler: (input: { query: z.output<Q>; params: z.output<P>; ctx: Context }) => Promise<unknown> | unknown;
}

/** Identity helper that keeps the schema types flowing into the handler. */
export function route<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType>(
  def: RouteDef<Q, P>,
): RouteDef<Q, P> {
  return def;
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

/** Register route definitions on a router, in order (specific paths before parameterised ones). */
export function mount(router: Router, defs: RouteDef[]): void {
  for (const def of defs) {
    router[def.method](def.operationId, def.path, async (ctx) => {
      const query = def.query ? parseInput(def.query, ctx.query) : {};
      const params = def.params ? parseInput(def.params, ctx.params) : {};
      const body = await def.handler({ query, params, ctx });
      if (body !== undefined) ctx.body = body;
    });
  }
}
