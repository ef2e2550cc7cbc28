/** Builds the OpenAPI 3.1 document from the route definitions (zod-openapi). */
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { ErrorBody } from '../api/shared.ts';
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

export function buildOpenApi(defs: RouteDef[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const def of defs) {
    const errorResponses: Record<
      string,
      { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
    > = {};
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
      ...def.errors,
      500: 'Unexpected error (generic message; details are logged)',
    };
    for (const [status, description] of Object.entries(errors)) {
      errorResponses[status] = { description, content: { 'application/json': { schema: ErrorBody } } };
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
        200: { description: 'OK', content: { 'application/json': { schema: def.response } } },
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
