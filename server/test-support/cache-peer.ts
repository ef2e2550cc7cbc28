/**
 * A second API process for the two-process cache test: a cache on REDIS_URL under
 * CACHE_KEY_PREFIX that answers one JSON command per stdin line with one JSON line:
 *   {"op":"get","key":K}  →  {"value":…}   (absent: no "value")
 * It prints {"ready":true} once Redis answers.
 */
import { createInterface } from 'node:readline';
import { createCache } from '../src/cache/index.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { waitFor } from './wait.ts';

const config = loadConfig({ ...process.env, REDIS_ENABLED: 'true', CACHE_MEMORY_TTL: '600' });
const cache = createCache({ config, logger: createLogger({ level: 'warn', name: 'cache-peer' }) });
await waitFor('redis up', async () => (await cache.health()).status === 'ok');
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as { op: string; key: string };
  if (cmd.op === 'get') process.stdout.write(`${JSON.stringify({ value: await cache.get(cmd.key) })}\n`);
}
await cache.close();
