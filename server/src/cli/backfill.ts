/**
 * `npm run backfill`: score the last trading day of every past month in the stored prices
 * that has a year of history before it and no snapshot yet, with only the data known then,
 * for the backtest page (`/backtest`, `GET /api/backtest/score`). The seed does this for the
 * sample data; run it once after the first full refresh from FMP. A second run writes nothing.
 * Cached backtest answers are replaced within CACHE_TTL_RANKINGS, or at the next refresh.
 */
import { parseArgs } from 'node:util';
import { createAppContext } from '../app-context.ts';
import { configOrExit } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { backfillMonthEnds } from '../scoring-runs/recompute.ts';
import { runCli } from './run.ts';

await runCli('backfill', async () => {
  try {
    parseArgs({ options: {}, allowPositionals: false });
  } catch (err) {
    throw new Error(`${(err as Error).message}; usage: backfill (no arguments)`);
  }
  const config = configOrExit();
  const ctx = await createAppContext(config, { name: 'backfill', parts: ['db'] });
  try {
    await migrateLatest(ctx.db);
    const started = performance.now();
    const { dates, snapshots } = await backfillMonthEnds(ctx.db);
    const ms = Math.round(performance.now() - started);
    ctx.logger.info(
      { dates: dates.length, snapshots, ms },
      dates.length
        ? `backfilled ${dates.length} month-ends (${dates[0]} to ${dates[dates.length - 1]}), ${snapshots} scores, in ${ms} ms`
        : 'every month-end with a year of prices before it already has scores: nothing to do',
    );
  } finally {
    await ctx.close();
  }
});
