/**
 * Time as a dependency: the one place production code reads the current time. Everything
 * else asks a `Clock` (built once by the composition root, `systemClock` unless a test or a
 * reproducible run pins it), so tests can fix "now" for the market route, /health, the
 * ingest and score recomputation, the FMP client's pacing, the jobs and the cache.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * `clock` in epoch milliseconds, for hot paths: the system clock's is `Date.now` itself,
 * so the cache's hit path allocates no Date.
 */
export function millisOf(clock: Clock): () => number {
  return clock === systemClock ? Date.now : () => clock.now().getTime();
}

/** A clock that stands still until told otherwise (tests, reproducible runs). */
export interface SettableClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
}

/** A clock fixed at `date`; `set`/`advance` move it. */
export function fixedClock(date: Date | string): SettableClock {
  let t = new Date(date).getTime();
  if (Number.isNaN(t)) throw new Error(`fixedClock: not a date: ${String(date)}`);
  return {
    now: () => new Date(t),
    set(d) {
      t = new Date(d).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}
