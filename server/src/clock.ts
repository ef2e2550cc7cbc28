/**
 * Time as a dependency: use cases ask a `Clock` instead of calling `new Date()`, so the
 * seed, the ingest job and their tests can pin "now" (market sessions, as-of dates).
 */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

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
