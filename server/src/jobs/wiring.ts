/**
 * The concrete JobDeps for the worker, from the composition root's context: the refresh
 * calls the ingest use case with the context's provider (FMP when configured, else the
 * sample data), the snapshot records the stored scores for a trading day, and invalidation
 * goes to the context's cache.
 */
import type { AppContext } from '../app-context.ts';
import { snapshotScoresOf } from '../scoring-runs/repository.ts';
import type { JobDeps } from './types.ts';

export function createJobDeps(
  ctx: Pick<AppContext, 'db' | 'cache' | 'logger' | 'provider' | 'services'>,
): JobDeps {
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
