/** `npm run setup`: migrate, then seed the sample universe if the database is empty. Used by `npm run dev`. */
import { createAppContext } from '../app-context.ts';
import { configOrExit } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { seedSampleData } from '../ingest/seed.ts';
import { runCli } from './run.ts';

await runCli('setup', async () => {
  const config = configOrExit();
  const ctx = await createAppContext(config, { name: 'setup', parts: ['db', 'services'] });
  const { db, logger } = ctx;
  try {
    const applied = await migrateLatest(db);
    logger.info(applied.length ? `applied ${applied.length} migrations` : 'schema up to date');
    const result = await seedSampleData(
      { db, ingest: ctx.services.ingest, clock: ctx.clock },
      { seed: config.sampleSeed },
    );
    logger.info(
      result.status === 'seeded'
        ? `seeded ${result.stocks} sample stocks through ${result.endDate}`
        : result.reason,
    );
  } finally {
    await ctx.close();
  }
});
