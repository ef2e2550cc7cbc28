/** `npm run migrate [-- latest | rollback [--all] | status | make <name>]` */
import { configOrExit } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { makeMigration, migrateLatest, migrateRollback, migrationStatus } from '../db/migrate.ts';
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
  const config = configOrExit();
  const db = createDb(config.database);
  try {
    if (command === 'make') {
      console.log(`migrate: created ${await makeMigration(db, args[1])}`);
    } else if (command === 'latest') {
      const applied = await migrateLatest(db);
      console.log(applied.length ? `migrate: applied ${applied.join(', ')}` : 'migrate: already up to date');
    } else if (command === 'rollback') {
      const undone = await migrateRollback(db, args.includes('--all'));
      console.log(
        undone.length ? `migrate: rolled back ${undone.join(', ')}` : 'migrate: nothing to roll back',
      );
    } else {
      const { completed, pending } = await migrationStatus(db);
      console.log(`migrate: ${completed.length} applied, ${pending.length} pending`);
      for (const p of pending) console.log(`  pending ${p}`);
    }
  } finally {
    await db.destroy();
  }
});
