/** `npm run setup`: migrate, then seed the sample universe if the database is empty. Used by `npm run dev`. */
import { configOrExit } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { seedSampleData } from '../db/seed.ts';
import { runCli } from './run.ts';

await runCli('setup', async () => {
  const config = configOrExit();
  const db = createDb(config.database);
  try {
    const applied = await migrateLatest(db);
    console.log(applied.length ? `setup: applied ${applied.length} migrations` : 'setup: schema up to date');
    const result = await seedSampleData(db, { seed: config.sampleSeed });
    console.log(
      result.status === 'seeded'
        ? `setup: seeded ${result.stocks} sample stocks through ${result.endDate}`
        : `setup: ${result.reason}`,
    );
  } finally {
    await db.destroy();
  }
});
