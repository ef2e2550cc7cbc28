/**
 * The shared tier: Redis through ioredis. Every command is bounded by the command timeout
 * and none waits for a connection (no offline queue): while Redis is down, hung or just
 * failed a command (then for `retryAfterMs`), `available()` is false and callers skip the
 * tier instead of waiting. ioredis reconnects with backoff by itself. A second connection
 * subscribes to the invalidation bus that keeps every process's in-process tier in step.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { publicReason } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Marks values written by this cache; anything else under a key reads as a miss. */
export const VALUE_MARK = 'vc:';

// One round trip per lookup: the value, its remaining lifetime (so the in-process copy
// never outlives it) and, for a process waiting on another's load, whether the load lock
// is still held. A key holding another type (a foreign value) reads as absent.
const READ_LUA = `
local v = redis.pcall('GET', KEYS[1])
if type(v) == 'table' and v.err then v = false end
local ttl = -2
if v then ttl = redis.call('PTTL', KEYS[1]) end
local locked = 0
if KEYS[2] ~= '' then locked = redis.call('EXISTS', KEYS[2]) end
return {v, ttl, locked}`;

// Store a value and note its expiry in the prefix's index (a sorted set: key → expiry in ms,
// on Redis's clock), dropping the index's expired members as it goes: counting the entries
// is then one ZCARD, never a SCAN of the whole database.
const WRITE_LUA = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
return 1`;

const COUNT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])`;

const UNLOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface ScriptClient {
  vcread(key: string, lock: string): Promise<[string | null, number, number]>;
  vcwrite(key: string, index: string, raw: string, ttlMs: number): Promise<number>;
  vccount(index: string): Promise<number>;
  vcunlock(lock: string, token: string): Promise<number>;
}

export interface RedisRead {
  /** The raw stored text (with VALUE_MARK), or null when absent. */
  raw: string | null;
  /** Remaining lifetime in ms (negative when absent or without expiry). */
  pttl: number;
  /** Whether another process holds the load lock of the key (when asked). */
  locked: boolean;
}

export interface RedisTierOptions {
  url: string;
  /** Prefix of every key and of the bus channel, e.g. `vibeapp:v1:`. */
  prefix: string;
  commandTimeoutMs: number;
  /** How long the tier is skipped after a failed command. */
  retryAfterMs: number;
  logger: Logger;
  /** Another process invalidated a pattern. */
  onRemoteInvalidate: (pattern: string) => void;
  /** The bus reconnected: messages may have been missed. */
  onResync: () => void;
  /** Redis is ready, or answers again after failing (replay what could not be done meanwhile). */
  onReady: () => void;
}

const SCAN_COUNT = 1000;

export class RedisTier {
  readonly instanceId = randomUUID();
  readonly #client: Redis;
  readonly #sub: Redis;
  readonly #opts: RedisTierOptions;
  readonly #channel: string;
  /** The sorted set of this prefix's live keys (see WRITE_LUA). */
  readonly #index: string;
  #openUntil = 0;
  /** Why the last command or connection failed, as a code (the log has the message). */
  #lastError: string | null = 'connecting';
  #subReadyOnce = false;
  #closed = false;

  constructor(opts: RedisTierOptions) {
    this.#opts = opts;
    this.#channel = `${opts.prefix}~bus`;
    this.#index = `${opts.prefix}~index`;
    const base: RedisOptions = {
      connectTimeout: Math.max(500, opts.commandTimeoutMs * 10),
      // 100 ms, 200, 400, … at most 2 s between attempts, forever.
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 5), 2000),
      maxRetriesPerRequest: 0,
    };
    this.#client = new Redis(opts.url, {
      ...base,
      commandTimeout: opts.commandTimeoutMs,
      enableOfflineQueue: false,
    });
    this.#client.defineCommand('vcread', { lua: READ_LUA, numberOfKeys: 2 });
    this.#client.defineCommand('vcunlock', { lua: UNLOCK_LUA, numberOfKeys: 1 });
    this.#client.defineCommand('vcwrite', { lua: WRITE_LUA, numberOfKeys: 2 });
    this.#client.defineCommand('vccount', { lua: COUNT_LUA, numberOfKeys: 1 });
    this.#client.on('ready', () => {
      if (this.#lastError !== null) opts.logger.info('cache: redis is up');
      this.#lastError = null;
      this.#openUntil = 0;
      opts.onReady();
    });
    this.#client.on('error', (err: Error) => this.#fault(err));
    this.#client.on('close', () => {
      if (!this.#closed) this.#fault(new Error('connection closed'));
    });

    this.#sub = new Redis(opts.url, { ...base, enableOfflineQueue: true, autoResubscribe: true });
    this.#sub.on('error', () => {}); // reported through the data connection
    this.#sub.on('ready', () => {
      if (this.#subReadyOnce) opts.onResync();
      this.#subReadyOnce = true;
    });
    this.#sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => this.#onMessage(message));
    this.#sub.subscribe(this.#channel).catch(() => {});
  }

  /** Ready and not within the pause after a failure: worth sending a command. */
  available(): boolean {
    return this.#client.status === 'ready' && performance.now() >= this.#openUntil;
  }

  /** Why the tier is unusable, or null when it is up. */
  problem(): string | null {
    if (this.#client.status !== 'ready')
      return `redis ${this.#client.status}: ${this.#lastError ?? 'not connected'}`;
    if (this.#lastError !== null) return `redis failing: ${this.#lastError}`;
    return null;
  }

  key(key: string): string {
    return this.#opts.prefix + key;
  }

  lockKey(key: string): string {
    return `${this.#opts.prefix}~lock:${key}`;
  }

  /** Read a key (and whether its load lock is held, when withLock). Throws on a fault. */
  async read(key: string, withLock = false): Promise<RedisRead> {
    const scripts = this.#client as unknown as ScriptClient;
    const [raw, pttl, locked] = await this.#guard(
      scripts.vcread(this.key(key), withLock ? this.lockKey(key) : ''),
    );
    return { raw, pttl, locked: locked === 1 };
  }

  async write(key: string, raw: string, ttlMs: number): Promise<void> {
    const scripts = this.#client as unknown as ScriptClient;
    await this.#guard(scripts.vcwrite(this.key(key), this.#index, raw, ttlMs));
  }

  /** Take the load lock of a key: a token when taken, null when another process holds it. */
  async lock(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.#guard(this.#client.set(this.lockKey(key), token, 'PX', ttlMs, 'NX'));
    return ok === 'OK' ? token : null;
  }

  /** Release a lock if still ours; never throws (an unreleased lock just expires). */
  unlock(key: string, token: string): void {
    if (this.#client.status !== 'ready') return;
    (this.#client as unknown as ScriptClient).vcunlock(this.lockKey(key), token).catch(() => {});
  }

  /** SCAN the pattern under the prefix in batches and UNLINK each batch; the number removed. */
  async deleteMatching(pattern: string): Promise<number> {
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await this.#guard(
        this.#client.scan(cursor, 'MATCH', this.key(pattern), 'COUNT', SCAN_COUNT),
      );
      const batch = keys.filter((k) => k !== this.#index);
      if (batch.length > 0) {
        removed += await this.#guard(this.#client.unlink(...batch));
        await this.#guard(this.#client.zrem(this.#index, ...batch));
      }
      cursor = next;
    } while (cursor !== '0');
    return removed;
  }

  /** Tell the other processes to drop the pattern from their in-process tier. */
  async publish(pattern: string): Promise<void> {
    await this.#guard(
      this.#client.publish(this.#channel, JSON.stringify({ o: this.instanceId, p: pattern })),
    );
  }

  /**
   * The entries under the prefix, from its index (one ZCARD after dropping expired members),
   * not a SCAN: exact for entries that expire or are invalidated; an entry Redis evicts under
   * maxmemory stays counted until its lifetime ends.
   */
  async countKeys(): Promise<number> {
    return this.#guard((this.#client as unknown as ScriptClient).vccount(this.#index));
  }

  /** Round-trip time of a PING in ms; throws on a fault. */
  async ping(): Promise<number> {
    const t0 = performance.now();
    await this.#guard(this.#client.ping());
    return performance.now() - t0;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#client.disconnect();
    this.#sub.disconnect();
  }

  #onMessage(message: Buffer): void {
    try {
      const m = JSON.parse(message.toString()) as { o?: unknown; p?: unknown };
      if (m.o !== this.instanceId && typeof m.p === 'string') this.#opts.onRemoteInvalidate(m.p);
    } catch {
      // not one of ours
    }
  }

  /** Run a command; a failure pauses the tier for retryAfterMs and is rethrown. */
  async #guard<T>(command: Promise<T>): Promise<T> {
    try {
      const result = await command;
      if (this.#lastError !== null && this.#client.status === 'ready') {
        this.#lastError = null;
        this.#opts.logger.info('cache: redis answers again');
        this.#opts.onReady();
      }
      return result;
    } catch (err) {
      this.#fault(err as Error);
      this.#openUntil = performance.now() + this.#opts.retryAfterMs;
      throw err;
    }
  }

  #fault(err: Error): void {
    if (this.#closed) return;
    if (this.#lastError === null) {
      this.#opts.logger.warn(`cache: redis unavailable, answering without it: ${err.message}`);
    }
    // A code, not the message: /health and /api/system/cache show it, and ioredis' messages
    // name the host and port.
    const fallback = /timed out/i.test(err.message)
      ? 'timeout'
      : /closed/i.test(err.message)
        ? 'closed'
        : 'error';
    this.#lastError = publicReason(err, fallback);
  }
}
