/** `refresh-stock-data`: fetch, write, rescore, invalidate (the ingest use case does all four). */
import { backoffStrategies, when } from 'agenda';
import { retryHelps } from './failure.ts';
import { refreshSchedule } from './schedule.ts';
import type { JobModule } from './types.ts';

const MAX_RETRIES = 3;

export const refreshStockData: JobModule = {
  name: 'refresh-stock-data',
  description: 'Fetch quotes and prices from the configured provider, rescore, invalidate the cache',
  schedule: refreshSchedule,
  options: {
    lockLifetimeMs: 10 * 60_000,
    concurrency: 1,
    priority: 10,
    maxRetries: MAX_RETRIES,
    // 30 s, 1 min, 2 min (with jitter): well inside the hour before the next run. A failure
    // that would recur (the provider refused the key, the plan, the day's budget is spent)
    // is not retried: the next scheduled run tries again.
    backoff: when(
      retryHelps,
      backoffStrategies.exponential({
        delay: 30_000,
        maxRetries: MAX_RETRIES,
        factor: 2,
        jitter: 0.1,
      }),
    ),
  },
  async run({ deps, progress }) {
    let last = -1;
    const summary = await deps.ingest({
      onProgress: ({ phase, done, total }) => {
        // Loading the stocks is most of the run (0-90 %); scoring the rest.
        const share = total > 0 ? done / total : 0;
        const pct = Math.floor(phase === 'load' ? share * 90 : phase === 'score' ? 90 + share * 10 : 100);
        // Persist whole-percent steps only: one small write per step, not per stock.
        if (pct > last) {
          last = pct;
          void progress(pct).catch(() => {});
        }
      },
    });
    await progress(100);
    deps.log.info(summary, `refresh: ${summary.stocks} stocks from ${summary.source} as of ${summary.asOf}`);
  },
};
