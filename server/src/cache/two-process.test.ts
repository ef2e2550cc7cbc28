import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { memoryLogger } from '../../test-support/app.ts';
import {
  cacheConfig,
  dropPrefix,
  sleep,
  TEST_REDIS_URL,
  uniquePrefix,
  untilRedisUp,
} from '../../test-support/cache.ts';
import { type AppCache, createCache } from './index.ts';
import { invalidateAfterDataChange } from './keys.ts';

const suite = TEST_REDIS_URL ? describe : describe.skip;
const PEER = path.join(import.meta.dirname, '..', '..', 'test-support', 'cache-peer.ts');

suite(`cache across two processes${TEST_REDIS_URL ? '' : ' (skipped: set TEST_REDIS_URL)'}`, function () {
  this.timeout(30_000);
  const url = TEST_REDIS_URL as string;
  const prefix = uniquePrefix();
  let child: ChildProcessWithoutNullStreams;
  let lines: AsyncIterator<string>;
  let rl: Interface;
  let cache: AppCache;
  let raw: Redis;

  async function next(): Promise<Record<string, unknown>> {
    const { value, done } = await lines.next();
    if (done) throw new Error('the peer process exited');
    return JSON.parse(value);
  }

  async function peerGet(key: string): Promise<unknown> {
    child.stdin.write(`${JSON.stringify({ op: 'get', key })}\n`);
    return (await next()).value;
  }

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', PEER], {
      env: { ...process.env, REDIS_URL: url, CACHE_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' },
    });
    child.stderr.pipe(process.stderr);
    rl = createInterface({ input: child.stdout });
    lines = rl[Symbol.asyncIterator]();
    expect(await next()).to.deep.equal({ ready: true });
    cache = createCache({ config: cacheConfig({ redisUrl: url, prefix }), logger: memoryLogger([]) });
    await untilRedisUp(cache);
    raw = new Redis(url);
  });

  after(async () => {
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
    rl.close();
    await cache?.close();
    raw?.disconnect();
    await dropPrefix(url, prefix);
  });

  it('an invalidation in one process empties the other process’s in-process tier within a second', async () => {
    await cache.set('stocks:detail:AAPL', { price: 1 }, 300);
    await sleep(50); // the "key changed" message of set() reaches the peer before it reads
    expect(await peerGet('stocks:detail:AAPL')).to.deep.equal({ price: 1 });
    // Change Redis behind both caches: the peer keeps answering from its own memory.
    await raw.set(`${prefix}:v1:stocks:detail:AAPL`, 'vc:{"price":2}', 'PX', 300_000);
    expect(await peerGet('stocks:detail:AAPL')).to.deep.equal({ price: 1 });

    const t0 = Date.now();
    expect(await invalidateAfterDataChange(cache)).to.equal(1);
    let seen: unknown = { price: 1 };
    while (seen !== undefined && Date.now() - t0 < 1000) {
      seen = await peerGet('stocks:detail:AAPL');
      if (seen !== undefined) await sleep(5);
    }
    expect(seen, 'still cached in the peer 1 s after the invalidation').to.equal(undefined);
  });
});
