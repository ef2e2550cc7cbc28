/**
 * The composition root: builds the process's dependencies once (logger, database, cache,
 * clock, market-data provider, error tracking) and the services on top of them. The API
 * (`main.ts`), every CLI and the worker start from here; nothing below builds its own.
 * Tests pass overrides (their database, a fixed clock, a memory logger).
 */
import type { Knex } from 'knex';
import { type BacktestService, createBacktestService } from './backtest/service.ts';
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
import { createScreenTableSource } from './screener/screen-table.ts';
import { createScreenerService, type ScreenerService } from './screener/service.ts';
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
  services: {
    stocks: StockService;
    screener: ScreenerService;
    backtest: BacktestService;
    ingest: IngestService;
  };
  /** The background jobs' status, read from the job store (connected on first use). */
  jobs: JobStatusSource;
  /** Release everything this context built (database pool, cache, Sentry); idempotent. */
  close(): Promise<void>;
}

/** The parts a process may ask for; config, logger, clock and close() are always there. */
export type AppPart = 'db' | 'cache' | 'provider' | 'sentry' | 'services' | 'jobs';

/** Every part: what the API, the worker and the tests get unless they name fewer. */
const ALL_PARTS: readonly AppPart[] = ['db', 'cache', 'provider', 'sentry', 'services', 'jobs'];

/** The context of a process that asked for the parts P (all of them by default). */
export type AppContextOf<P extends AppPart = AppPart> = Pick<
  AppContext,
  'config' | 'logger' | 'clock' | 'close' | P
>;

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

export interface AppContextOptions<P extends AppPart> extends AppContextOverrides {
  /**
   * What this process uses (default: every part). The root builds those and what they
   * stand on, nothing else: `['db']` gives a database and no cache, provider or Sentry.
   */
  parts?: readonly P[];
  /** The largest database pool (default: DATABASE_POOL_MAX); a one-query check needs one connection. */
  dbPoolMax?: number;
}

/**
 * The constructors the root calls for the parts it builds: one object, so that a test can
 * count what a process built by wrapping them.
 */
export const factories = { createDb, createCache, createProvider, initSentry };

/**
 * Build the dependencies of one process: the parts it asks for (and the parts those stand
 * on), once. Whatever the overrides bring, the caller still owns; close() releases exactly
 * what this call built.
 */
export async function createAppContext<P extends AppPart = AppPart>(
  config: Config,
  options: AppContextOptions<P> = {},
): Promise<AppContextOf<P>> {
  const wanted = new Set<AppPart>(options.parts ?? ALL_PARTS);
  const logger =
    options.logger ??
    createLogger({
      level: config.logLevel,
      name: options.name ?? 'api',
      format: config.logFormat,
      secrets: [config.fmpApiKey, config.sentryDsn],
      // The API's access lines, one per request, are written asynchronously (in batches) outside
      // tests; every other process, and the API under test, writes each line as it is logged.
      sync: (options.name ?? 'api') !== 'api' || config.env === 'test',
    });
  const clock = options.clock ?? systemClock;
  /** What close() releases, in order: the last built is released first. */
  const releases: (() => Promise<void>)[] = [];

  let db: Knex | undefined;
  const getDb = (): Knex => {
    if (db) return db;
    const built =
      options.db ??
      factories.createDb(config.database, {
        logger,
        // DATABASE_POOL_MAX bounds PostgreSQL's pool; SQLite keeps createDb's own.
        poolMax: options.dbPoolMax ?? (config.database.client === 'pg' ? config.databasePool.max : undefined),
        acquireTimeoutMs: config.databasePool.acquireTimeoutMs,
        statementTimeoutMs: config.databasePool.statementTimeoutMs,
      });
    if (!options.db) releases.push(() => built.destroy());
    db = built;
    return built;
  };
  let cache: AppCache | undefined;
  const getCache = (): AppCache => {
    if (cache) return cache;
    const built =
      options.cache ??
      factories.createCache({
        config,
        logger: logger.child({ component: 'cache' }),
        // Without Redis, invalidations reach the other processes (the worker) through the database.
        db: getDb(),
        clock,
      });
    if (!options.cache) releases.push(() => built.close());
    cache = built;
    return built;
  };
  let provider: MarketDataProvider | undefined;
  const getProvider = (): MarketDataProvider =>
    (provider ??=
      options.provider ??
      factories.createProvider(config, {
        db: getDb(),
        logger,
        clock,
        // The refresh job's runs still to come that day: the FMP plan keeps their quote calls.
        refreshesLeftToday: (at) => runsLeftToday(refreshSchedule, at),
      }));

  const ctx: Partial<AppContext> = { config, logger, clock };
  if (wanted.has('db')) ctx.db = getDb();
  if (wanted.has('cache')) ctx.cache = getCache();
  if (wanted.has('provider')) ctx.provider = getProvider();
  if (wanted.has('sentry') && options.sentry !== null) {
    ctx.sentry = options.sentry ?? (await factories.initSentry(config, VERSION));
    const built = options.sentry === undefined ? ctx.sentry : undefined;
    if (built) releases.push(() => built.close());
  }
  if (wanted.has('services')) {
    const deps = { db: getDb(), cache: getCache(), logger, clock };
    // One column table per process, shared by the stock list and the screener's catalog.
    const screenTable = createScreenTableSource({
      db: deps.db,
      cache: deps.cache,
      onError: (err) => logger.warn({ err }, 'screener: rebuilding the column table failed'),
    });
    ctx.services = {
      stocks: createStockService({ db: deps.db, cache: deps.cache, config, screenTable }),
      screener: createScreenerService({ db: deps.db, cache: deps.cache, config, screenTable }),
      backtest: createBacktestService({ db: deps.db, cache: deps.cache, config }),
      ingest: createIngestService({ ...deps, batchSize: config.ingest.batchSize }),
    };
  }
  if (wanted.has('jobs')) {
    const jobs = createJobStatusSource({
      target: options.db ? targetOfDb(getDb()) : config.database,
      db: getDb(),
      source: getProvider().source,
      clock,
    });
    releases.push(() => jobs.close());
    ctx.jobs = jobs;
  }

  let closed: Promise<void> | undefined;
  ctx.close = () => {
    closed ??= (async () => {
      for (const release of releases.reverse()) await release();
    })();
    return closed;
  };
  // Holds exactly the parts asked for (and config, logger, clock, close), as AppContextOf<P> says.
  return ctx as AppContextOf<P>;
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
