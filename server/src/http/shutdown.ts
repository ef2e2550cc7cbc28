/**
 * The API's graceful stop. At SIGTERM (or SIGINT): `/readyz` answers 503 at once, so a load
 * balancer stops sending; requests in flight, and any that still arrive, are answered (with
 * `Connection: close`) until none is left or the grace (SHUTDOWN_GRACE_S) is over; then the
 * listener closes and the process exits: 0 when every request was answered, 1 when some had
 * to be cut at the bound.
 */
import type { Server } from 'node:http';
import type { Logger } from '../logger.ts';
import type { Readiness } from './health.ts';

interface DrainOptions {
  readiness: Readiness;
  graceMs: number;
  logger: Logger;
  /** Release the process's resources (database, cache...) after the last request. */
  close: () => Promise<void>;
  exit?: (code: number) => void;
}

export interface Drain {
  /** Requests being answered now. */
  readonly inFlight: number;
  /** Start the stop (once; later calls return the same promise). Resolves with the exit code. */
  stop(signal: string): Promise<number>;
}

export function drainOnShutdown(server: Server, options: DrainOptions): Drain {
  const { readiness, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_req, res) => {
    inFlight++;
    if (readiness.shuttingDown && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });

  let stopping: Promise<number> | undefined;
  const stop = (signal: string): Promise<number> => {
    stopping ??= (async () => {
      readiness.shuttingDown = true;
      const started = performance.now();
      // Never hang past the bound: a close that does not return still ends the process.
      setTimeout(() => {
        logger.error('shutdown took too long, exiting');
        exit(1);
      }, options.graceMs + 5_000).unref();
      logger.info(
        { signal, inFlight, graceMs: options.graceMs },
        `${signal}: not ready; draining ${inFlight} request(s) for up to ${options.graceMs / 1000} s`,
      );
      // Keep-alive connections with nothing in flight are closed now; busy ones after their response.
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.graceMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const cut = inFlight;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (cut > 0) server.closeAllConnections();
      await closed;
      const released = options.close().catch((err: Error) => logger.warn(`shutdown: ${err.message}`));
      // A cut request's query may still hold a database connection (the pool waits for it):
      // after a cut, release what can be released in a second, and go.
      if (cut > 0) await Promise.race([released, new Promise((r) => setTimeout(r, 1_000).unref())]);
      else await released;
      const ms = Math.round(performance.now() - started);
      if (cut > 0) logger.error({ cut, ms }, `stopped after ${ms} ms: ${cut} request(s) cut at the bound`);
      else logger.info({ ms }, `stopped after ${ms} ms: every request answered`);
      const code = cut > 0 ? 1 : 0;
      exit(code);
      return code;
    })();
    return stopping;
  };
  return {
    get inFlight() {
      return inFlight;
    },
    stop,
  };
}
