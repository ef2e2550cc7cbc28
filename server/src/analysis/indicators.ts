/**
 * Technical indicators on daily price series (pure functions, no I/O).
 *
 * Conventions: input series are oldest first; series functions return an array aligned
 * to the input, with `null` where there is not yet enough data; scalar functions look at
 * the end of the series (the latest bar) and return `null` when the series is too short.
 * Returns and volatility are fractions (0.25 = 25 %).
 *
 * Implemented by hand rather than with a library: the definitions are short and exact
 * (StockCharts ChartSchool / Wilder 1978), the tests pin them to published worked
 * examples, and the scorer runs them over 5,000 stocks, where plain loops over number
 * arrays are as fast as it gets.
 */

/** Trading days in a year, used for 52-week windows and to annualise volatility. */
export const TRADING_DAYS_PER_YEAR = 252;
/** Trading days in a month (12-1 momentum skips the latest month). */
const TRADING_DAYS_PER_MONTH = 21;

export type Series = Array<number | null>;

/** Simple moving average: mean of the last `period` values; first value at index `period - 1`. */
export function sma(values: readonly number[], period: number): Series {
  assertPeriod(period);
  const out: Series = new Array(values.length).fill(null);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= period) sum -= values[i - period];
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

/**
 * Exponential moving average as StockCharts defines it: seeded with the SMA of the first
 * `period` values, then `EMA = (close − EMA_prev) × k + EMA_prev` with `k = 2 / (period + 1)`.
 * `null` values at the start of the input (e.g. an upstream indicator's warm-up) are
 * skipped: the seed is the SMA of the first `period` non-null values.
 */
export function ema(values: readonly (number | null)[], period: number): Series {
  assertPeriod(period);
  const out: Series = new Array(values.length).fill(null);
  const k = 2 / (period + 1);
  let count = 0;
  let seedSum = 0;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      if (count > 0) throw new Error('ema: null inside the series (only leading nulls are allowed)');
      continue;
    }
    count++;
    if (count < period) {
      seedSum += v;
    } else if (count === period) {
      prev = (seedSum + v) / period;
      out[i] = prev;
    } else {
      prev = (v - prev) * k + prev;
      out[i] = prev;
    }
  }
  return out;
}

/**
 * Relative Strength Index (Wilder 1978), as StockCharts computes it: the first average
 * gain/loss is the simple mean of the first `period` changes; after that
 * `avg = (avg_prev × (period − 1) + current) / period`. `RSI = 100 − 100 / (1 + avgGain / avgLoss)`.
 * The first value is at index `period`. With no losses RSI is 100; with neither gains
 * nor losses (a flat series) it is 50.
 */
export function rsi(closes: readonly number[], period = 14): Series {
  const out: Series = new Array(closes.length).fill(null);
  wilderRsi(closes, period, (i, value) => {
    out[i] = value;
  });
  return out;
}

/** The latest RSI only (what `last(rsi(closes, period))` returns, without the array). */
export function latestRsi(closes: readonly number[], period = 14): number | null {
  let latest: number | null = null;
  wilderRsi(closes, period, (_, value) => {
    latest = value;
  });
  return latest;
}

/**
 * Wilder's RSI: the first average gain/loss is the simple mean of the first `period`
 * changes, then each is smoothed as (previous × (n − 1) + current) / n. Calls `emit` for
 * every bar from index `period` on.
 */
function wilderRsi(
  closes: readonly number[],
  period: number,
  emit: (index: number, value: number) => void,
): void {
  assertPeriod(period);
  if (closes.length <= period) return;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = closes[i] - closes[i - 1];
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  emit(period, rsiFrom(gain, loss));
  const keep = (period - 1) / period;
  const add = 1 / period;
  for (let i = period + 1; i < closes.length; i++) {
    const change = closes[i] - closes[i - 1];
    gain = gain * keep + Math.max(change, 0) * add;
    loss = loss * keep + Math.max(-change, 0) * add;
    emit(i, rsiFrom(gain, loss));
  }
}

function rsiFrom(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}

export interface MacdSeries {
  /** EMA(fast) − EMA(slow); first value at index `slow − 1`. */
  macd: Series;
  /** EMA(signal) of the MACD line; first value at index `slow + signal − 2`. */
  signal: Series;
  /** MACD line − signal line. */
  histogram: Series;
}

/** MACD (Appel): line = EMA12 − EMA26, signal = EMA9 of the line, histogram = line − signal. */
export function macd(closes: readonly number[], fast = 12, slow = 26, signal = 9): MacdSeries {
  if (fast >= slow) throw new Error('macd: the fast period must be shorter than the slow one');
  const fastEma = ema(closes, fast);
  const slowEma = ema(closes, slow);
  const line: Series = closes.map((_, i) => {
    const f = fastEma[i];
    const s = slowEma[i];
    return f === null || s === null ? null : f - s;
  });
  const signalLine = ema(line, signal);
  const histogram: Series = line.map((m, i) => {
    const s = signalLine[i];
    return m === null || s === null ? null : m - s;
  });
  return { macd: line, signal: signalLine, histogram };
}

export interface BollingerSeries {
  /** The middle band: SMA(period); first value at index `period − 1`. */
  middle: Series;
  /** Middle + `width` population standard deviations of the same window. */
  upper: Series;
  /** Middle − `width` population standard deviations. */
  lower: Series;
}

/**
 * Bollinger Bands (Bollinger 2001, as StockCharts computes them): the SMA of the last
 * `period` closes ± `width` times their population standard deviation (divided by n, not
 * n − 1). Sums run over the window, so the series costs one pass.
 */
export function bollinger(closes: readonly number[], period = 20, width = 2): BollingerSeries {
  assertPeriod(period);
  const middle: Series = new Array(closes.length).fill(null);
  const upper: Series = new Array(closes.length).fill(null);
  const lower: Series = new Array(closes.length).fill(null);
  for (let i = period - 1; i < closes.length; i++) {
    // Two passes over the window (mean, then squared deviations): exact where a running
    // sum of squares would lose digits on large prices.
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += closes[j];
    const mean = sum / period;
    let squares = 0;
    for (let j = i - period + 1; j <= i; j++) squares += (closes[j] - mean) ** 2;
    const sd = Math.sqrt(squares / period);
    middle[i] = mean;
    upper[i] = mean + width * sd;
    lower[i] = mean - width * sd;
  }
  return { middle, upper, lower };
}

/** The latest value of a series (`null` for an empty series). */
export function last<T>(series: readonly T[]): T | null {
  return series.length === 0 ? null : series[series.length - 1];
}

/** The SMA of the last `period` values only (what `last(sma(...))` returns, without the array). */
export function latestSma(values: readonly number[], period: number): number | null {
  assertPeriod(period);
  if (values.length < period) return null;
  let sum = 0;
  for (let i = values.length - period; i < values.length; i++) sum += values[i];
  return sum / period;
}

/**
 * 52-week range: the highest high and the lowest low of the last `window` bars (252 by
 * default). Uses whatever is available when there are fewer bars; `null` for no bars.
 */
export function highLow(
  highs: readonly number[],
  lows: readonly number[],
  window = TRADING_DAYS_PER_YEAR,
): { high: number; low: number } | null {
  if (highs.length === 0 || lows.length === 0) return null;
  let high = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  for (let i = Math.max(0, highs.length - window); i < highs.length; i++)
    if (highs[i] > high) high = highs[i];
  for (let i = Math.max(0, lows.length - window); i < lows.length; i++) if (lows[i] < low) low = lows[i];
  return { high, low };
}

/**
 * Simple return over the last `days` trading days: `close[t] / close[t − days] − 1`.
 * `null` when the series is shorter than `days + 1` or the base price is not positive.
 */
export function simpleReturn(closes: readonly number[], days: number): number | null {
  const t = closes.length - 1;
  if (days < 1 || t - days < 0) return null;
  const base = closes[t - days];
  return base > 0 ? closes[t] / base - 1 : null;
}

/**
 * Performance periods in trading days, as finviz counts them (Perf Week, Month, Quarter,
 * Half Y, Year): 5, 21, 63, 126 and 252 sessions.
 */
export const PERFORMANCE_SESSIONS = { '1w': 5, '1m': 21, '3m': 63, '6m': 126, '1y': 252 } as const;
export type PerformancePeriod = keyof typeof PERFORMANCE_SESSIONS;

/** The close `n` bars before the last one (`close[t − n]`), or null when the series is shorter. */
export function closeBack(closes: readonly number[], n: number): number | null {
  const i = closes.length - 1 - n;
  return i >= 0 ? closes[i] : null;
}

/**
 * How far a price is from a reference, as a fraction: `price / reference − 1` (0.05 = 5 %
 * above). finviz's "SMA20/50/200" (distance from the moving average), "52W High/Low"
 * (distance from the high or low) and "Perf" columns (price against the close N sessions
 * before) are all this. Null when either is missing or the reference is not positive.
 */
export function relativeTo(price: number | null, reference: number | null): number | null {
  if (price === null || reference === null || !Number.isFinite(price) || !(reference > 0)) return null;
  return price / reference - 1;
}

/**
 * 12-1 month momentum (Jegadeesh & Titman 1993): the return from 12 months ago to 1 month
 * ago, skipping the latest month: `close[t − 21] / close[t − 252] − 1`. Needs 253 closes.
 */
export function momentum12_1(closes: readonly number[]): number | null {
  const t = closes.length - 1;
  if (t - TRADING_DAYS_PER_YEAR < 0) return null;
  const base = closes[t - TRADING_DAYS_PER_YEAR];
  return base > 0 ? closes[t - TRADING_DAYS_PER_MONTH] / base - 1 : null;
}

/**
 * Annualised volatility of daily LOG returns `ln(close[i] / close[i − 1])` over the last
 * `lookback` returns (252 by default, fewer if that is all there is): sample standard
 * deviation (n − 1) × √252. `null` with fewer than `minReturns` returns (20 by default)
 * or a non-positive price in the window.
 */
export function volatility(
  closes: readonly number[],
  lookback = TRADING_DAYS_PER_YEAR,
  minReturns = 20,
): number | null {
  const n = Math.min(lookback, closes.length - 1);
  if (n < Math.max(2, minReturns)) return null;
  const start = closes.length - n;
  // Welford's one-pass mean and sum of squared deviations.
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const prev = closes[start + i - 1];
    const cur = closes[start + i];
    if (!(prev > 0) || !(cur > 0)) return null;
    const r = Math.log(cur / prev);
    const delta = r - mean;
    mean += delta / (i + 1);
    m2 += delta * (r - mean);
  }
  return Math.sqrt(m2 / (n - 1)) * Math.sqrt(TRADING_DAYS_PER_YEAR);
}

function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new Error(`invalid period ${period}`);
}
