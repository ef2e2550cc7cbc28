/**
 * Price paths: a company's daily bars. Geometric Brownian motion on NYSE trading days
 * with the market factor loaded by beta, its sector's factor, idiosyncratic noise and
 * quarterly "earnings" jumps. Each stock's own moves are drawn per calendar year (the
 * year's total first, then its months and days as bridges), and the path is pinned so the
 * close on SAMPLE_ANCHOR is the reference price times a seeded factor in [0.85, 1.15]. So
 * a day's bar is the same whatever window is generated: moving the end date forward
 * appends bars and never rewrites history.
 */
import type { DailyBar } from '../../types.ts';
import type { SampleCompany } from '../universe.ts';
import {
  type BarWindow,
  MARKET_VOL,
  type MarketContext,
  SAMPLE_ANCHOR,
  TRADING_DAYS_PER_YEAR,
  windowOf,
} from './market.ts';
import { type Rng, rngFor } from './random.ts';
import { PROFILES } from './sectors.ts';
import { type GenerateOptions, round2 } from './shared.ts';

/** A company's price-path parameters (drawn from its own stream, independent of any window). */
interface PathParams {
  idioSd: number;
  dailySd: number;
  drift: number;
  earningsPhase: number;
  target: number;
  baseVolume: number;
}

function pathParams(company: SampleCompany, seed: number | string): PathParams {
  const rng = rngFor(seed, company.ticker, 'bars');
  const profile = PROFILES[company.sector];
  const dt = 1 / TRADING_DAYS_PER_YEAR;
  // Volatility: sector-typical total volatility, higher for small caps; the idiosyncratic
  // part is what remains after the market (beta) and sector factors, with a floor.
  const sizeFactor = Math.min(1.4, Math.max(0.9, (5e10 / company.marketCap) ** 0.07));
  const totalVol = profile.vol * rng.uniform(0.85, 1.2) * sizeFactor;
  const systematicVar = (company.beta * MARKET_VOL) ** 2 + profile.factorVol ** 2;
  const idioVol = Math.sqrt(Math.max(totalVol ** 2 - systematicVar, 0.1 ** 2));
  const drift = (rng.uniform(-0.04, 0.06) - 0.5 * idioVol ** 2) * dt;
  const earningsPhase = rng.int(63);
  const target = company.price * rng.uniform(0.85, 1.15);
  const turnover = rng.logRange([0.003, 0.012]);
  return {
    idioSd: idioVol * Math.sqrt(dt),
    dailySd: Math.sqrt(systematicVar + idioVol ** 2) * Math.sqrt(dt),
    drift,
    earningsPhase,
    target,
    baseVolume: (company.marketCap / company.price) * turnover,
  };
}

/** Variance weight of a day's idiosyncratic move: earnings days (every 63rd) carry a jump. */
const EARNINGS_JUMP = 2.5;
const isEarnings = (t: number, phase: number) => t % 63 === phase;

/**
 * A company's idiosyncratic path, drawn top-down so any day is cheap to reach: each
 * calendar year's total from the (ticker, year) stream, then that year's months as a
 * Gaussian bridge to the total, then each month's days (from the (ticker, month) stream)
 * as a bridge to the month's total. The level at a day needs only the totals of the years
 * since the anchor, and a day's move never depends on the window asked for.
 */
class IdioPath {
  private readonly years = new Map<number, { total: number; rng: Rng; months?: Float64Array }>();
  private readonly months = new Map<number, { cum: Float64Array; rng: Rng; extras?: Float64Array }>();

  constructor(
    private readonly ctx: MarketContext,
    private readonly seed: number | string,
    private readonly ticker: string,
    private readonly p: PathParams,
  ) {}

  /** Variance of the idiosyncratic moves over days [a, b): earnings days (every 63rd) carry a jump. */
  private variance(a: number, b: number): number {
    const phase = this.p.earningsPhase;
    // Earnings days before b, minus those before a (no closure here: this runs per day).
    const upToB = b <= phase ? 0 : Math.floor((b - phase - 1) / 63) + 1;
    const upToA = a <= phase ? 0 : Math.floor((a - phase - 1) / 63) + 1;
    return this.p.idioSd ** 2 * (b - a + EARNINGS_JUMP ** 2 * (upToB - upToA));
  }

  private yearOf(year: number) {
    let y = this.years.get(year);
    if (!y) {
      const rng = rngFor(this.seed, this.ticker, 'bars', String(year));
      const a = this.ctx.monthStart.get(year * 12) as number;
      const b = this.ctx.monthStart.get(year * 12 + 12) as number;
      y = { total: Math.sqrt(this.variance(a, b)) * rng.normal(), rng };
      this.years.set(year, y);
    }
    return y;
  }

  /** Cumulative month totals of the year: months[j] is the move before month j (months[12] = the year's). */
  private monthsOf(year: number): Float64Array {
    const y = this.yearOf(year);
    if (!y.months) {
      const v = new Float64Array(12);
      const x = new Float64Array(12);
      let sum = 0;
      let total = 0;
      for (let j = 0; j < 12; j++) {
        const a = this.ctx.monthStart.get(year * 12 + j) as number;
        const b = this.ctx.monthStart.get(year * 12 + j + 1) as number;
        v[j] = this.variance(a, b);
        x[j] = Math.sqrt(v[j]) * y.rng.normal();
        sum += x[j];
        total += v[j];
      }
      y.months = new Float64Array(13);
      for (let j = 0; j < 12; j++) y.months[j + 1] = y.months[j] + x[j] - (v[j] / total) * (sum - y.total);
    }
    return y.months;
  }

  /** Cumulative moves within a month (cum[k] through its k-th trading day) and its stream. */
  private monthOf(key: number) {
    let m = this.months.get(key);
    if (!m) {
      const year = Math.floor(key / 12);
      const months = this.monthsOf(year);
      const target = months[(key % 12) + 1] - months[key % 12];
      const a = this.ctx.monthStart.get(key) as number;
      const b = this.ctx.monthStart.get(key + 1) as number;
      const rng = rngFor(this.seed, this.ticker, 'bars', String(year), String(key % 12));
      const x = new Float64Array(b - a);
      let sum = 0;
      for (let t = a; t < b; t++) {
        x[t - a] = Math.sqrt(this.variance(t, t + 1)) * rng.normal();
        sum += x[t - a];
      }
      const total = this.variance(a, b);
      const cum = new Float64Array(b - a);
      let c = 0;
      for (let t = a; t < b; t++) {
        c += x[t - a] - (this.variance(t, t + 1) / total) * (sum - target);
        cum[t - a] = c;
      }
      m = { cum, rng };
      this.months.set(key, m);
    }
    return m;
  }

  private monthKey(t: number): number {
    return this.ctx.monthOfDay[t];
  }

  /**
   * Day t's four other normal draws (gap, high, low, volume): drawn for its whole month
   * at once, after the path, so a day's draws do not depend on which days are asked for.
   */
  extras(t: number): Float64Array {
    const key = this.monthKey(t);
    const m = this.monthOf(key);
    if (!m.extras) {
      m.extras = new Float64Array(4 * m.cum.length);
      for (let i = 0; i < m.extras.length; i++) m.extras[i] = m.rng.normal();
    }
    const k = 4 * (t - (this.ctx.monthStart.get(key) as number));
    return m.extras.subarray(k, k + 4);
  }

  /** Cumulative idiosyncratic move through day t, relative to the start of the anchor year. */
  at(t: number): number {
    const key = this.monthKey(t);
    const year = Math.floor(key / 12);
    const anchorYear = Number(SAMPLE_ANCHOR.slice(0, 4));
    let before = 0;
    for (let y = anchorYear; y < year; y++) before += this.yearOf(y).total;
    for (let y = year; y < anchorYear; y++) before -= this.yearOf(y).total;
    const m = this.monthOf(key);
    return before + this.monthsOf(year)[key % 12] + m.cum[t - (this.ctx.monthStart.get(key) as number)];
  }
}

/**
 * A company's bars over a window (the seed is its market's). Log-price path: drift, the market factor
 * loaded by beta, the sector factor and the idiosyncratic path (with quarterly earnings
 * jumps), pinned so the close on the anchor day is the company's target.
 */
export function generateBars(company: SampleCompany, { ctx, first, last }: BarWindow): DailyBar[] {
  if (last < first) return [];
  const seed = ctx.seed;
  const p = pathParams(company, seed);
  const idio = new IdioPath(ctx, seed, company.ticker, p);
  const sector = ctx.sectors.get(company.sector) as Float64Array;
  const a = ctx.anchor;
  const base = Math.log(p.target) - company.beta * ctx.market[a] - sector[a] - idio.at(a) - p.drift * a;
  const logClose = (t: number) => base + p.drift * t + company.beta * ctx.market[t] + sector[t] + idio.at(t);
  const closeAt = (t: number) => Math.max(0.01, round2(Math.exp(logClose(t))));

  const bars: DailyBar[] = [];
  let previousLog = logClose(first - 1);
  let previousClose = closeAt(first - 1);
  for (let t = first; t <= last; t++) {
    const lc = logClose(t);
    const r = lc - previousLog;
    const close = Math.max(0.01, round2(Math.exp(lc)));
    const [zGap, zHigh, zLow, zVolume] = idio.extras(t);
    const earnings = isEarnings(t, p.earningsPhase);
    // Part of the day's move happens overnight (most of it on earnings days).
    const gap = (earnings ? 0.8 : 0.3) * r + 0.25 * p.dailySd * zGap;
    const open = Math.max(0.01, round2(previousClose * Math.exp(gap)));
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    const high = Math.max(top, round2(top * Math.exp(Math.abs(zHigh) * 0.5 * p.dailySd)));
    const low = Math.max(
      0.01,
      Math.min(bottom, round2(bottom * Math.exp(-Math.abs(zLow) * 0.5 * p.dailySd))),
    );
    const activity = (0.6 + 0.4 * Math.abs(r / p.dailySd)) * (earnings ? 2.5 : 1);
    const volume = Math.max(100, Math.round(p.baseVolume * activity * Math.exp(0.3 * zVolume - 0.045)));
    bars.push({ date: ctx.dates[t], open, high, low, close, volume });
    previousLog = lc;
    previousClose = close;
  }
  return bars;
}

/** A company's bars only (no financials): what a provider's daily-bars call needs. */
export function sampleBars(company: SampleCompany, options: GenerateOptions): DailyBar[] {
  return generateBars(company, windowOf(options));
}
