/**
 * `npm run refresh [-- --tickers AAPL,MSFT] [--as-of ISO-8601]`: run the market-data
 * refresh now, once, through the same ingest use case as the worker's refresh job:
 * the configured provider (FMP when FMP_API_KEY is set, else the sample data), batches
 * written one transaction each, scores recomputed when their inputs changed, the cache
 * invalidated. A progress bar on a terminal, plain progress lines otherwise.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createAppContext } from '../app-context.ts';
import { systemClock } from '../clock.ts';
import { configOrExit } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { type IngestProgress, resolveAsOf } from '../ingest/service.ts';
import { runCli } from './run.ts';

const USAGE = 'usage: refresh [--tickers AAPL,MSFT] [--as-of 2026-11-24T15:30:00Z]';

await runCli('refresh', async () => {
  let values: { tickers?: string; 'as-of'?: string };
  try {
    ({ values } = parseArgs({
      options: { tickers: { type: 'string' }, 'as-of': { type: 'string' } },
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}; ${USAGE}`);
  }
  const tickers = values.tickers
    ?.split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
  if (tickers && (tickers.length === 0 || tickers.some((t) => !/^[A-Z0-9.-]{1,16}$/.test(t))))
    throw new Error(`--tickers must be a comma-separated list of symbols, got "${values.tickers}"`);
  const asOfArg = values['as-of'];
  if (asOfArg !== undefined) {
    try {
      resolveAsOf(asOfArg, systemClock.now()); // only checks the argument: `now` is unused when one is given
    } catch {
      throw new Error(`--as-of must be an ISO-8601 instant (2026-11-24T15:30:00Z) or date, got "${asOfArg}"`);
    }
  }

  const config = configOrExit();
  const ctx = await createAppContext(config, { name: 'refresh', parts: ['db', 'provider', 'services'] });
  try {
    await migrateLatest(ctx.db);
    if (tickers) {
      const known = new Set(await ctx.provider.universe());
      const unknown = tickers.filter((t) => !known.has(t));
      if (unknown.length)
        throw new Error(`not in the ${ctx.provider.source} universe: ${unknown.join(', ')}`);
    }
    const progress = progressReporter(Boolean(process.stderr.isTTY));
    const started = performance.now();
    let result: Awaited<ReturnType<typeof ctx.services.ingest.ingest>>;
    try {
      result = await ctx.services.ingest.ingest(ctx.provider, tickers ?? 'all', {
        asOf: asOfArg ?? ctx.clock.now(),
        onProgress: progress.update,
      });
    } finally {
      progress.stop();
    }
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    ctx.logger.info(
      `refreshed ${result.tickers} stocks from ${ctx.provider.source} (bars through ${result.asOf}, quotes at ` +
        `${result.quotesAt}): ${result.bars} new bars, ${result.financials} fiscal years, ` +
        `${result.scored} scores ${result.scoresRecomputed ? 'recomputed' : 'unchanged'} in ${secs}s` +
        (result.deferred
          ? `; ${result.deferred} more wait for a later refresh (the provider's daily call budget)`
          : ''),
    );
  } finally {
    await ctx.close();
  }
});

/** A progress bar on a terminal (stderr), else one plain line per step on stdout. */
function progressReporter(tty: boolean) {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'refresh |{bar}| {percentage}% {value}/{total} {phase}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p: IngestProgress) {
        const phase = p.phase === 'load' ? 'stocks loaded' : p.phase === 'score' ? 'scoring' : 'done';
        if (!started) {
          bar.start(p.total, p.done, { phase });
          started = true;
        } else if (p.phase === 'load') bar.update(p.done, { phase });
        else bar.update(bar.getTotal(), { phase });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    update(p: IngestProgress) {
      const line =
        p.phase === 'load' ? `load ${p.done}/${p.total} stocks` : p.phase === 'score' ? 'score' : 'done';
      process.stdout.write(`refresh: ${line}\n`);
    },
    stop() {},
  };
}
