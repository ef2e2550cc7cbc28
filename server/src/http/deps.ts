import type { Knex } from 'knex';
import type { BacktestService } from '../backtest/service.ts';
import type { AppCache } from '../cache/index.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { IngestService } from '../ingest/service.ts';
import type { JobStatusSource } from '../jobs/status.ts';
import type { Logger } from '../logger.ts';
import type { ScreenerService } from '../screener/service.ts';
import type { ErrorReporter } from '../sentry.ts';
import type { StockService } from '../stocks/service.ts';

/**
 * What the HTTP layer uses of the composition root's context (which has all of it); tests
 * build it with overrides. Declared here, not picked from the root's type, so that the HTTP
 * layer never imports the layer above it.
 */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Knex;
  cache: AppCache;
  clock: Clock;
  services: {
    stocks: StockService;
    screener: ScreenerService;
    backtest: BacktestService;
    ingest: IngestService;
  };
  /** Set only when SENTRY_DSN is. */
  sentry?: ErrorReporter;
  jobs: JobStatusSource;
}
