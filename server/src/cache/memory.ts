/**
 * The in-process tier: a bounded LRU (lru-cache) of live values. A hit hands back the
 * stored object itself (no parse, no copy), so values are deep-frozen when stored: a
 * caller that mutated a cached response would corrupt every later hit.
 *
 * The byte bound (CACHE_MEMORY_MAX_MB) counts what an entry really holds: its object graph
 * on the heap (heap-size.ts), its JSON bytes (kept beside it for the HTTP answer) and the
 * bookkeeping around it. Counting the JSON text alone let the tier hold 4.6 times its bound
 * in real memory (`npm run bench:cache-memory`); counted so, it holds 0.9 of it.
 */
import { LRUCache } from 'lru-cache';
import { type Clock, millisOf } from '../clock.ts';
import { heapBytes, stringBytes } from './heap-size.ts';

/**
 * Bytes each entry costs besides its value and its JSON bytes: the LRU's slots and map
 * entry, the entry record and its expiry, the encoded body's object, Buffer header, ETag
 * and weak-map slot (about 560 bytes measured on Node 20 with tiny values), plus the slack
 * of the hash tables that grow with the number of entries.
 */
export const ENTRY_OVERHEAD_BYTES = 768;

/** What an entry under `key` holding `value` and `bodyBytes` of JSON bytes counts against the bound. */
export function entryBytes(key: string, value: unknown, bodyBytes: number): number {
  return ENTRY_OVERHEAD_BYTES + stringBytes(key) + heapBytes(value) + bodyBytes;
}

export interface MemoryEntry {
  value: unknown;
  /** Clock time (ms) after which the entry is gone. */
  expiresAt: number;
  /** What the entry counts against the byte bound (entryBytes). */
  size: number;
}

export class MemoryTier {
  readonly #lru: LRUCache<string, MemoryEntry>;
  /** The clock in milliseconds. */
  readonly #now: () => number;

  readonly #graceMs: number;

  /** graceMs: how long an expired entry is still kept for `getStale` (0: gone when it expires). */
  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
    clock: Clock,
    graceMs = 0,
  ) {
    this.#now = millisOf(clock);
    this.#graceMs = graceMs;
    this.#lru = new LRUCache<string, MemoryEntry>({
      max: maxEntries,
      maxSize: maxBytes,
      sizeCalculation: (e) => Math.max(1, e.size),
    });
  }

  /** The live entry under key; an expired one reads as absent (and is dropped once past its grace). */
  get(key: string): MemoryEntry | undefined {
    const entry = this.#lru.get(key);
    if (entry === undefined) return undefined;
    const now = this.#now();
    if (entry.expiresAt <= now) {
      if (entry.expiresAt + this.#graceMs <= now) this.#lru.delete(key);
      return undefined;
    }
    return entry;
  }

  /** An expired entry still within its grace period (undefined otherwise). */
  getStale(key: string): MemoryEntry | undefined {
    const entry = this.#lru.peek(key);
    if (entry === undefined) return undefined;
    const now = this.#now();
    if (entry.expiresAt + this.#graceMs <= now) {
      this.#lru.delete(key);
      return undefined;
    }
    return entry.expiresAt <= now ? entry : undefined;
  }

  /**
   * Store a value for ttlMs; `bodyBytes`: its JSON bytes kept beside it (json.ts). An entry
   * larger than the whole byte bound is not kept.
   */
  set(key: string, value: unknown, ttlMs: number, bodyBytes: number): void {
    if (ttlMs <= 0) return;
    const size = entryBytes(key, value, bodyBytes);
    this.#lru.set(key, { value: deepFreeze(value), expiresAt: this.#now() + ttlMs, size });
  }

  delete(key: string): boolean {
    return this.#lru.delete(key);
  }

  /** Drop every key the pattern matches; the number dropped. */
  deleteMatching(pattern: RegExp): number {
    let n = 0;
    for (const key of [...this.#lru.keys()]) {
      if (pattern.test(key) && this.#lru.delete(key)) n++;
    }
    return n;
  }

  clear(): void {
    this.#lru.clear();
  }

  get entries(): number {
    return this.#lru.size;
  }

  get bytes(): number {
    return this.#lru.calculatedSize;
  }
}

/** Freeze an object graph in place (JSON data: plain objects and arrays). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
