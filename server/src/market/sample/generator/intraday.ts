/**
 * Intraday: where a stock trades during a session. The price follows a seeded bridge from
 * the day's open through its high and low to its close, so quotes move during the day and
 * end on the day's bar.
 */
import type { DailyBar } from '../../types.ts';
import { rngFor } from './random.ts';
import { round2, SAMPLE_SEED } from './shared.ts';

/** Steps of the intraday path (one a minute of a full session). */
const INTRADAY_STEPS = 390;

/** A stock's state `fraction` of the way through a session whose daily bar is `bar`. */
interface IntradayState {
  price: number;
  /** High and low so far. */
  dayHigh: number;
  dayLow: number;
  /** Shares traded so far. */
  volume: number;
}

/**
 * Where a stock trades `fraction` (0..1) of the way through the session of `bar`: a
 * seeded path from the open through the day's high and low (at seeded times) to the
 * close, each leg a Brownian bridge kept inside the day's range, and the volume so far
 * on a U-shaped intraday profile. At fraction 1 it is the bar itself; the same seed,
 * ticker, bar and fraction always give the same state.
 */
export function intradayState(
  bar: DailyBar,
  ticker: string,
  fraction: number,
  seed: number | string = SAMPLE_SEED,
): IntradayState {
  const f = Math.min(1, Math.max(0, fraction));
  const m = INTRADAY_STEPS;
  const rng = rngFor(seed, ticker, 'intraday', bar.date);
  const tHigh = 1 + rng.int(m - 1);
  let tLow = 1 + rng.int(m - 2);
  if (tLow >= tHigh) tLow++;
  const lo = Math.log(bar.low);
  const hi = Math.log(bar.high);
  const knots = [
    [0, Math.log(bar.open)],
    [tHigh, hi],
    [tLow, lo],
    [m, Math.log(bar.close)],
  ].sort((a, b) => a[0] - b[0]);
  const sd = Math.max(hi - lo, 1e-4) / Math.sqrt(m);
  const path = new Float64Array(m + 1);
  for (let k = 0; k + 1 < knots.length; k++) {
    const [t0, x0] = knots[k];
    const [t1, x1] = knots[k + 1];
    const len = t1 - t0;
    const walk = new Float64Array(len + 1);
    for (let i = 1; i <= len; i++) walk[i] = walk[i - 1] + sd * rng.normal();
    for (let i = 0; i <= len; i++) {
      const x = x0 + ((x1 - x0) * i) / len + walk[i] - (walk[len] * i) / len;
      path[t0 + i] = Math.min(hi, Math.max(lo, x));
    }
  }
  const at = Math.min(m, Math.floor(f * m));
  let high = path[0];
  let low = path[0];
  for (let i = 1; i <= at; i++) {
    if (path[i] > high) high = path[i];
    if (path[i] < low) low = path[i];
  }
  // Cumulative share of the day's volume: density ∝ 1 + 3(2f − 1)², busiest at open and close.
  const share = (f + ((2 * f - 1) ** 3 + 1) / 2) / 2;
  return {
    price: round2(Math.exp(path[at])),
    dayHigh: round2(Math.exp(high)),
    dayLow: round2(Math.exp(low)),
    volume: Math.round(bar.volume * share),
  };
}
