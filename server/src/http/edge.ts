/**
 * What every response carries against strangers (koa-helmet): a Content-Security-Policy
 * under which the built client and `/docs` (swagger-ui) work with nothing inline, no
 * framing (`frame-ancestors 'none'`), `Referrer-Policy: no-referrer`, and HSTS only on a
 * request that came over TLS (`ctx.secure`, which believes X-Forwarded-Proto only with
 * TRUST_PROXY). And the Node server's timeouts from config.
 */
import type { Server } from 'node:http';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import type { Config } from '../config.ts';

/**
 * The policy. Scripts and styles come from this origin only; `style-src` allows inline
 * styles because swagger-ui and Preact set style attributes; images may be data: URLs
 * (swagger-ui's icons).
 */
const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(): Middleware {
  const helmetMiddleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    // Set below, and only over TLS: on plain HTTP it would be meaningless or, behind a
    // proxy that terminates TLS, is the proxy's to judge through X-Forwarded-Proto.
    strictTransportSecurity: false,
  });
  const headers = helmetHeaders(helmetMiddleware);
  return (ctx, next) => {
    const res = ctx.res;
    if (ctx.secure) res.setHeader('Strict-Transport-Security', HSTS);
    for (let i = 0; i < headers.length; i++) res.setHeader(headers[i][0], headers[i][1]);
    return next();
  };
}

/**
 * The headers a helmet middleware sets, in its order, read once by running it against a
 * recording response: with no function-valued directive (none here) they are the same on
 * every request, so each request copies them rather than running helmet's dozen steps
 * (and rebuilding the policy string) again. Helmet's only other step removes
 * `X-Powered-By`, which neither Node nor Koa sets.
 */
function helmetHeaders(middleware: Middleware): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader(name: string, value: unknown) {
      // As node's response does: a header set again keeps its place.
      const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (at >= 0) headers[at] = [name, String(value)];
      else headers.push([name, String(value)]);
    },
    removeHeader(name: string) {
      const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (at >= 0) headers.splice(at, 1);
    },
  };
  const ctx = { req: { headers: {}, method: 'GET', url: '/' }, res };
  // Helmet's steps run synchronously: the headers are all set when the call returns.
  void (middleware as unknown as (c: unknown, n: () => Promise<void>) => Promise<void>)(ctx, async () => {});
  if (headers.length === 0) throw new Error('security headers: helmet set none');
  return headers;
}

/**
 * The server's bounds: keep-alive longer than a proxy's idle timeout (so the proxy, not
 * Node, closes idle connections), headers above keep-alive, a whole request at most
 * requestTimeoutMs.
 */
export function applyServerTimeouts(server: Server, http: Config['http']): void {
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
  server.headersTimeout = http.headersTimeoutMs;
  server.requestTimeout = http.requestTimeoutMs;
}
