/** Helpers for the cache tests: configs under a unique key prefix, a fake clock, private Redis servers. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { type AppCache, createCache } from '../src/cache/index.ts';
import type { Clock } from '../src/clock.ts';
import type { Config } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { waitFor } from './wait.ts';

/** Set to enable the suites that need a real Redis (CI: redis://127.0.0.1:6379/15). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

/** A key prefix no other run or helper shares. */
export function uniquePrefix(): string {
  return `vibeapp-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export interface TestCacheSettings {
  redisUrl?: string;
  prefix?: string;
  maxEntries?: number;
  maxBytes?: number;
  memoryTtl?: number;
  /** CACHE_GRACE in seconds (default 0: an expired entry is a miss). */
  grace?: number;
  commandTimeoutMs?: number;
}

export function cacheConfig(s: TestCacheSettings = {}): Pick<Config, 'cache' | 'redis'> {
  return {
    cache: {
      ttlDefault: 300,
      ttlScores: 900,
      ttlRankings: 600,
      memoryMaxEntries: s.maxEntries ?? 1000,
      memoryMaxBytes: s.maxBytes ?? 16 * 1024 * 1024,
      memoryTtl: s.memoryTtl ?? 30,
      grace: s.grace ?? 0,
      keyPrefix: s.prefix ?? uniquePrefix(),
    },
    redis: {
      url: s.redisUrl ?? 'redis://127.0.0.1:6379/0',
      enabled: s.redisUrl !== undefined,
      commandTimeoutMs: s.commandTimeoutMs ?? 50,
    },
  };
}

/** The in-process cache alone (the embedded default), quiet, under its own prefix. */
export function memoryCache(s: Omit<TestCacheSettings, 'redisUrl'> & { clock?: Clock } = {}): AppCache {
  return createCache({ config: cacheConfig(s), logger: createLogger({ level: 'silent' }), clock: s.clock });
}

/** The uncached baseline: a cache that never keeps anything, so every request loads. */
export const noCache: AppCache = {
  backend: 'memory',
  get: async () => undefined,
  set: async () => {},
  getOrSet: async (_key, _ttl, loader) => ({ value: await loader(), outcome: 'BYPASS' }),
  invalidate: async () => 0,
  onOutcome: () => {},
  onInvalidate: () => {},
  stats: async () => ({
    backend: 'none',
    status: 'disabled',
    hits: 0,
    misses: 0,
    hit_rate: null,
    keys: null,
    since: '',
  }),
  health: async () => ({ status: 'ok', check: { status: 'disabled', detail: 'no cache' } }),
  close: async () => {},
};

/** A clock that moves only when told to (ms since the epoch in `t`). */
export class FakeClock implements Clock {
  t = 1_000_000;
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Wait until the cache's Redis tier answers. */
export async function untilRedisUp(cache: AppCache, timeoutMs = 5000): Promise<void> {
  await waitFor('redis up', async () => (await cache.health()).status === 'ok', { timeoutMs });
}

/** Remove every key under a prefix (SCAN + UNLINK). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A TCP server that accepts connections and never answers a byte (a hung Redis). */
export async function hungServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Connections accepted so far and still open. */
    connections: () => sockets.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/** A private, disk-less redis-server on a free port, to stop and start in fault tests. */
export class PrivateRedis {
  #proc: ChildProcess | undefined;
  constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await closedPort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    const proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.#proc = proc;
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    try {
      await waitFor('redis-server to start', async () => {
        try {
          if (probe.status !== 'ready') await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          probe.disconnect();
          return false;
        }
      });
    } finally {
      probe.disconnect();
    }
  }

  /** SIGKILL: no goodbye to the clients, nothing kept. */
  async kill(): Promise<void> {
    const proc = this.#proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  /** A client of this server, for arranging faults. */
  client(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    return client;
  }
}
