/**
 * A second process for the database-bus cache test: a memory-only cache (REDIS_ENABLED=false)
 * on DATABASE_URL, answering one JSON command per stdin line with one JSON line:
 *   {"op":"get","key":K}             →  {"value":…}   (absent: no "value")
 *   {"op":"set","key":K,"value":V}   →  {"ok":true}
 *   {"op":"invalidate"}              →  {"removed":N}  (the data-change use case)
 *   {"op":"invalidate","pattern":P}  →  {"removed":N}
 * It prints {"ready":true} once its bus has read where to start.
 */
import { createInterface } from 'node:readline';
import { createCache } from '../src/cache/index.ts';
import { invalidateAfterDataChange } from '../src/cache/keys.ts';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';
import { createLogger } from '../src/logger.ts';

const config = loadConfig({ ...process.env, REDIS_ENABLED: 'false' });
const db = createDb(config.database);
const cache = createCache({
  config,
  logger: createLogger({ level: 'warn', name: 'cache-db-peer' }),
  db,
  busIntervalMs: 50,
});
const health = await cache.health();
if (health.status !== 'ok') throw new Error(`peer cache not ready: ${health.check.detail}`);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as { op: string; key?: string; value?: unknown; pattern?: string };
  let answer: unknown;
  if (cmd.op === 'get') answer = { value: await cache.get(cmd.key as string) };
  else if (cmd.op === 'set') {
    await cache.set(cmd.key as string, cmd.value, 300);
    answer = { ok: true };
  } else if (cmd.op === 'invalidate') {
    const removed = cmd.pattern
      ? await cache.invalidate(cmd.pattern)
      : await invalidateAfterDataChange(cache);
    answer = { removed };
  } else answer = { error: `unknown op ${cmd.op}` };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
await cache.close();
await db.destroy();
