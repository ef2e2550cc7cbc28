/**
 * Declarative routes: one definition per route drives the router (validation, handler)
 * and the OpenAPI document, so the two cannot drift.
 */
import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import Negotiator from 'negotiator';
import { z } from 'zod';
import { encodeJson } from '../cache/json.ts';
import type { CacheOutcome, CacheResult } from '../cache/types.ts';
import { clip, InvalidError, NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { requireAdmin } from './admin.ts';
import type { RequestScope } from './scope.ts';

/** A caller's X-Request-Id is kept when it is a plain token of at most 128 characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The request's scope: its id (the caller's X-Request-Id when sane, else a new UUID,
 * echoed on the response) and a logger stamping every line with it. The child logger is
 * made on first use, so requests that log nothing pay nothing for it.
 */
export function createRequestScope(ctx: Context, logger: Logger): RequestScope {
  const given = ctx.req.headers['x-request-id'];
  const requestId = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  ctx.res.setHeader('X-Request-Id', requestId);
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
function scopeOf(ctx: Context, logger: Logger): RequestScope {
  return (ctx.state.scope as RequestScope | undefined) ?? createRequestScope(ctx, logger);
}

/** What a handler receives: the validated query and path parameters, the request's scope. */
interface HandlerInput<Q extends z.ZodType, P extends z.ZodType> {
  query: z.output<Q>;
  params: z.output<P>;
  scope: RequestScope;
  ctx: Context;
}

interface RouteInfo<Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType> {
  method: 'get';
  /** Koa-style path, e.g. `/api/stocks/:ticker`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** The query parameters: a zod object; any other parameter is a 400 naming it. */
  query?: Q;
  /** Older names still accepted for a query parameter (alias → name), documented as deprecated. */
  queryAliases?: Record<string, string>;
  /** Path parameters; a value that fails its format names no resource: 404. */
  params?: P;
  response: R;
  /**
   * Operational detail: answers only with the admin token (`Authorization: Bearer`,
   * `http/admin.ts`); documented with the `adminToken` security scheme, 401 and 403.
   */
  admin?: true;
  /**
   * What the route does with the database, for the document's 503: `reads` (the default: while
   * the database is away it answers 503 `database_unavailable` with Retry-After), `reports`
   * (it checks the database and answers 503 with its own response document and Retry-After:
   * `/health`, `/readyz`), `none` (it never touches the database).
   */
  database?: 'reads' | 'reports' | 'none';
  /** Extra documented responses (status → description); 400/500 are added for validated routes. */
  errors?: Record<number, string>;
}

/**
 * A route: its contract, and a handler returning the declared response's type (a missing or
 * mistyped field fails the type-check). A `cached` route's handler returns what the cache did
 * (`{ value, outcome }`, from a service's cached use case): the value is sent with X-Cache,
 * its bytes serialized once per cached object, and an ETag.
 */
export type RouteDef<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = RouteInfo<Q, P, R> &
  (
    | {
        cached?: false;
        handler: (input: HandlerInput<Q, P>) => Promise<z.input<R>> | z.input<R>;
      }
    | {
        cached: true;
        handler: (input: HandlerInput<Q, P>) => Promise<CacheResult<z.input<R>>>;
      }
    | {
        /**
         * The handler hands out the same object for as long as its answer holds (a memo of its
         * own, not the cache): its bytes, ETag and compressed forms are made once per object,
         * as for a cached answer, without X-Cache.
         */
        kept: true;
        cached?: false;
        handler: (input: HandlerInput<Q, P>) => z.input<R>;
      }
  );

/** Identity helper that keeps the schema types flowing into the handler. */
export function route<
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
>(def: RouteDef<Q, P, R>): RouteDef {
  return def as unknown as RouteDef;
}

/**
 * Validate an input against a schema; every problem is listed in one message (400 unless
 * told). `given` maps a parameter to the name the request used (an alias), so messages
 * name what the caller wrote.
 */
function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  Failure: new (message: string) => Error = InvalidError,
  given: Record<string, string> = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((i) => {
    const key = i.path.join('.');
    const text = key && !i.message.startsWith(`${key}:`) ? `${key}: ${i.message}` : i.message;
    return given[key] ? `${given[key]}${text.slice(key.length)}` : text;
  });
  throw new Failure([...new Set(messages)].join('; '));
}

// Control characters (C0, DEL, C1): never meaningful in a parameter; PostgreSQL refuses NUL.
const CONTROL = /\p{Cc}/u;
/**
 * What a raw URL must hold for its decoded path or query to hold a control character: a
 * character outside printable ASCII (the space included), or an escape of one: `%00`–`%1F`,
 * `%7F`, or `%C2` (the first byte of C1's UTF-8 form, U+0080–U+009F). A URL without any of
 * these decodes to printable text only; one with them gets the full check.
 */
const MAYBE_CONTROL = /[^\x21-\x7e]|%[01]|%7f|%c2/i;

/**
 * Reject control characters anywhere in the path or the query (names and values) with a
 * 400, before any route sees them: one check for every route, on every database.
 */
export function rejectControlCharacters(): Middleware {
  return async (ctx, next) => {
    // Almost every URL is plain printable ASCII without an escape that could decode to a
    // control character: nothing to decode or look through.
    if (!MAYBE_CONTROL.test(ctx.url)) return next();
    let path = ctx.path;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      // Malformed escapes are left to the router (it keeps the raw text).
    }
    if (CONTROL.test(path)) throw new InvalidError('path: control characters are not allowed');
    for (const [name, value] of Object.entries(ctx.query)) {
      const values = Array.isArray(value) ? value : [value ?? ''];
      if (CONTROL.test(name) || values.some((v) => CONTROL.test(v))) {
        throw new InvalidError(
          `${CONTROL.test(name) ? 'query parameter name' : name.slice(0, 40)}: control characters are not allowed`,
        );
      }
    }
    await next();
  };
}

/** The field schemas of a route's query object (the parameters it accepts). */
export function queryShape(def: RouteDef): Record<string, z.ZodType> {
  if (!def.query) return {};
  if (!(def.query instanceof z.ZodObject)) {
    throw new Error(`${def.operationId}: the query schema must be a zod object`);
  }
  return def.query.shape as Record<string, z.ZodType>;
}

function acceptsList(schema: z.ZodType): boolean {
  let s: z.ZodType | undefined = schema;
  while (s) {
    const d = s.def as { type: string; innerType?: z.ZodType };
    if (d.type === 'array') return true;
    s = d.innerType;
  }
  return false;
}

/**
 * The query as the route's schema expects it: aliases renamed, and a 400 for parameters
 * the route does not take (named) or scalar parameters given more than once.
 */
function normaliseQuery(def: RouteDef, raw: Record<string, string | string[] | undefined>) {
  const shape = queryShape(def);
  const aliases = def.queryAliases ?? {};
  const unknown = Object.keys(raw).filter((k) => !(k in shape) && !(k in aliases));
  if (unknown.length > 0) {
    const accepted = [...Object.keys(shape), ...Object.keys(aliases)];
    throw new InvalidError(
      `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown
        .slice(0, 5)
        .map((k) => clip(k, 30))
        .join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}; ${
        accepted.length ? `this route takes ${accepted.join(', ')}` : 'this route takes none'
      }`,
    );
  }
  const query: Record<string, string | string[] | undefined> = {};
  const given: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = aliases[key] ?? key;
    if (name !== key) given[name] = key;
    if (Array.isArray(value) && !acceptsList(shape[name])) {
      throw new InvalidError(`${key}: given ${value.length} times; give it once`);
    }
    if (name in query) {
      const old = Object.keys(aliases).find((a) => aliases[a] === name);
      throw new InvalidError(`${name}: give ${name} or its old name ${old}, not both`);
    }
    query[name] = value;
  }
  return { query, given };
}

/**
 * A cached use case's answer: `X-Cache`, the JSON bytes serialized once per cached object
 * (a hit costs no JSON work), and an ETag of those bytes with `Cache-Control: no-cache`, so
 * a browser or CDN may keep the body but revalidates every time: after an invalidation the
 * bytes, hence the ETag, change, and nobody is served stale data. A matching
 * `If-None-Match` gets a 304 without the body. A client that names br gets a large body
 * Brotli-compressed, one that accepts gzip gzip-compressed, each once per cached object like
 * its bytes, with an ETag per encoding.
 */
function sendCached(ctx: Context, body: unknown, outcome?: CacheOutcome): void {
  const encoded = encodeJson(body);
  const res = ctx.res;
  if (outcome) res.setHeader('X-Cache', outcome);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  const accepted = encoded.body.length >= COMPRESS_MIN_BYTES ? acceptedEncodings(ctx) : IDENTITY_ONLY;
  let encoding = accepted[0];
  const br = encoding === 'br' ? encoded.brotliIfReady() : undefined;
  const headers = ctx.req.headers;
  if (encoding === 'br' && !br) {
    // The Brotli bytes are not made yet (a new cached object: another process's, or after
    // the in-process tier let it go). A client revalidating the br variant it holds still
    // gets its 304, which needs no bytes; anything else goes in the next encoding meanwhile.
    if (headers['if-none-match']?.includes(encoded.brEtag)) {
      res.setHeader('Content-Encoding', 'br');
      res.setHeader('ETag', encoded.brEtag);
      ctx.status = 200; // koa's ctx.fresh looks at a 2xx answer only (no body is set yet)
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      res.removeHeader('Content-Encoding');
    }
    encoding = accepted[1];
  }
  if (br) {
    // Another representation again, with an ETag of its own (see EncodedJson.brEtag).
    res.setHeader('Content-Encoding', 'br');
    res.setHeader('ETag', encoded.brEtag);
    ctx.body = br;
  } else if (encoding === 'gzip') {
    // The compressed bytes are another representation of the same data: a weak ETag, which
    // If-None-Match compares weakly, so either variant revalidates the other.
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('ETag', encoded.weakEtag);
    ctx.body = encoded.gzip;
  } else {
    res.setHeader('ETag', encoded.etag);
    ctx.body = encoded.body;
  }
  // Only a conditional request can be fresh (koa's check copies every response header first).
  if ((headers['if-none-match'] || headers['if-modified-since']) && ctx.fresh) ctx.status = 304;
}

type BodyEncoding = 'br' | 'gzip' | 'identity';

/** The encodings accepted, best first, for each Accept-Encoding header seen (a bounded table). */
const ENCODING_CHOSEN = new Map<string, readonly BodyEncoding[]>();
const IDENTITY_ONLY: readonly BodyEncoding[] = ['identity'];
const ENCODING_CHOSEN_MAX = 256;
/** What a cached body can be sent as, the server's preference first. */
const ENCODINGS: readonly BodyEncoding[] = ['br', 'gzip', 'identity'];
/** Offered when the header does not name br: `*` keeps meaning gzip, as before br was offered. */
const WITHOUT_BR: readonly BodyEncoding[] = ['gzip', 'identity'];
const NAMES_BR = /(?:^|,)\s*br\s*(?:;|,|$)/i;
/** negotiator ≥ 1 takes the server's preference (its typings, for 0.6, do not know it). */
const preferredEncodings = Negotiator.prototype.encodings as (
  this: Negotiator,
  available: readonly string[],
  options: { preferred: readonly string[] },
) => string[];

/**
 * The encodings a client accepts a large cached body in, best first (negotiator: q-values
 * respected, `br;q=0` excludes br, `*` stands for the rest), remembered per Accept-Encoding
 * value: clients send a handful of values, and negotiation parses the header each time.
 * Among encodings the client likes equally, br before gzip before identity: browsers send
 * `gzip, deflate, br`, where the header's own order (koa's tie-break) would pick gzip. br
 * only to a client that names it (`*` alone gets gzip, as before br was offered). No
 * acceptable encoding at all (`identity;q=0` and nothing else): identity all the same.
 */
function acceptedEncodings(ctx: Context): readonly BodyEncoding[] {
  const header = ctx.req.headers['accept-encoding'];
  if (!header) return IDENTITY_ONLY;
  let accepted = ENCODING_CHOSEN.get(header);
  if (accepted === undefined) {
    const negotiator = new Negotiator({ headers: { 'accept-encoding': header } });
    const offered = NAMES_BR.test(header) ? ENCODINGS : WITHOUT_BR;
    const best = preferredEncodings.call(negotiator, offered, { preferred: offered }) as BodyEncoding[];
    // br always has another to fall back on while its bytes are being made.
    if (!best.includes('identity')) best.push('identity');
    accepted = best;
    if (ENCODING_CHOSEN.size >= ENCODING_CHOSEN_MAX) ENCODING_CHOSEN.clear();
    ENCODING_CHOSEN.set(header, accepted);
  }
  return accepted;
}

/** Smaller cached bodies are sent as they are (compression would not pay for itself). */
const COMPRESS_MIN_BYTES = 1400;

/** Validated query strings kept per route (a bounded table, emptied when full). */
const VALID_QUERIES_MAX = 1024;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A route's path parameters, validated (404 when they fail: they name no resource), kept
 * per distinct value like the query strings: the tickers clients ask for again are not
 * parsed again.
 */
function validatedParams(
  schema: z.ZodType,
  raw: Record<string, string>,
  valid: Map<string, unknown>,
): unknown {
  const names = Object.keys(raw);
  const key = names.length === 1 ? `${names[0]}\u0000${raw[names[0]]}` : JSON.stringify(raw);
  let params = valid.get(key);
  if (params === undefined) {
    params = parseInput(schema, raw, NotFoundError);
    if (valid.size >= VALID_QUERIES_MAX) valid.clear();
    valid.set(key, deepFreeze(params));
  }
  return params;
}

/**
 * Register route definitions on a router, in order (specific paths before parameterised
 * ones). Each request gets its scope (request id, logger); a cached route's answer carries
 * what the cache did, sent as `X-Cache`.
 */
export function mount(
  router: Router,
  defs: RouteDef[],
  logger: Logger,
  options: { adminToken: string } = { adminToken: '' },
): void {
  for (const def of defs) {
    queryShape(def); // fail at start, not on the first request, if a query schema is not an object
    const validQueries = new Map<string, unknown>();
    const validParams = new Map<string, unknown>();
    router[def.method](def.operationId, def.path, async (ctx) => {
      const scope = scopeOf(ctx, logger);
      ctx.state.route = def.path;
      // Before the input checks: a stranger learns nothing about an admin route's parameters.
      if (def.admin) requireAdmin(ctx, options.adminToken);
      let query = validQueries.get(ctx.querystring);
      if (query === undefined) {
        const raw = normaliseQuery(def, ctx.query);
        query = def.query ? parseInput(def.query, raw.query, InvalidError, raw.given) : {};
        // Validation is a pure function of the query string, and the dearest step of a cached
        // answer for a wide schema (the screener's, with every metric's bounds): the query
        // strings clients repeat keep their validated (frozen, shared) value.
        if (validQueries.size >= VALID_QUERIES_MAX) validQueries.clear();
        validQueries.set(ctx.querystring, deepFreeze(query));
      }
      const params = def.params ? validatedParams(def.params, ctx.params, validParams) : {};
      const input = { query, params, scope, ctx };
      if (def.cached) {
        const { value, outcome } = await def.handler(input);
        sendCached(ctx, value, outcome);
      } else if ('kept' in def) {
        sendCached(ctx, def.handler(input));
      } else {
        const body = await def.handler(input);
        if (body !== undefined) ctx.body = body;
      }
    });
  }
}
