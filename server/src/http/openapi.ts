/** Builds the OpenAPI 3.1 document from the route definitions (zod-openapi). */
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { ErrorBody } from '../api/shared.ts';
import { RATE_LIMIT_EXEMPT } from './rate-limit.ts';
import { queryShape, type RouteDef } from './route.ts';

/** Old parameter names a route still accepts, documented as deprecated. */
function aliasParameters(def: RouteDef) {
  const shape = queryShape(def);
  return Object.entries(def.queryAliases ?? {}).map(([alias, name]) => {
    const { $schema: _, default: __, ...schema } = z.toJSONSchema(shape[name], { io: 'input' });
    return {
      name: alias,
      in: 'query' as const,
      required: false,
      deprecated: true,
      description: `Older name of \`${name}\`, still accepted (give one of them).`,
      schema: schema as never, // a JSON Schema object (zod's types and zod-openapi's differ in detail)
    };
  });
}

/** The security scheme of the admin token (`Authorization: Bearer <ADMIN_TOKEN>`). */
const ADMIN_SCHEME = 'adminToken';

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

/** The response headers the document names, each once (components.headers). */
const HEADERS = {
  'Retry-After': {
    description: 'Seconds to wait before asking again.',
    schema: { type: 'integer', minimum: 1 },
  },
  'RateLimit-Limit': {
    description: 'Requests a client may send a minute (RATE_LIMIT_PER_MINUTE).',
    schema: { type: 'integer', minimum: 1 },
  },
  'RateLimit-Remaining': {
    description: 'Requests this client has left in the current window.',
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window resets.',
    schema: { type: 'integer', minimum: 1 },
  },
} as const;

type HeaderName = keyof typeof HEADERS;
const headerRefs = (...names: HeaderName[]) =>
  Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));
const RATE_LIMIT_HEADERS: HeaderName[] = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

export function buildOpenApi(defs: RouteDef[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const def of defs) {
    const database = def.database ?? 'reads';
    // Every path the rate limiter counts (RATE_LIMIT_PER_MINUTE > 0), from its own list.
    const rateLimited = !RATE_LIMIT_EXEMPT.has(def.path);
    const errors: Record<string, string> = {
      // Every route checks its query: an unknown or repeated parameter, or a control character, is a 400.
      400: def.query || def.params ? 'Invalid parameter' : 'Invalid parameter (this route takes none)',
      ...(def.admin
        ? {
            401: 'No admin token, or a wrong one (`unauthorized`, with `WWW-Authenticate: Bearer`)',
            403: 'Operational detail is off: the server has no ADMIN_TOKEN (`admin_disabled`)',
          }
        : {}),
      ...(def.params ? { 404: 'Not found' } : {}),
      ...(rateLimited
        ? {
            429: 'Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds',
          }
        : {}),
      ...(database === 'reads'
        ? { 503: 'The database is unreachable (`database_unavailable`); retry after Retry-After seconds' }
        : {}),
      ...def.errors,
      500: 'Unexpected error (generic message; details are logged)',
    };
    const errorResponses: Record<string, ZodOpenApiResponseObject> = {};
    for (const [status, description] of Object.entries(errors)) {
      errorResponses[status] = { description, content: { 'application/json': { schema: ErrorBody } } };
    }
    if (rateLimited) errorResponses[429].headers = headerRefs('Retry-After', ...RATE_LIMIT_HEADERS);
    if (database === 'reads') errorResponses[503].headers = headerRefs('Retry-After');
    if (database === 'reports') {
      // The route's own document, with what failed in it.
      errorResponses[503] = {
        description: errors[503] ?? 'The database is unreachable',
        headers: headerRefs('Retry-After'),
        content: { 'application/json': { schema: def.response } },
      };
    }
    const op: ZodOpenApiOperationObject = {
      operationId: def.operationId,
      summary: def.summary,
      description: def.description,
      tags: def.tags,
      // Explicit on every operation: the admin routes need the token, the others nothing.
      security: def.admin ? [{ [ADMIN_SCHEME]: [] }] : [],
      requestParams: {
        ...(def.query ? { query: def.query as never } : {}),
        ...(def.params ? { path: def.params as never } : {}),
      },
      parameters: aliasParameters(def),
      responses: {
        200: {
          description: 'OK',
          ...(rateLimited ? { headers: headerRefs(...RATE_LIMIT_HEADERS) } : {}),
          content: { 'application/json': { schema: def.response } },
        },
        ...errorResponses,
      },
    };
    const path = toOpenApiPath(def.path);
    paths[path] = { ...(paths[path] ?? {}), [def.method]: op };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'VibeApp API',
      version,
      description:
        'Scores US stocks 0-100 from factor components, ranks them and runs screener strategies. ' +
        'Errors are `{ "error": { "code", "message" } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: the API that serves this document (the dev server proxies it on one origin).
    servers: [{ url: '/', description: 'This API (the origin serving this document)' }],
    paths,
    components: {
      headers: HEADERS as never, // plain OpenAPI header objects (zod-openapi's type wants zod schemas)
      securitySchemes: {
        [ADMIN_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The ADMIN_TOKEN the server was started with, for the operational routes; without one configured they answer 403.',
        },
      },
    },
  });
}
