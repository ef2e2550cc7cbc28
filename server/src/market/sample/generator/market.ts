/**
 * Market factors and dates: the NYSE trading days from SAMPLE_ORIGIN, the market factor
 * (GARCH(1,1) volatility, shared by all stocks, loaded by beta) and one factor per sector,
 * cached per seed; and the window of trading days a set of options asks for.
 */
import { addCalendarDays, tradingDaysBetween } from '../../calendar.ts';
import { upperBound } from '../../price-window.ts';
import type { Sector } from '../../types.ts';
import { SECTORS } from '../../types.ts';
import { rngFor } from './random.ts';
import { PROFILES } from './sectors.ts';
import { type GenerateOptions, SAMPLE_SEED } from './shared.ts';

export const TRADING_DAYS_PER_YEAR = 252;
export const MARKET_VOL = 0.16;
const MARKET_DRIFT = 0.07;

/**
 * The first trading day of the shared factor series. Every path is a function of the
 * trading day's index from here, so a day's bar never depends on the window asked for.
 */
const SAMPLE_ORIGIN = '1980-01-02';
/** The date of the universe's reference prices: a stock's close that day is its seeded target. */
export const SAMPLE_ANCHOR = '2025-12-31';

export interface MarketContext {
  seed: number | string;
  /** Every trading day from SAMPLE_ORIGIN to the end of the last year covered. */
  dates: string[];
  /** Cumulative log return of the market factor through each day (GARCH(1,1) volatility). */
  market: Float64Array;
  /** Cumulative log shock of each sector factor through each day. */
  sectors: Map<Sector, Float64Array>;
  /** Index of the first trading day of each month, keyed year × 12 + month (0-11). */
  monthStart: Map<number, number>;
  /** Each day's month key (year × 12 + month). */
  monthOfDay: Int32Array;
  /** Index of the last trading day on or before SAMPLE_ANCHOR. */
  anchor: number;
}

function startDate(endDate: string, years: number): string {
  const y = Number(endDate.slice(0, 4)) - years;
  const md = endDate.slice(5);
  const shifted = md === '02-29' ? `${y}-02-28` : `${String(y).padStart(4, '0')}-${md}`;
  return addCalendarDays(shifted, 1);
}

const contexts = new Map<string, MarketContext>();

/**
 * The shared factors from SAMPLE_ORIGIN through 31 December of `lastYear` (or later: a
 * longer series has the same prefix, so one cached context serves every shorter end).
 */
function marketContext(seed: number | string, lastYear: number): MarketContext {
  const key = String(seed);
  const cached = contexts.get(key);
  if (cached?.monthStart.has((lastYear + 1) * 12)) return cached;
  // Two years of margin, so a refresh every day does not rebuild it.
  const dates = tradingDaysBetween(SAMPLE_ORIGIN, `${lastYear + 2}-12-31`);
  const n = dates.length;
  const dt = 1 / TRADING_DAYS_PER_YEAR;

  const rng = rngFor(seed, 'market');
  const market = new Float64Array(n);
  const longRunVar = MARKET_VOL ** 2 * dt;
  const alpha = 0.08;
  const beta = 0.9;
  const omega = longRunVar * (1 - alpha - beta);
  let variance = longRunVar * rng.uniform(0.6, 1.6);
  let shock = 0;
  let cum = 0;
  for (let t = 0; t < n; t++) {
    variance = omega + alpha * shock * shock + beta * variance;
    shock = Math.sqrt(variance) * rng.normal();
    cum += (MARKET_DRIFT - 0.5 * MARKET_VOL ** 2) * dt + shock;
    market[t] = cum;
  }

  const sectors = new Map<Sector, Float64Array>();
  for (const sector of SECTORS) {
    const srng = rngFor(seed, 'sector', sector);
    const sd = PROFILES[sector].factorVol * Math.sqrt(dt);
    const series = new Float64Array(n);
    let s = 0;
    for (let t = 0; t < n; t++) {
      s += sd * srng.normal() - 0.5 * sd * sd;
      series[t] = s;
    }
    sectors.set(sector, series);
  }

  const monthStart = new Map<number, number>();
  const monthOfDay = new Int32Array(n);
  let anchor = 0;
  for (let t = 0; t < n; t++) {
    const key = Number(dates[t].slice(0, 4)) * 12 + Number(dates[t].slice(5, 7)) - 1;
    monthOfDay[t] = key;
    if (!monthStart.has(key)) monthStart.set(key, t);
    if (dates[t] <= SAMPLE_ANCHOR) anchor = t;
  }
  monthStart.set((lastYear + 3) * 12, n);
  const context = { seed, dates, market, sectors, monthStart, monthOfDay, anchor };
  contexts.set(key, context);
  return context;
}

/** The bars a set of options asks for: trading-day indices first..last into the context's dates. */
export interface BarWindow {
  ctx: MarketContext;
  first: number;
  last: number;
}

/** The bar window of the options (validates them: years, endDate, a start after SAMPLE_ORIGIN). */
export function windowOf(options: GenerateOptions): BarWindow {
  const years = options.years ?? 2;
  if (!Number.isInteger(years) || years < 1 || years > 30) {
    throw new RangeError(`years must be an integer from 1 to 30, got ${years}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate) || Number.isNaN(Date.parse(options.endDate))) {
    throw new RangeError(`endDate must be YYYY-MM-DD, got ${options.endDate}`);
  }
  const from = options.startDate ?? startDate(options.endDate, years);
  const seed = options.seed ?? SAMPLE_SEED;
  const ctx = marketContext(
    seed,
    Math.max(Number(options.endDate.slice(0, 4)), Number(SAMPLE_ANCHOR.slice(0, 4))),
  );
  const first = upperBound(ctx.dates, addCalendarDays(from, -1));
  if (first === 0) throw new RangeError(`sample history starts after ${SAMPLE_ORIGIN}, asked from ${from}`);
  return { ctx, first, last: upperBound(ctx.dates, options.endDate) - 1 };
}
