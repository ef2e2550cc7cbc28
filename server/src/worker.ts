/**
 * The worker process: `npm run worker` (`npm run dev:worker` reloads on change). Same
 * codebase and configuration as the API; runs the background jobs on Agenda.
 * SIGTERM / SIGINT: stop taking jobs, let running ones finish for WORKER_SHUTDOWN_S, hand
 * back any still running, exit 0.
 */
import { configOrExit } from './config.ts';
import { createDb, describeDbError } from './db/knex.ts';
import { migrateLatest } from './db/migrate.ts';
import { workerName } from './jobs/heartbeat.ts';
import { startWorkerRuntime } from './jobs/runtime.ts';
import { unwiredJobDeps } from './jobs/wiring.ts';
import { createLogger } from './logger.ts';

const config = configOrExit();
const log = createLogger(config.logLevel, 'worker');
const db = createDb(config.database);
const name = config.worker.name || workerName();

try {
  await migrateLatest(db);
} catch (err) {
  log.error(`cannot prepare the database: ${describeDbError(err)}`);
  await db.destroy();
  process.exit(1);
}

const runtime = await startWorkerRuntime({
  target: config.database,
  db,
  deps: unwiredJobDeps(log),
  log,
  name,
  heartbeatMs: config.worker.heartbeatMs,
  shutdownMs: config.worker.shutdownMs,
});

let exiting = false;
async function shutdown(signal: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  log.info(`${signal}: stopping (running jobs get ${config.worker.shutdownMs / 1000} s)`);
  // Agenda keeps a timer alive after stop(); never hang past the bound.
  setTimeout(() => {
    log.error('shutdown took too long, exiting');
    process.exit(1);
  }, config.worker.shutdownMs + 5_000).unref();
  const { interrupted } = await runtime.stop();
  await db.destroy();
  log.info(`stopped${interrupted ? ` (${interrupted} running job(s) handed back)` : ''}`);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
