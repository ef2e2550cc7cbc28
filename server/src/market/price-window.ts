/**
 * A stock's trailing price window: its last bars (a little over 13 months) in one compact
 * value, kept by the ingest beside `daily_prices` so the score recompute and the quote's
 * 52-week figures read one row per stock instead of ~275 bars. It holds exactly the
 * values stored in `daily_prices` for those days, so scores computed from it equal scores
 * computed from the bars.
 */
import type { DailyBar } from './types.ts';

/**
 * Calendar days kept back from a stock's last bar: more than the 400 days scoring reads
 * back from the newest bar of any stock (see stocks/scoring-service.ts).
 */
export const WINDOW_DAYS = 410;

export interface PriceWindow {
  /** Days since 1970-01-01 (UTC calendar days), ascending. */
  days: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
  );
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export const emptyWindow = (): PriceWindow => ({
  days: [],
  open: [],
  high: [],
  low: [],
  close: [],
  volume: [],
});

/** The window's date of its last bar (null when empty). */
export function lastDate(w: PriceWindow): string | null {
  return w.days.length ? dateOfDay(w.days[w.days.length - 1]) : null;
}

/** True when `bar` is already in the window with the same values. */
export function hasBar(w: PriceWindow, bar: DailyBar): boolean {
  const day = dayNumber(bar.date);
  const i = lowerBound(w.days, day);
  return (
    w.days[i] === day &&
    w.open[i] === bar.open &&
    w.high[i] === bar.high &&
    w.low[i] === bar.low &&
    w.close[i] === bar.close &&
    w.volume[i] === bar.volume
  );
}

/** The window with `bars` written over it (by date), trimmed to WINDOW_DAYS back from its last bar. */
export function mergeWindow(w: PriceWindow, bars: readonly DailyBar[]): PriceWindow {
  const byDay = new Map<number, [number, number, number, number, number]>();
  for (let i = 0; i < w.days.length; i++)
    byDay.set(w.days[i], [w.open[i], w.high[i], w.low[i], w.close[i], w.volume[i]]);
  for (const b of bars) byDay.set(dayNumber(b.date), [b.open, b.high, b.low, b.close, b.volume]);
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const from = days.length ? days[days.length - 1] - WINDOW_DAYS : 0;
  const out = emptyWindow();
  for (const day of days) {
    if (day < from) continue;
    const [o, h, l, c, v] = byDay.get(day) as [number, number, number, number, number];
    out.days.push(day);
    out.open.push(o);
    out.high.push(h);
    out.low.push(l);
    out.close.push(c);
    out.volume.push(v);
  }
  return out;
}

/** The window's last `n` bars as DailyBars (for the quote's 52-week figures). */
export function tailBars(w: PriceWindow, n: number): DailyBar[] {
  const out: DailyBar[] = [];
  for (let i = Math.max(0, w.days.length - n); i < w.days.length; i++) {
    out.push({
      date: dateOfDay(w.days[i]),
      open: w.open[i],
      high: w.high[i],
      low: w.low[i],
      close: w.close[i],
      volume: w.volume[i],
    });
  }
  return out;
}

/** Index of the first day ≥ `day` (days ascending). */
export function lowerBound(days: readonly number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const encodeWindow = (w: PriceWindow): string =>
  JSON.stringify({ d: w.days, o: w.open, h: w.high, l: w.low, c: w.close, v: w.volume });

export function decodeWindow(text: string): PriceWindow {
  const j = JSON.parse(text) as Record<'d' | 'o' | 'h' | 'l' | 'c' | 'v', number[]>;
  return { days: j.d, open: j.o, high: j.h, low: j.l, close: j.c, volume: j.v };
}
