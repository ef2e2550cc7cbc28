/**
 * Does the score predict? An event study over dated score snapshots: on each formation date the
 * universe is split into score deciles, and each stock's forward return over a horizon (in
 * trading sessions) is measured from the close of the formation day to the close `sessions`
 * bars later. Reported per horizon:
 * - the mean forward return of each decile (the cross-sectional mean on each date, averaged
 *   over dates, so every date weighs the same), and the top-minus-bottom spread;
 * - the information coefficient: Spearman's rank correlation between score and forward return
 *   on each date, its mean, and its t-statistic (mean / (sd / √n)) over dates whose windows do
 *   not overlap (every k-th date when the horizon spans k formation intervals);
 * - the top decile's hit rate (the share of its stocks that beat that date's median return)
 *   and its turnover (the share of the top decile replaced from one date to the next).
 *
 * Point in time by construction: a score dated D meets only closes dated D and later. The
 * scores themselves must use only data known at D (scoring-runs/recompute.ts, `inputsAsOf`).
 */
import { mean, median, sampleRankCorrelation, sampleStandardDeviation } from 'simple-statistics';

export interface DatedScores {
  /** The formation date (a trading day, `YYYY-MM-DD`). */
  date: string;
  scores: ReadonlyArray<{ ticker: string; score: number }>;
}

/** A stock's closes, oldest first, with their dates. */
export interface CloseSeries {
  dates: readonly string[];
  closes: readonly number[];
}

export interface Horizon {
  /** `1m`, `3m`. */
  key: string;
  /** Trading sessions after the formation day. */
  sessions: number;
}

/** About 21 trading sessions a month. */
export const HORIZONS: readonly Horizon[] = [
  { key: '1m', sessions: 21 },
  { key: '3m', sessions: 63 },
];

/** Fewer scored stocks with a forward return than this on a date, and the date is left out. */
export const MIN_STOCKS_PER_DATE = 20;
const DECILES = 10;

interface DecileResult {
  /** 1 = lowest scores, 10 = highest. */
  decile: number;
  /** Mean forward return (a fraction), averaged over dates; null without dates. */
  meanReturn: number | null;
  /** Mean return minus that date's universe mean, averaged over dates; null without dates. */
  excessReturn: number | null;
  /** Stock-dates in the decile. */
  observations: number;
}

interface IcPoint {
  date: string;
  ic: number;
  stocks: number;
}

export interface HorizonResult {
  horizon: string;
  sessions: number;
  /** Formation dates with enough stocks and a complete forward window. */
  dates: number;
  deciles: DecileResult[];
  /** Top decile's mean return minus the bottom's, averaged over dates. */
  spread: number | null;
  ic: {
    mean: number | null;
    sd: number | null;
    /** mean / (sd / √n) over the non-overlapping dates; null with fewer than 3. */
    t: number | null;
    /** Dates the t-statistic uses. */
    independentDates: number;
    series: IcPoint[];
  };
  topDecile: {
    /** Share of top-decile stocks whose return beat the date's median. */
    hitRate: number | null;
    /** Mean share of the top decile replaced since the previous date. */
    turnover: number | null;
  };
}

/** Index of the last date ≤ `date`, or −1. */
function lastAtOrBefore(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The return from the formation day's close to the close `sessions` bars later; null when
 * the stock has no bar on the formation day or the window is not complete yet.
 */
export function forwardReturn(series: CloseSeries, date: string, sessions: number): number | null {
  const i = lastAtOrBefore(series.dates, date);
  if (i < 0 || series.dates[i] !== date) return null;
  const j = i + sessions;
  if (j >= series.closes.length) return null;
  const base = series.closes[i];
  return base > 0 ? series.closes[j] / base - 1 : null;
}

/** Decile of each position in a list sorted by score ascending: 1..10, as even as integers allow. */
function decileOf(position: number, n: number): number {
  return Math.floor((position * DECILES) / n) + 1;
}

/** The last formation date of each calendar month (dates must be sorted ascending). */
export function monthEnds(dates: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < dates.length; i++) {
    const next = dates[i + 1];
    if (next === undefined || next.slice(0, 7) !== dates[i].slice(0, 7)) out.push(dates[i]);
  }
  return out;
}

/** Runs the study for one horizon over formation dates sorted ascending. */
export function backtestHorizon(
  formations: readonly DatedScores[],
  prices: ReadonlyMap<string, CloseSeries>,
  horizon: Horizon,
): HorizonResult {
  const perDecile = Array.from({ length: DECILES }, () => ({
    returns: [] as number[],
    excess: [] as number[],
    n: 0,
  }));
  const spreads: number[] = [];
  const series: IcPoint[] = [];
  let hits = 0;
  let topCount = 0;
  const turnovers: number[] = [];
  let previousTop: Set<string> | null = null;

  for (const f of formations) {
    const rows: Array<{ ticker: string; score: number; ret: number }> = [];
    for (const s of f.scores) {
      const p = prices.get(s.ticker);
      const ret = p ? forwardReturn(p, f.date, horizon.sessions) : null;
      if (ret !== null && Number.isFinite(s.score)) rows.push({ ticker: s.ticker, score: s.score, ret });
    }
    if (rows.length < MIN_STOCKS_PER_DATE) continue;
    // Ties broken by ticker, so a date's deciles do not depend on the order rows were read in.
    rows.sort((a, b) => a.score - b.score || (a.ticker < b.ticker ? -1 : 1));
    const universeMean = mean(rows.map((r) => r.ret));
    const buckets = Array.from({ length: DECILES }, () => [] as number[]);
    rows.forEach((r, i) => {
      buckets[decileOf(i, rows.length) - 1].push(r.ret);
    });
    buckets.forEach((b, d) => {
      const m = mean(b);
      perDecile[d].returns.push(m);
      perDecile[d].excess.push(m - universeMean);
      perDecile[d].n += b.length;
    });
    spreads.push(mean(buckets[DECILES - 1]) - mean(buckets[0]));

    const ic = sampleRankCorrelation(
      rows.map((r) => r.score),
      rows.map((r) => r.ret),
    );
    if (Number.isFinite(ic)) series.push({ date: f.date, ic, stocks: rows.length });

    const mid = median(rows.map((r) => r.ret));
    const top = rows.filter((_, i) => decileOf(i, rows.length) === DECILES);
    hits += top.filter((r) => r.ret > mid).length;
    topCount += top.length;
    const topSet = new Set(top.map((r) => r.ticker));
    if (previousTop) {
      let replaced = 0;
      for (const t of topSet) if (!previousTop.has(t)) replaced++;
      turnovers.push(replaced / topSet.size);
    }
    previousTop = topSet;
  }

  const ics = series.map((p) => p.ic);
  // Windows of k formation intervals overlap when the dates are monthly: keep every k-th date.
  const step = Math.max(1, Math.round(horizon.sessions / 21));
  const independent = ics.filter((_, i) => i % step === 0);
  const t =
    independent.length >= 3
      ? (() => {
          const sd = sampleStandardDeviation(independent);
          return sd > 1e-12 ? mean(independent) / (sd / Math.sqrt(independent.length)) : null;
        })()
      : null;

  return {
    horizon: horizon.key,
    sessions: horizon.sessions,
    dates: spreads.length,
    deciles: perDecile.map((d, i) => ({
      decile: i + 1,
      meanReturn: d.returns.length ? mean(d.returns) : null,
      excessReturn: d.excess.length ? mean(d.excess) : null,
      observations: d.n,
    })),
    spread: spreads.length ? mean(spreads) : null,
    ic: {
      mean: ics.length ? mean(ics) : null,
      sd: ics.length >= 2 ? sampleStandardDeviation(ics) : null,
      t,
      independentDates: independent.length,
      series,
    },
    topDecile: {
      hitRate: topCount ? hits / topCount : null,
      turnover: turnovers.length ? mean(turnovers) : null,
    },
  };
}
