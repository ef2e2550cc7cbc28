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
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    // Set below, and only over TLS: on plain HTTP it would be meaningless or, behind a
    // proxy that terminates TLS, is the proxy's to judge through X-Forwarded-Proto.
    strictTransportSecurity: false,
  });
  return async (ctx, next) => {
    if (ctx.secure) ctx.set('Strict-Transport-Security', HSTS);
    return headers(ctx, next);
  };
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
