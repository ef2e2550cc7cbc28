/** API entry point: validate config, build the context, check the database, serve on API_PORT. */
import { createAppContext, installProcessHandlers } from './app-context.ts';
import { configOrExit } from './config.ts';
import { checkConnection, DatabaseError, describeDbError } from './db/knex.ts';
import { migrationStatus } from './db/migrate.ts';
import { createApp } from './http/app.ts';
import { applyServerTimeouts } from './http/edge.ts';
import { handleClientErrors } from './http/errors.ts';
import type { Readiness } from './http/health.ts';
import { startProcessMetrics } from './http/metrics.ts';
import { drainOnShutdown } from './http/shutdown.ts';

const config = configOrExit();
const ctx = await createAppContext(config, { name: 'api' });
installProcessHandlers(ctx);
const { logger, db } = ctx;

try {
  await checkConnection(db);
  const { pending, newer } = await migrationStatus(db);
  if (pending.length > 0) logger.warn(`${pending.length} migrations pending: run npm run migrate`);
  // A newer release's migrations (a rollout in progress, or this image rolled back): expand/contract.
  if (newer.length > 0) logger.info(`the schema has ${newer.length} migrations newer than this release`);
} catch (err) {
  logger.fatal(`api: ${err instanceof DatabaseError ? err.message : describeDbError(err)}`);
  await ctx.close().catch(() => {});
  process.exit(1);
}

// The screener's column table: built now, and again after every data change (not on a request).
ctx.services.stocks
  .warm()
  .catch((err: unknown) => logger.warn({ err }, 'screener: building the column table failed'));

const readiness: Readiness = { shuttingDown: false };
const { metrics, server: metricsServer } = await startProcessMetrics('api', ctx);
const app = createApp(ctx, { readiness, metrics });
const server = app.listen(config.api.port, config.api.host, () => {
  logger.info(`VibeApp API on http://localhost:${config.api.port} (database: ${config.database.client})`);
});
handleClientErrors(server);
applyServerTimeouts(server, config.http);
server.on('error', (err: NodeJS.ErrnoException) => {
  logger.fatal(
    `api: cannot listen on ${config.api.host}:${config.api.port}: ${err.code === 'EADDRINUSE' ? 'port in use' : err.message}`,
  );
  process.exit(1);
});

const drain = drainOnShutdown(server, {
  readiness,
  graceMs: config.observe.shutdownGraceMs,
  logger,
  close: async () => {
    metricsServer?.close();
    await ctx.close();
  },
});
process.once('SIGINT', () => void drain.stop('SIGINT'));
process.once('SIGTERM', () => void drain.stop('SIGTERM'));
