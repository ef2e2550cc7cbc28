/**
 * A stock's trailing price window: its last bars (a little over 13 months) in one compact
 * value, kept by the ingest beside `daily_prices` so the score recompute and the quote's
 * 52-week figures read one row per stock instead of ~275 bars. It holds exactly the
 * values stored in `daily_prices` for those days (closes, highs and lows for the whole
 * window; opens and volumes for its last TAIL bars, all the quote needs), so scores
 * computed from it equal scores computed from the bars.
 */
import { AVG_VOLUME_DAYS } from '../analysis/fundamentals.ts';
import { highLow } from '../analysis/indicators.ts';
import type { DailyBar, Quote } from './types.ts';

/**
 * Calendar days kept back from a stock's last bar: more than the 400 days scoring reads
 * back from the newest bar of any stock (see scoring-runs/recompute.ts).
 */
export const WINDOW_DAYS = 410;
/** Bars whose open and volume are kept (the quote's average volume needs 20). */
export const TAIL = 32;

export interface PriceWindow {
  /** Days since 1970-01-01 (UTC calendar days), ascending. */
  days: Float64Array;
  close: Float64Array;
  high: Float64Array;
  low: Float64Array;
  /** NaN before the last TAIL bars. */
  open: Float64Array;
  volume: Float64Array;
}

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01. */
function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
  );
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function sized(n: number): PriceWindow {
  return {
    days: new Float64Array(n),
    close: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    open: new Float64Array(n).fill(Number.NaN),
    volume: new Float64Array(n).fill(Number.NaN),
  };
}

export const emptyWindow = (): PriceWindow => sized(0);

/** The window's date of its last bar (null when empty). */
export function lastDate(w: PriceWindow): string | null {
  return w.days.length ? dateOfDay(w.days[w.days.length - 1]) : null;
}

/** True when `bar` is already in the window with the same values (open and volume where kept). */
export function hasBar(w: PriceWindow, bar: DailyBar): boolean {
  const day = dayNumber(bar.date);
  const i = lowerBound(w.days, day);
  return (
    w.days[i] === day &&
    w.close[i] === bar.close &&
    w.high[i] === bar.high &&
    w.low[i] === bar.low &&
    (Number.isNaN(w.open[i]) || w.open[i] === bar.open) &&
    (Number.isNaN(w.volume[i]) || w.volume[i] === bar.volume)
  );
}

/** The window with `bars` (ascending) written over it by date, trimmed to WINDOW_DAYS back from its last bar. */
export function mergeWindow(w: PriceWindow, bars: readonly DailyBar[]): PriceWindow {
  if (bars.length === 0) return w;
  const n = w.days.length;
  const newDays = bars.map((b) => dayNumber(b.date));
  if (n === 0 || newDays[0] > w.days[n - 1]) {
    // The usual case: new bars after the last one. Keep the old ones still in range, append.
    const last = newDays[newDays.length - 1];
    const keepFrom = lowerBound(w.days, last - WINDOW_DAYS);
    const addFrom = lowerBound(newDays, last - WINDOW_DAYS);
    const kept = n - keepFrom;
    const out = sized(kept + newDays.length - addFrom);
    for (const k of ['days', 'close', 'high', 'low', 'open', 'volume'] as const)
      out[k].set(w[k].subarray(keepFrom));
    for (let j = addFrom; j < bars.length; j++) {
      const i = kept + j - addFrom;
      const b = bars[j];
      out.days[i] = newDays[j];
      out.close[i] = b.close;
      out.high[i] = b.high;
      out.low[i] = b.low;
      out.open[i] = b.open;
      out.volume[i] = b.volume;
    }
    return out;
  }
  // A correction inside the window: merge by day.
  const byDay = new Map<number, [number, number, number, number, number]>();
  for (let i = 0; i < n; i++) byDay.set(w.days[i], [w.close[i], w.high[i], w.low[i], w.open[i], w.volume[i]]);
  bars.forEach((b, j) => {
    byDay.set(newDays[j], [b.close, b.high, b.low, b.open, b.volume]);
  });
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const from = lowerBound(days, days[days.length - 1] - WINDOW_DAYS);
  const out = sized(days.length - from);
  for (let i = from; i < days.length; i++) {
    const [c, h, l, o, v] = byDay.get(days[i]) as [number, number, number, number, number];
    const k = i - from;
    out.days[k] = days[i];
    out.close[k] = c;
    out.high[k] = h;
    out.low[k] = l;
    out.open[k] = o;
    out.volume[k] = v;
  }
  return out;
}

/**
 * The quote of the window's last bar: the same figures as `deriveQuote` over the stock's
 * bars (previous close, change, 20-day average volume, 52-week range).
 */
export function windowQuote(w: PriceWindow): Quote {
  const n = w.days.length;
  if (n === 0) throw new Error('windowQuote: empty window');
  const i = n - 1;
  const previousClose = n >= 2 ? w.close[i - 1] : w.open[i];
  const change = w.close[i] - previousClose;
  const from = Math.max(0, n - AVG_VOLUME_DAYS);
  let volumes = 0;
  for (let k = from; k < n; k++) volumes += w.volume[k];
  const range = highLow(w.high as unknown as number[], w.low as unknown as number[]) as {
    high: number;
    low: number;
  };
  return {
    price: w.close[i],
    change,
    changePct: previousClose > 0 ? (change / previousClose) * 100 : 0,
    open: w.open[i],
    dayHigh: w.high[i],
    dayLow: w.low[i],
    previousClose,
    volume: w.volume[i],
    avgVolume: volumes / (n - from),
    yearHigh: range.high,
    yearLow: range.low,
    asOf: dateOfDay(w.days[i]),
  };
}

/** Index of the first date greater than `date` (dates sorted ascending). */
export function upperBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first day ≥ `day` (days ascending). */
export function lowerBound(days: ArrayLike<number>, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Binary form, float64 then uint16: [n, t, first day, close × n, high × n, low × n,
 * open × t, volume × t] and the n − 1 gaps between days. Exact for every stored value
 * (doubles, volumes below 2^53) and decoded without parsing: ~27 bytes a bar.
 */
export function encodeWindow(w: PriceWindow): Buffer {
  const n = w.days.length;
  const t = Math.min(TAIL, n);
  const floats = 3 + 3 * n + 2 * t;
  const buf = Buffer.alloc(floats * 8 + Math.max(0, n - 1) * 2);
  const f = new Float64Array(buf.buffer, buf.byteOffset, floats);
  f[0] = n;
  f[1] = t;
  f[2] = n ? w.days[0] : 0;
  f.set(w.close, 3);
  f.set(w.high, 3 + n);
  f.set(w.low, 3 + 2 * n);
  f.set(w.open.subarray(n - t), 3 + 3 * n);
  f.set(w.volume.subarray(n - t), 3 + 3 * n + t);
  for (let i = 1; i < n; i++) buf.writeUInt16LE(w.days[i] - w.days[i - 1], floats * 8 + (i - 1) * 2);
  return buf;
}

export function decodeWindow(bytes: Uint8Array): PriceWindow {
  // Copy into an aligned buffer (a driver's Buffer may start anywhere in a pool).
  const raw = new Uint8Array(bytes.byteLength);
  raw.set(bytes);
  const head = new Float64Array(raw.buffer, 0, 3);
  const n = head[0];
  const t = head[1];
  const floats = 3 + 3 * n + 2 * t;
  const f = new Float64Array(raw.buffer, 0, floats);
  const w = sized(n);
  w.close.set(f.subarray(3, 3 + n));
  w.high.set(f.subarray(3 + n, 3 + 2 * n));
  w.low.set(f.subarray(3 + 2 * n, 3 + 3 * n));
  w.open.set(f.subarray(3 + 3 * n, 3 + 3 * n + t), n - t);
  w.volume.set(f.subarray(3 + 3 * n + t, floats), n - t);
  const gaps = new DataView(raw.buffer, floats * 8);
  let day = head[2];
  for (let i = 0; i < n; i++) {
    if (i > 0) day += gaps.getUint16((i - 1) * 2, true);
    w.days[i] = day;
  }
  return w;
}
