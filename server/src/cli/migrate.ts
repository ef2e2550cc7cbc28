/** `npm run migrate [-- latest | rollback [--all] | status | make <name>]` */
import { createAppContext } from '../app-context.ts';
import { configOrExit } from '../config.ts';
import {
  checkMigrationName,
  makeMigration,
  migrateLatest,
  migrateRollback,
  migrationStatus,
} from '../db/migrate.ts';
import { runCli } from './run.ts';

const USAGE = 'usage: migrate [latest | rollback [--all] | status | make <snake_case_name>]';

await runCli('migrate', async () => {
  const args = process.argv.slice(2);
  const command = args[0] ?? 'latest';
  const validArgs =
    command === 'make'
      ? args.length === 2
      : ['latest', 'rollback', 'status'].includes(command) && args.slice(1).every((a) => a === '--all');
  if (!validArgs) throw new Error(`unknown arguments "${args.join(' ')}"; ${USAGE}`);
  // Arguments are checked before anything is opened, so a typo never depends on the database.
  if (command === 'make') checkMigrationName(args[1]);
  const ctx = await createAppContext(configOrExit(), { name: 'migrate', parts: ['db'] });
  const { db, logger } = ctx;
  try {
    if (command === 'make') {
      logger.info(`created ${await makeMigration(db, args[1])}`);
    } else if (command === 'latest') {
      const applied = await migrateLatest(db);
      logger.info(applied.length ? `applied ${applied.join(', ')}` : 'already up to date');
    } else if (command === 'rollback') {
      const undone = await migrateRollback(db, args.includes('--all'));
      logger.info(undone.length ? `rolled back ${undone.join(', ')}` : 'nothing to roll back');
    } else {
      const { completed, pending } = await migrationStatus(db);
      logger.info({ pending }, `${completed.length} applied, ${pending.length} pending`);
    }
  } finally {
    await ctx.close();
  }
});
