/**
 * The invalidation bus when Redis is off: processes sharing a database (the API and the
 * worker on one SQLite file, or on one PostgreSQL database) tell each other which patterns
 * to drop through the `cache_invalidations` table. `publish` appends a row; each process
 * polls (one SELECT on the primary key, every `intervalMs`) for rows newer than the last it
 * saw and hands other processes' patterns to `onRemote`. A cache hit never touches this.
 *
 * Rows can become visible out of id order (PostgreSQL sequences are taken before commit),
 * so rows stay re-read for `settleMs` after they are first seen and a late, lower id is
 * still applied; ids are remembered so nothing is applied twice. A process starts at the
 * newest id (earlier rows are about entries it never held). Rows older than `retentionMs`
 * are pruned; a process whose polls failed for longer than that asks for a full resync.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { type Clock, millisOf, systemClock } from '../clock.ts';
import { publicReason } from '../errors.ts';
import type { Logger } from '../logger.ts';

export interface DbBusOptions {
  db: Knex;
  logger: Logger;
  /** A pattern invalidated by another process. */
  onRemote: (pattern: string) => void;
  /** The bus may have missed invalidations (it could not read them in time): drop everything. */
  onResync: () => void;
  /** Poll period (ms). Default 1000. */
  intervalMs?: number;
  /** How long rows are kept (ms). Default 10 minutes. */
  retentionMs?: number;
  /** How long a seen row is still re-read, for rows that commit out of id order (ms). Default 5000. */
  settleMs?: number;
  /**
   * Stamps rows' `at` and prunes them. Rows are shared with the other processes, which
   * prune by their own clocks, so the cache leaves this at the wall clock (tests move it).
   */
  clock?: Clock;
}

const TABLE = 'cache_invalidations';
const BATCH = 1000;

export class DbInvalidationBus {
  /** This process's mark on its rows; its own rows are skipped when polled. */
  readonly origin = randomUUID();
  readonly intervalMs: number;
  readonly #db: Knex;
  readonly #logger: Logger;
  readonly #onRemote: (pattern: string) => void;
  readonly #onResync: () => void;
  readonly #retentionMs: number;
  readonly #settleMs: number;
  readonly #now: () => number;
  /** Every id at or below this one has been handled. */
  #floor = 0;
  /** Ids above the floor already handled, with when they were first seen. */
  readonly #seen = new Map<number, number>();
  #started = false;
  #lastOk = 0;
  #lastPrune = 0;
  #problem: string | null = null;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<number> | undefined;
  #closed = false;
  readonly #ready: Promise<void>;

  constructor(opts: DbBusOptions) {
    this.#db = opts.db;
    this.#logger = opts.logger;
    this.#onRemote = opts.onRemote;
    this.#onResync = opts.onResync;
    this.intervalMs = opts.intervalMs ?? 1000;
    this.#retentionMs = opts.retentionMs ?? 10 * 60_000;
    this.#settleMs = opts.settleMs ?? 5000;
    this.#now = millisOf(opts.clock ?? systemClock);
    this.#ready = this.poll().then(() => this.#schedule());
  }

  /** Resolves once the first poll has run (whether or not it succeeded). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Why the bus is not working (null when its last poll succeeded). */
  problem(): string | null {
    return this.#problem;
  }

  /** Tell the other processes to drop keys matching pattern. Throws when the database does. */
  async publish(pattern: string): Promise<void> {
    const now = this.#now();
    await this.#db(TABLE).insert({ pattern, origin: this.origin, at: now });
    if (now - this.#lastPrune >= Math.min(60_000, this.#retentionMs)) {
      this.#lastPrune = now;
      await this.prune().catch((err: unknown) => {
        this.#logger.warn(`cache bus: pruning failed: ${(err as Error).message}`);
      });
    }
  }

  /** Delete rows older than the retention; resolves with how many. */
  async prune(): Promise<number> {
    return this.#db(TABLE)
      .where('at', '<', this.#now() - this.#retentionMs)
      .delete();
  }

  /** Read and apply new rows now (the timer calls this); resolves with how many patterns were applied. */
  poll(): Promise<number> {
    this.#polling ??= this.#poll().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#ready;
    await this.#polling?.catch(() => {});
  }

  async #poll(): Promise<number> {
    if (this.#closed) return 0;
    try {
      const now = this.#now();
      if (!this.#started) {
        const row = (await this.#db(TABLE).max({ id: 'id' }).first()) as
          | { id: number | string | null }
          | undefined;
        this.#floor = Number(row?.id ?? 0);
        this.#started = true;
        this.#lastOk = now;
        this.#recovered();
        // Anything cached before the bus knew where to start is dropped (nothing, at startup).
        this.#onResync();
        return 0;
      }
      const rows = await this.#db(TABLE)
        .where('id', '>', this.#floor)
        .orderBy('id')
        .limit(BATCH)
        .select('id', 'pattern', 'origin');
      if (now - this.#lastOk > this.#retentionMs) {
        // Polls failed for longer than rows are kept: some may be gone unseen.
        this.#logger.warn('cache bus: invalidations may have been missed, dropping the in-process tier');
        this.#onResync();
      }
      this.#lastOk = now;
      this.#recovered();
      let applied = 0;
      for (const row of rows) {
        const id = Number(row.id);
        if (this.#seen.has(id)) continue;
        this.#seen.set(id, now);
        if (row.origin === this.origin) continue;
        this.#onRemote(row.pattern);
        applied++;
      }
      this.#advance(now, rows.length === BATCH ? Number(rows[rows.length - 1]?.id) : 0);
      return applied;
    } catch (err) {
      const message = `cache bus: ${(err as Error).message}`;
      if (this.#problem === null) this.#logger.warn(`${message}; other processes' invalidations wait`);
      // /health shows the problem: a code, not the driver's message (SQL, host, port).
      this.#problem = `cache bus: database ${publicReason(err)}`;
      return 0;
    }
  }

  /** Move the floor past ids seen long enough ago that no lower id can still appear. */
  #advance(now: number, atLeast: number): void {
    let floor = Math.max(this.#floor, atLeast);
    for (const [id, seenAt] of this.#seen) if (now - seenAt >= this.#settleMs && id > floor) floor = id;
    for (const id of this.#seen.keys()) if (id <= floor) this.#seen.delete(id);
    this.#floor = floor;
  }

  #recovered(): void {
    if (this.#problem !== null) this.#logger.info('cache bus: reading invalidations again');
    this.#problem = null;
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      void this.poll().then(() => this.#schedule());
    }, this.intervalMs);
    this.#timer.unref();
  }
}
