/**
 * `npm run agendash`: Agendash, the job monitor, as its own process on AGENDASH_PORT (5555).
 * Localhost only unless AGENDASH_PASSWORD is set (then basic auth, all interfaces).
 */
import { configOrExit } from './config.ts';
import { createDb, describeDbError } from './db/knex.ts';
import { startAgendash } from './jobs/agendash.ts';

const config = configOrExit();
const db = createDb(config.database);
try {
  const server = await startAgendash(config, db);
  console.log(
    `Agendash on ${server.url}${config.agendash.password ? ' (basic auth; all interfaces)' : ' (localhost only: set AGENDASH_PASSWORD to open it up)'}`,
  );
  const stop = async () => {
    await server.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
} catch (err) {
  console.error(`agendash: ${describeDbError(err)}`);
  await db.destroy().catch(() => {});
  process.exit(1);
}
