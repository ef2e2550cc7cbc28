/**
 * The concrete JobDeps for the worker, from the composition root's context: the refresh
 * calls the ingest use case with the context's provider (FMP when configured, else the
 * sample data), the snapshot records the stored scores for a trading day, and invalidation
 * goes to the context's cache.
 */
import type { Knex } from 'knex';
import type { Cache } from '../cache/types.ts';
import type { IngestService } from '../ingest/service.ts';
import type { Logger } from '../logger.ts';
import type { MarketDataProvider } from '../market/provider.ts';
import { snapshotScoresOf } from '../scoring-runs/repository.ts';
import type { JobDeps } from './types.ts';

/** What the jobs use of the composition root's context (declared here: jobs sit below the root). */
export interface JobContext {
  db: Knex;
  cache: Pick<Cache, 'invalidate'>;
  logger: Logger;
  provider: MarketDataProvider;
  services: { ingest: IngestService };
}

export function createJobDeps(ctx: JobContext): JobDeps {
  return {
    async ingest({ onProgress }) {
      const result = await ctx.services.ingest.ingest(ctx.provider, 'all', {
        onProgress: onProgress && ((p) => onProgress({ phase: p.phase, done: p.done, total: p.total })),
      });
      return { source: ctx.provider.source, stocks: result.stocks, asOf: result.asOf };
    },
    async snapshot({ tradingDay }) {
      return { rows: await snapshotScoresOf(ctx.db, tradingDay) };
    },
    async invalidate(pattern) {
      await ctx.cache.invalidate(pattern);
    },
    log: ctx.logger,
  };
}
