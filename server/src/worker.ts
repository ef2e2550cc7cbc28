/**
 * The worker process: `npm run worker` (`npm run dev:worker` reloads on change). Same
 * codebase, configuration and composition root as the API; runs the background jobs on
 * Agenda. SIGTERM / SIGINT: stop taking jobs, let running ones finish for
 * WORKER_SHUTDOWN_S, hand back any still running, exit 0.
 */
import { createAppContext, installProcessHandlers } from './app-context.ts';
import { configOrExit } from './config.ts';
import { describeDbError } from './db/knex.ts';
import { migrateLatest, waitForMigrations } from './db/migrate.ts';
import { startProcessMetrics } from './http/metrics.ts';
import { workerName } from './jobs/heartbeat.ts';
import { startWorkerRuntime } from './jobs/runtime.ts';
import { createJobDeps } from './jobs/wiring.ts';

const config = configOrExit();
const ctx = await createAppContext(config, {
  name: 'worker',
  parts: ['db', 'cache', 'provider', 'sentry', 'services'],
});
installProcessHandlers(ctx);
const { logger: log, db } = ctx;
const name = config.worker.name || workerName();

try {
  if (config.worker.migrate) await migrateLatest(db);
  else
    await waitForMigrations(db, (reason) =>
      log.info(`waiting for the one-shot migrate (WORKER_MIGRATE=false): ${reason}`),
    );
} catch (err) {
  log.fatal({ err }, `cannot prepare the database: ${describeDbError(err)}`);
  await ctx.close().catch(() => {});
  process.exit(1);
}

const { metrics, server: metricsServer } = await startProcessMetrics('worker', ctx);

const runtime = await startWorkerRuntime({
  target: config.database,
  db,
  deps: createJobDeps(ctx),
  log,
  name,
  heartbeatMs: config.worker.heartbeatMs,
  shutdownMs: config.worker.shutdownMs,
  lockLifetimeMs: config.worker.lockLifetimeMs,
  clock: ctx.clock,
  observe: (agenda) => metrics.observeJobs(agenda),
  // Logged by the runtime; sent to Sentry when SENTRY_DSN is set.
  onExhausted: (err, job) => ctx.sentry?.capture(err, { source: `job:${job.name}` }),
});

let exiting = false;
async function shutdown(signal: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  log.info({ signal }, `${signal}: stopping (running jobs get ${config.worker.shutdownMs / 1000} s)`);
  // Agenda keeps a timer alive after stop(); never hang past the bound.
  setTimeout(() => {
    log.error('shutdown took too long, exiting');
    process.exit(1);
  }, config.worker.shutdownMs + 5_000).unref();
  metricsServer?.close();
  const { interrupted } = await runtime.stop();
  await ctx.close();
  log.info({ interrupted }, `stopped${interrupted ? ` (${interrupted} running job(s) handed back)` : ''}`);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
