/**
 * Error tracking (@sentry/node), set up by the composition root only when SENTRY_DSN is
 * set; without it nothing here runs and nothing is loaded. Unexpected errors are sent with
 * the request's method, route and id, never its headers, query or body, and every text
 * is scrubbed of URL passwords and the configured secrets before it leaves.
 */
import type { Config } from './config.ts';
import { secretScrubber } from './logger.ts';

interface ErrorContext {
  method?: string;
  /** The matched route pattern (`/api/stocks/:ticker`), not the concrete path. */
  route?: string;
  requestId?: string;
  /** Where it happened outside a request (`unhandledRejection`, `job:refresh`...). */
  source?: string;
}

export interface ErrorReporter {
  capture(err: unknown, context?: ErrorContext): void;
  /** Wait (at most timeoutMs) until queued events are sent. */
  flush(timeoutMs?: number): Promise<boolean>;
  close(timeoutMs?: number): Promise<void>;
}

/** Start Sentry when config.sentryDsn is set; undefined (and nothing loaded) otherwise. */
export async function initSentry(config: Config, release: string): Promise<ErrorReporter | undefined> {
  if (!config.sentryDsn) return undefined;
  const Sentry = await import('@sentry/node');
  const scrub = secretScrubber([config.sentryDsn, config.fmpApiKey, config.database.url]);
  const scrubEvent = <T>(event: T): T => JSON.parse(scrub(JSON.stringify(event))) as T;
  Sentry.initWithoutDefaultIntegrations({
    dsn: config.sentryDsn,
    environment: config.env,
    release: `vibeapp@${release}`,
    // Errors only: no performance tracing on the request path.
    tracesSampleRate: 0,
    integrations: [
      Sentry.eventFiltersIntegration(),
      Sentry.functionToStringIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      Sentry.nodeContextIntegration(),
    ],
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: () => null,
  });
  return {
    capture(err, context = {}) {
      Sentry.withScope((scope) => {
        if (context.route) scope.setTransactionName(`${context.method ?? 'GET'} ${context.route}`);
        if (context.requestId) scope.setTag('request_id', context.requestId);
        if (context.source) scope.setTag('source', context.source);
        if (context.method || context.route) {
          scope.setContext('request', { method: context.method ?? null, route: context.route ?? null });
        }
        Sentry.captureException(err);
      });
    },
    flush: (timeoutMs = 2_000) => Sentry.flush(timeoutMs),
    async close(timeoutMs = 2_000) {
      await Sentry.close(timeoutMs);
    },
  };
}
