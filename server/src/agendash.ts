/**
 * `npm run agendash`: Agendash, the job monitor, as its own process on AGENDASH_PORT (5555).
 * Localhost only unless AGENDASH_PASSWORD is set (then basic auth, all interfaces).
 */
import { createAppContext } from './app-context.ts';
import { configOrExit } from './config.ts';
import { describeDbError } from './db/knex.ts';
import { startAgendash } from './jobs/agendash.ts';

const config = configOrExit();
const ctx = await createAppContext(config, { name: 'agendash', parts: ['db'] });
const { logger } = ctx;
try {
  const server = await startAgendash(config, ctx.db);
  logger.info(
    { url: server.url },
    `Agendash on ${server.url}${config.agendash.password ? ' (basic auth; all interfaces)' : ' (localhost only: set AGENDASH_PASSWORD to open it up)'}`,
  );
  const stop = async () => {
    await server.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
} catch (err) {
  logger.fatal({ err }, `agendash: ${describeDbError(err)}`);
  await ctx.close().catch(() => {});
  process.exit(1);
}
