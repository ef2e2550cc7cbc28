/**
 * `npm run worker:health [-- --any]`: exit 0 when the worker's heartbeat is fresh, 1 when
 * it is stale, missing or the database cannot be reached (one line saying which). By
 * default it checks this host's worker (WORKER_NAME or the host name: run it inside the
 * worker's container); `--any` accepts any worker's. It asks the composition root for the
 * database alone (one connection): no cache, provider or Sentry.
 */
import { createAppContext } from '../app-context.ts';
import { configOrExit } from '../config.ts';
import { describeDbError } from '../db/knex.ts';
import { checkHeartbeat, workerName } from '../jobs/heartbeat.ts';

const config = configOrExit();
const ctx = await createAppContext(config, { name: 'worker-health', parts: ['db'], dbPoolMax: 1 });
const any = process.argv.includes('--any');
let code = 1;
try {
  const result = await checkHeartbeat(ctx.db, {
    worker: any ? null : config.worker.name || workerName(),
    maxAgeMs: config.worker.healthMaxAgeMs,
  });
  process.stdout.write(`${result.message}\n`);
  code = result.ok ? 0 : 1;
} catch (err) {
  process.stderr.write(`worker health: cannot read the heartbeat: ${describeDbError(err)}\n`);
} finally {
  await ctx.close().catch(() => {});
}
process.exit(code);
