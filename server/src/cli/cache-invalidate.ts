/**
 * `npm run cache:invalidate -- 'stocks:*' [--wait]`: queue the `invalidate-cache` job with a
 * key pattern in the job store, so the worker drops the matching cached answers (the cache
 * is the worker's and the API's, not this short-lived process's). `--wait` waits until a
 * worker has run it and fails when it failed or no worker took it within WAIT_S.
 */
import { parseArgs } from 'node:util';
import { Agenda } from 'agenda';
import { createAppContext } from '../app-context.ts';
import { configOrExit } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { invalidateCache } from '../jobs/invalidate-cache.ts';
import { createJobBackend, prepareJobStore } from '../jobs/store.ts';
import { runCli } from './run.ts';

const WAIT_S = 60;
const USAGE = "usage: cache:invalidate <pattern> [--wait]  (e.g. 'stocks:*', 'stocks:detail:AAPL')";

/** A cache key glob: printable, no spaces, at most 200 characters. */
export function checkPattern(raw: string | undefined): string {
  const pattern = raw?.trim() ?? '';
  if (!pattern) throw new Error(`a key pattern is needed; ${USAGE}`);
  if (pattern.length > 200 || !/^[\x21-\x7e]+$/.test(pattern))
    throw new Error(
      `"${pattern.slice(0, 40)}" is not a key pattern (printable characters, no spaces, 200 at most)`,
    );
  return pattern;
}

await runCli('cache:invalidate', async () => {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { wait: { type: 'boolean' } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ options: { wait: { type: 'boolean' } }, allowPositionals: true });
  } catch (err) {
    throw new Error(`${(err as Error).message}; ${USAGE}`);
  }
  if (parsed.positionals.length > 1) throw new Error(`one pattern at a time; ${USAGE}`);
  const pattern = checkPattern(parsed.positionals[0]);
  const config = configOrExit();
  const ctx = await createAppContext(config, { name: 'cache-invalidate', parts: ['db'] });
  const { db, logger } = ctx;
  const backend = createJobBackend(config.database, db, { notifications: false });
  try {
    await migrateLatest(db);
    await prepareJobStore(config.database, db);
    const agenda = new Agenda({ backend, name: 'cache-invalidate-cli' });
    await agenda.ready;
    const job = await agenda.now(invalidateCache.name, { pattern });
    const id = job.attrs._id;
    logger.info({ pattern, job: String(id) }, `queued ${invalidateCache.name} for ${pattern}`);
    if (!parsed.values.wait) return;
    // A bound on elapsed time, not a reading of the time of day: the monotonic clock.
    const deadline = performance.now() + WAIT_S * 1000;
    for (;;) {
      const row = id ? await agenda.db.getJobById(String(id)) : null;
      if (row?.failedAt && (!row.lastFinishedAt || row.failedAt >= row.lastFinishedAt))
        throw new Error(`the worker failed to invalidate ${pattern}: ${row.failReason ?? 'unknown error'}`);
      if (row?.lastFinishedAt) {
        logger.info({ pattern }, `invalidated ${pattern}`);
        return;
      }
      if (performance.now() > deadline)
        throw new Error(`no worker ran the job within ${WAIT_S} s: is one running (npm run worker)?`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await backend.disconnect().catch(() => {});
    await ctx.close();
  }
});
