import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { memoryLogger } from '../../test-support/app.ts';
import {
  cacheConfig,
  dropPrefix,
  TEST_REDIS_URL,
  uniquePrefix,
  untilRedisUp,
} from '../../test-support/cache.ts';
import { waitFor } from '../../test-support/wait.ts';
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
    // Both processes listen for invalidations.
    const channel = `${prefix}:v1:~bus`;
    await waitFor(`2 subscribers on ${channel}`, async () => {
      const [, count] = (await raw.pubsub('NUMSUB', channel)) as [string, number];
      return count >= 2;
    });
    // Written behind both caches (no "key changed" message): the peer reads it into its memory.
    await raw.set(`${prefix}:v1:stocks:detail:AAPL`, 'vc:{"price":1}', 'PX', 300_000);
    expect(await peerGet('stocks:detail:AAPL')).to.deep.equal({ price: 1 });
    // Change Redis behind both caches: the peer keeps answering from its own memory.
    await raw.set(`${prefix}:v1:stocks:detail:AAPL`, 'vc:{"price":2}', 'PX', 300_000);
    expect(await peerGet('stocks:detail:AAPL')).to.deep.equal({ price: 1 });

    expect(await invalidateAfterDataChange(cache)).to.equal(1);
    // The second is the bound under test.
    await waitFor(
      'the peer to drop its copy',
      async () => (await peerGet('stocks:detail:AAPL')) === undefined,
      {
        timeoutMs: 1000,
      },
    );
  });
});
