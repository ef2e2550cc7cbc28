/** `npm run seed [-- --reset] [--seed S] [--end-date YYYY-MM-DD] [--synthetic N]` */
import { parseArgs } from 'node:util';
import { createAppContext } from '../app-context.ts';
import { configOrExit } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { seedSampleData } from '../ingest/seed.ts';
import { runCli } from './run.ts';

await runCli('seed', async () => {
  let values: { reset?: boolean; seed?: string; 'end-date'?: string; synthetic?: string };
  try {
    ({ values } = parseArgs({
      options: {
        reset: { type: 'boolean' },
        seed: { type: 'string' },
        'end-date': { type: 'string' },
        synthetic: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new Error(
      `${(err as Error).message}; usage: seed [--reset] [--seed S] [--end-date YYYY-MM-DD] [--synthetic N]`,
    );
  }
  const endDate = values['end-date'];
  if (endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) {
    throw new Error(`--end-date must be YYYY-MM-DD, got "${endDate}"`);
  }
  const synthetic = values.synthetic === undefined ? 0 : Number(values.synthetic);
  if (!Number.isInteger(synthetic) || synthetic < 0 || synthetic > 20_000) {
    throw new Error(`--synthetic must be a whole number from 0 to 20000, got "${values.synthetic}"`);
  }
  const config = configOrExit();
  const ctx = await createAppContext(config, { name: 'seed', parts: ['db', 'services'] });
  const { db, logger } = ctx;
  try {
    await migrateLatest(db);
    const started = performance.now();
    const result = await seedSampleData(
      { db, ingest: ctx.services.ingest, clock: ctx.clock },
      {
        seed: values.seed ?? config.sampleSeed,
        endDate,
        reset: values.reset,
        synthetic,
      },
    );
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (result.status === 'skipped') logger.info(`skipped: ${result.reason}`);
    else
      logger.info(
        `loaded ${result.stocks} stocks, ${result.bars} daily bars, ${result.financials} fiscal years, ` +
          `${result.snapshots} score snapshots (sample data through ${result.endDate}) in ${secs}s`,
      );
  } finally {
    await ctx.close();
  }
});
