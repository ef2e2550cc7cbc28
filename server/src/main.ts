/** API entry point: validate config, check the database, serve on API_PORT. */
import { configOrExit } from './config.ts';
import { checkConnection, createDb, DatabaseError, describeDbError } from './db/knex.ts';
import { migrationStatus } from './db/migrate.ts';
import { createApp } from './http/app.ts';
import { handleClientErrors } from './http/errors.ts';
import { createLogger } from './logger.ts';

const config = configOrExit();
const logger = createLogger(config.logLevel, 'api');

let db: ReturnType<typeof createDb>;
try {
  db = createDb(config.database);
  await checkConnection(db);
  const { pending } = await migrationStatus(db);
  if (pending.length > 0) logger.warn(`${pending.length} migrations pending: run npm run migrate`);
} catch (err) {
  console.error(`api: ${err instanceof DatabaseError ? err.message : describeDbError(err)}`);
  process.exit(1);
}

const app = createApp({ config, db, logger });
const server = app.listen(config.api.port, config.api.host, () => {
  logger.info(`VibeApp API on http://localhost:${config.api.port} (database: ${config.database.client})`);
});
handleClientErrors(server);
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(
    `api: cannot listen on ${config.api.host}:${config.api.port}: ${err.code === 'EADDRINUSE' ? 'port in use' : err.message}`,
  );
  process.exit(1);
});

const shutdown = (signal: string) => {
  logger.info(`${signal}: shutting down`);
  server.close(() => {
    void db.destroy().finally(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
