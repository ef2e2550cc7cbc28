/**
 * The Koa application: error rendering first, then the API routes, the OpenAPI document
 * and its viewer, and (in production) the built client with an SPA fallback.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import send from 'koa-send';
import { backtestRoutes } from '../backtest/routes.ts';
import { REPO_ROOT } from '../config.ts';
import { jobRoutes } from '../jobs/routes.ts';
import { marketRoutes } from '../market/routes.ts';
import { screenerRoutes } from '../screener/routes.ts';
import { stockListRoutes, stockRoutes } from '../stocks/routes.ts';
import { systemRoutes } from '../system/routes.ts';
import { VERSION } from '../version.ts';
import { accessLog } from './access-log.ts';
import type { AppDeps } from './deps.ts';
import { securityHeaders } from './edge.ts';
import { errorMiddleware } from './errors.ts';
import { healthRoutes, probeRoutes, type Readiness } from './health.ts';
import type { Metrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { rateLimit } from './rate-limit.ts';
import { createRequestScope, mount, type RouteDef, rejectControlCharacters } from './route.ts';
import type { RequestScope } from './scope.ts';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const CLIENT_DIST = path.join(REPO_ROOT, 'client', 'dist');

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>VibeApp API docs</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
// validatorUrl null: no badge image from validator.swagger.io (the CSP allows this origin only).
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });`;

/** Paths the SPA fallback leaves alone. */
const PROBES = new Set(['/health', '/livez', '/readyz']);

/** All route definitions, in matching order. */
export function routeDefs(deps: AppDeps, readiness: Readiness = { shuttingDown: false }): RouteDef[] {
  return [
    ...healthRoutes(deps),
    ...probeRoutes(deps, readiness),
    // The fixed /api/stocks paths (the lists, the screener) before /api/stocks/:ticker;
    // the OpenAPI document lists the paths in this order too.
    ...stockListRoutes(deps),
    ...screenerRoutes(deps),
    ...stockRoutes(deps),
    ...backtestRoutes(deps),
    ...marketRoutes(deps),
    ...systemRoutes(deps),
    ...jobRoutes(deps.jobs),
  ];
}

export interface AppOptions {
  /** Serve the built client with an SPA fallback (production); default when NODE_ENV=production. */
  serveClient?: boolean;
  /** Where the built client is (default client/dist). */
  clientDist?: string;
  /** Set when the process shuts down: /readyz then answers 503 (main.ts). */
  readiness?: Readiness;
  /** Where each request is counted (the API's /metrics); none in most tests. */
  metrics?: Metrics;
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Koa {
  const app = new Koa();
  app.proxy = deps.config.http.trustProxy; // X-Forwarded-For/-Proto believed only behind a proxy
  app.use(securityHeaders());
  app.silent = true; // errors are rendered and logged by errorMiddleware
  const logAccess = accessLog(deps.logger, options.metrics);
  app.use(async (ctx, next) => {
    const started = performance.now();
    createRequestScope(ctx, deps.logger); // X-Content-Type-Options: nosniff is securityHeaders'
    await next();
    const ms = performance.now() - started;
    if (deps.config.env === 'development') ctx.set('Server-Timing', `app;dur=${ms.toFixed(1)}`);
    logAccess(ctx, ms);
  });
  app.use(
    errorMiddleware(deps.logger, (err, ctx) => {
      const scope = ctx.state.scope as RequestScope | undefined;
      deps.sentry?.capture(err, {
        method: ctx.method,
        route: typeof ctx.state.route === 'string' ? ctx.state.route : undefined,
        requestId: scope?.requestId,
      });
    }),
  );
  app.use(rateLimit(deps.config, deps.logger));
  app.use(rejectControlCharacters());

  const defs = routeDefs(deps, options.readiness);
  const router = new Router();
  mount(router, defs, deps.logger, { adminToken: deps.config.adminToken });

  let openapi: unknown;
  router.get('/openapi.json', (ctx) => {
    openapi ??= buildOpenApi(defs, VERSION);
    ctx.body = openapi;
  });
  router.get('/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = DOCS_HTML;
  });
  router.get('/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = DOCS_INIT;
  });
  router.get('/docs/assets/:file', async (ctx) => {
    const file = ctx.params.file;
    if (!/^[\w.-]+\.(js|css|png|map)$/.test(file)) return;
    await send(ctx, file, { root: SWAGGER_DIR, maxage: 86_400_000 });
  });
  app.use(router.routes());
  // Not throwing: the router then sets the Allow header on 405s; errorMiddleware adds the body.
  app.use(router.allowedMethods());

  const serveClient = options.serveClient ?? deps.config.env === 'production';
  const dist = path.resolve(options.clientDist ?? CLIENT_DIST);
  const distPrefix = dist.endsWith(path.sep) ? dist : dist + path.sep;
  if (serveClient && !existsSync(path.join(dist, 'index.html'))) {
    deps.logger.warn(`no built client in ${dist}: run npm run build to serve it from the API`);
  } else if (serveClient) {
    app.use(async (ctx, next) => {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
      if (ctx.path.startsWith('/api/') || PROBES.has(ctx.path) || ctx.path.startsWith('/docs')) return next();
      // Source maps stay private (they carry the original source): a 404, whatever the spelling.
      if (isSourceMap(ctx.path)) return next();
      if (ctx.path.startsWith('/assets/')) {
        // Hashed file names: cache for a year. A missing asset is a 404, not index.html.
        await send(ctx, ctx.path, { root: dist, immutable: true, maxage: 31_536_000_000 }).catch(() => {});
        return ctx.body ? undefined : next();
      }
      // Real files (favicon...) as they are; every other path is a client route: index.html.
      const candidate = path.join(dist, path.normalize(ctx.path));
      const isFile =
        ctx.path !== '/' &&
        // The separator matters: /srv/dist-old must not pass as inside /srv/dist.
        candidate.startsWith(distPrefix) &&
        existsSync(candidate) &&
        statSync(candidate).isFile();
      ctx.set('Cache-Control', 'no-cache');
      await send(ctx, isFile ? ctx.path : '/index.html', { root: dist });
    });
  }
  return app;
}

/** A request for a source map (`.map`), percent-encoded or not; send() decodes the path it serves. */
function isSourceMap(urlPath: string): boolean {
  let decoded = urlPath;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // Malformed: send() answers 400 on its own.
  }
  return /\.map$/i.test(decoded);
}
