/**
 * The composition root: builds the process's dependencies once (logger, database, cache,
 * clock, market-data provider, error tracking) and the services on top of them. The API
 * (`main.ts`), every CLI and the worker start from here; nothing below builds its own.
 * Tests pass overrides (their database, a fixed clock, a memory logger).
 */
import type { Knex } from 'knex';
import { type AppCache, createCache } from './cache/index.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createDb } from './db/knex.ts';
import { createIngestService, type IngestService } from './ingest/service.ts';
import { refreshSchedule, runsLeftToday } from './jobs/schedule.ts';
import { createJobStatusSource, type JobStatusSource } from './jobs/status.ts';
import { targetOfDb } from './jobs/store.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MarketDataProvider } from './market/provider.ts';
import { createProvider } from './market/providers.ts';
import { type ErrorReporter, initSentry } from './sentry.ts';
import { createStockService, type StockService } from './stocks/service.ts';
import { VERSION } from './version.ts';

export interface AppContext {
  config: Config;
  logger: Logger;
  db: Knex;
  /** The two-tier cache: in-process alone, or in front of Redis when REDIS_ENABLED=true. */
  cache: AppCache;
  clock: Clock;
  /** Where market data comes from: Financial Modeling Prep when FMP_API_KEY is set, else the built-in sample data. */
  provider: MarketDataProvider;
  /** Set only when SENTRY_DSN is. */
  sentry?: ErrorReporter;
  services: { stocks: StockService; ingest: IngestService };
  /** The background jobs' status, read from the job store (connected on first use). */
  jobs: JobStatusSource;
  /** Release everything this context opened (database pool, cache, Sentry); idempotent. */
  close(): Promise<void>;
}

export interface AppContextOverrides {
  /** The process's role, logged as `name` on every line (api, seed, worker...). */
  name?: string;
  logger?: Logger;
  db?: Knex;
  cache?: AppCache;
  clock?: Clock;
  provider?: MarketDataProvider;
  /** Pass `null` to keep Sentry off even with a DSN configured. */
  sentry?: ErrorReporter | null;
}

/** Build the dependencies of one process. Whatever the overrides bring, the caller still owns. */
export async function createAppContext(
  config: Config,
  overrides: AppContextOverrides = {},
): Promise<AppContext> {
  const logger =
    overrides.logger ??
    createLogger({
      level: config.logLevel,
      name: overrides.name ?? 'api',
      format: config.logFormat,
      secrets: [config.fmpApiKey, config.sentryDsn],
    });
  const clock = overrides.clock ?? systemClock;
  const ownDb = !overrides.db;
  const db = overrides.db ?? createDb(config.database, { logger });
  const ownCache = !overrides.cache;
  const cache =
    overrides.cache ??
    createCache({
      config,
      logger: logger.child({ component: 'cache' }),
      // Without Redis, invalidations reach the other processes (the worker) through the database.
      db,
      // The cache counts milliseconds; the wall clock's own is the cheapest on a hit.
      clock: clock === systemClock ? undefined : { now: () => clock.now().getTime() },
    });
  const provider =
    overrides.provider ??
    createProvider(config, {
      db,
      logger,
      clock,
      // The refresh job's runs still to come that day: the FMP plan keeps their quote calls.
      refreshesLeftToday: (at) => runsLeftToday(refreshSchedule, at),
    });
  const sentry =
    overrides.sentry === null ? undefined : (overrides.sentry ?? (await initSentry(config, VERSION)));
  const ownSentry = overrides.sentry === undefined;
  const stocks = createStockService({ db, cache, logger, clock, config });
  const ingest = createIngestService({ db, cache, logger, clock, batchSize: config.ingest.batchSize });
  const jobs = createJobStatusSource({
    target: ownDb ? config.database : targetOfDb(db),
    db,
    source: provider.source,
  });

  let closed: Promise<void> | undefined;
  return {
    config,
    logger,
    db,
    cache,
    clock,
    provider,
    sentry,
    services: { stocks, ingest },
    jobs,
    close() {
      closed ??= (async () => {
        await jobs.close();
        if (ownCache) await cache.close();
        if (ownDb) await db.destroy();
        if (ownSentry) await sentry?.close();
      })();
      return closed;
    },
  };
}

/**
 * For long-running processes: an unhandled rejection or uncaught exception is logged,
 * reported (when Sentry is on) and ends the process with exit code 1.
 */
export function installProcessHandlers(ctx: Pick<AppContext, 'logger' | 'sentry'>): void {
  const die = (source: string) => async (err: unknown) => {
    ctx.logger.fatal({ err, source }, `${source}: the process stops`);
    ctx.sentry?.capture(err, { source });
    await ctx.sentry?.flush(2_000).catch(() => false);
    process.exit(1);
  };
  process.on('unhandledRejection', die('unhandledRejection'));
  process.on('uncaughtException', die('uncaughtException'));
}
