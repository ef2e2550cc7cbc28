/**
 * Computes and stores scores. Requests never score: they read the `scores` table. This
 * module is the one function the seed (and the refresh job) call after data changes.
 */
import type { Knex } from 'knex';
import { monthEnds } from '../analysis/backtest.ts';
import { deriveFundamentals } from '../analysis/fundamentals.ts';
import { relaxCommit, writeTransaction } from '../db/knex.ts';
import type { ScoreRow, ScoreSnapshotRow } from '../db/tables.ts';
import { addCalendarDays } from '../market/calendar.ts';
import {
  dateOfDay,
  emptyWindow,
  lowerBound,
  mergeWindow,
  type PriceWindow,
  upperBound,
} from '../market/price-window.ts';
import * as market from '../market/repository.ts';
import type { AnnualFinancials, Sector } from '../market/types.ts';
import { type ScoreInput, scoreUniverse } from '../scoring/engine.ts';
import { rankScores } from '../scoring/ranking.ts';
import { replaceScores, snapshotDates, upsertSnapshots } from './repository.ts';

type Db = Knex | Knex.Transaction;

interface Series {
  /** Every bar's date (read from bars; the window path has only the last). */
  dates: string[];
  lastDate: string;
  closes: number[];
  highs: number[];
  lows: number[];
  /** Window path: index of the first close in the last bar's calendar year (the bars path finds it in `dates`). */
  yearStart?: number;
}

interface UniverseData {
  stocks: Array<{ ticker: string; sector: Sector; industry: string; beta: number }>;
  financials: Map<string, AnnualFinancials[]>;
  series: Map<string, Series>;
}

/**
 * Calendar days of price history the latest score needs: 12-1 momentum and 52-week
 * volatility look back 252 trading days (~366 calendar days); SMA 200 less.
 */
const SCORING_LOOKBACK_DAYS = 400;

/**
 * Read everything scoring needs: one query per table, grouped in memory. `since` limits
 * the bars read (the latest score needs ~13 months; a backfill needs them all).
 */
async function loadUniverse(db: Db, since?: string): Promise<UniverseData> {
  const stocks = await market.stocksForScoring(db);
  const financials = new Map<string, AnnualFinancials[]>();
  for (const row of await market.allFinancials(db)) {
    const list = financials.get(row.ticker) ?? [];
    list.push(market.financialFromRow(row));
    financials.set(row.ticker, list);
  }
  const series = new Map<string, Series>();
  for (const b of await market.barsForScoring(db, since)) {
    let s = series.get(b.ticker);
    if (!s) {
      s = { dates: [], lastDate: b.date, closes: [], highs: [], lows: [] };
      series.set(b.ticker, s);
    }
    s.dates.push(b.date);
    s.lastDate = b.date;
    s.closes.push(b.close);
    s.highs.push(b.high);
    s.lows.push(b.low);
  }
  return { stocks, financials, series };
}

/**
 * The same data for the latest score, from each stock's price window (one row per stock)
 * instead of its bars: the bars since SCORING_LOOKBACK_DAYS before the newest bar. Stocks
 * without a window (stored before windows existed) are read from their bars.
 */
async function loadUniverseFromWindows(
  db: Db,
  known: { windows?: Map<string, PriceWindow>; financials?: Map<string, AnnualFinancials[]> } = {},
): Promise<UniverseData> {
  const stocks = await market.stocksForScoring(db);
  // What the caller already holds (the ingest just stored it) is not read again.
  const tickers = stocks.map((s) => s.ticker);
  const some = (list: string[]) => (list.length > 1000 ? undefined : list);
  const financials = new Map(known.financials);
  const finUnknown = tickers.filter((t) => !financials.has(t));
  if (finUnknown.length) {
    const wanted = new Set(finUnknown);
    const rows = some(finUnknown)
      ? (await market.financialsOf(db, finUnknown)).values()
      : [await market.allFinancials(db)];
    for (const list of rows)
      for (const row of list) {
        if (!wanted.has(row.ticker)) continue;
        const years = financials.get(row.ticker) ?? [];
        years.push(market.financialFromRow(row));
        financials.set(row.ticker, years);
      }
    for (const years of financials.values()) years.sort((a, b) => a.fiscalYear - b.fiscalYear);
  }
  const windows = new Map(known.windows);
  const unknown = tickers.filter((t) => !windows.has(t));
  if (unknown.length) {
    const read = await market.readStates(db, some(unknown));
    for (const t of unknown) {
      const state = read.get(t);
      if (state) windows.set(t, state.window);
    }
  }
  const missing = unknown.filter((t) => !windows.has(t));
  if (missing.length)
    for (const [t, bars] of await market.barsOf(db, missing))
      windows.set(t, mergeWindow(emptyWindow(), bars));
  let latest = -Infinity;
  for (const w of windows.values()) if (w.days.length) latest = Math.max(latest, w.days[w.days.length - 1]);
  const since = latest - SCORING_LOOKBACK_DAYS;
  const series = new Map<string, Series>();
  for (const [ticker, w] of windows) {
    const from = lowerBound(w.days, since);
    if (from >= w.days.length) continue;
    const lastDate = dateOfDay(w.days[w.days.length - 1]);
    const yearStartDay = Date.UTC(Number(lastDate.slice(0, 4)), 0, 1) / 86_400_000;
    series.set(ticker, {
      dates: [],
      lastDate,
      yearStart: Math.max(0, lowerBound(w.days, yearStartDay) - from),
      closes: Array.from(w.close.subarray(from)),
      highs: Array.from(w.high.subarray(from)),
      lows: Array.from(w.low.subarray(from)),
    });
  }
  return { stocks, financials, series };
}

/**
 * Inputs as of a trading day: prices up to that day, and only the fiscal years that had
 * been reported by then (annual reports land within ~3 months of the year end).
 */
function inputsAsOf(u: UniverseData, asOf: string | null): ScoreInput[] {
  const inputs: ScoreInput[] = [];
  const reportedBy = asOf
    ? Number(asOf.slice(0, 4)) - (asOf.slice(5) < '04-01' ? 2 : 1)
    : Number.POSITIVE_INFINITY;
  for (const s of u.stocks) {
    const series = u.series.get(s.ticker);
    const fin = (u.financials.get(s.ticker) ?? []).filter((f) => f.fiscalYear <= reportedBy);
    if (!series || series.closes.length === 0 || fin.length === 0) continue;
    const end = asOf ? upperBound(series.dates, asOf) : series.closes.length;
    if (end === 0) continue;
    const closes = series.closes.slice(0, end);
    inputs.push({
      yearStartIndex: yearStartOf(series, end),
      ticker: s.ticker,
      sector: s.sector,
      industry: s.industry,
      fundamentals: deriveFundamentals(fin, closes[closes.length - 1], s.beta, s),
      financials: fin,
      closes,
      highs: series.highs.slice(0, end),
      lows: series.lows.slice(0, end),
    });
  }
  return inputs;
}

/** Index of the first of the `end` closes in the calendar year of the last of them (undefined: no dates). */
function yearStartOf(series: Series, end: number): number | undefined {
  if (series.dates.length === 0) return end === series.closes.length ? series.yearStart : undefined;
  const year = Number(series.dates[end - 1].slice(0, 4));
  return upperBound(series.dates, `${year - 1}-12-31`);
}

export interface RecomputeResult {
  count: number;
  asOf: string | null;
  timings: { loadMs: number; computeMs: number; writeMs: number };
}

/**
 * Recompute every stock's score from the stored data (by default from the price windows;
 * `read: 'bars'` reads the same bars from daily_prices, the slow reference path), store them in `scores`, and record
 * the day's snapshot (one row per stock per trading day; a re-run the same day replaces it).
 */
export async function recomputeScores(
  db: Db,
  /** The process clock's now: the scores' computed_at. */
  now: Date,
  options: {
    read?: 'windows' | 'bars';
    /** Price windows the caller holds, exactly as stored (the ingest passes those it wrote). */
    windows?: Map<string, PriceWindow>;
    /** Fiscal years the caller holds, exactly as stored, oldest first. */
    financials?: Map<string, AnnualFinancials[]>;
  } = {},
): Promise<RecomputeResult> {
  const t0 = performance.now();
  let u: UniverseData;
  if (options.read === 'bars') {
    const latest = await market.latestBarDate(db);
    u = await loadUniverse(db, latest ? addCalendarDays(latest, -SCORING_LOOKBACK_DAYS) : undefined);
  } else {
    u = await loadUniverseFromWindows(db, options);
  }
  const t1 = performance.now();
  const inputs = inputsAsOf(u, null);
  const results = scoreUniverse(inputs);
  const t2 = performance.now();
  const sectors = new Map(u.stocks.map((s) => [s.ticker, s.sector as string]));
  const { rank, sectorRank } = rankScores(results, sectors);
  const lastDate = new Map([...u.series].map(([t, s]) => [t, s.lastDate]));
  const computedAt = now.toISOString();
  const rows: ScoreRow[] = results.map((r) => ({
    ticker: r.ticker,
    score: r.score,
    ...r.components,
    rank: known(rank, r.ticker, 'rank'),
    sector_rank: known(sectorRank, r.ticker, 'sector rank'),
    metrics: JSON.stringify(r.metrics),
    explanation: JSON.stringify(r.explanation),
    as_of: known(lastDate, r.ticker, 'last bar date'),
    computed_at: computedAt,
  }));
  const write = async (trx: Knex.Transaction) => {
    await replaceScores(trx, rows);
    await writeSnapshots(
      trx,
      rows.map((r) => ({ ...r, date: r.as_of, source: 'live' })),
    );
    await market.setDatasetInfo(trx, { scores_computed_at: computedAt }, now);
  };
  if (db.isTransaction) await write(db as Knex.Transaction);
  // writeTransaction: on SQLite the lock is taken up front, so a concurrent writer (the job
  // store, a heartbeat) cannot make the read-then-write below fail with SQLITE_BUSY.
  else
    await writeTransaction(db, async (trx) => {
      await relaxCommit(trx);
      await write(trx);
    });
  const t3 = performance.now();
  const asOf = rows.reduce<string | null>((m, r) => (m === null || r.as_of > m ? r.as_of : m), null);
  return { count: rows.length, asOf, timings: { loadMs: t1 - t0, computeMs: t2 - t1, writeMs: t3 - t2 } };
}

async function writeSnapshots(db: Db, rows: ScoreSnapshotRow[]): Promise<void> {
  await upsertSnapshots(
    db,
    rows.map((r) => ({
      ticker: r.ticker,
      date: r.date,
      score: r.score,
      value: r.value,
      quality: r.quality,
      growth: r.growth,
      momentum: r.momentum,
      risk: r.risk,
      dividend: r.dividend,
      rank: r.rank,
      source: r.source,
    })),
  );
}

/**
 * Fill the score history for past trading days (every `step`-th day, `count` points back
 * from the latest), scoring each day with only the data known then. Used by the seed so
 * a fresh install has a history to show.
 */
export async function backfillSnapshots(db: Db, count = 52, step = 5): Promise<number> {
  const u = await loadUniverse(db);
  const allDates = tradingDates(u);
  const days: string[] = [];
  // Skip the latest day: recomputeScores records it.
  for (let i = allDates.length - 1 - step; i >= 0 && days.length < count; i -= step) days.push(allDates[i]);
  return writeBackfill(db, u, days);
}

/**
 * Sessions of history a month-end needs before it is backfilled: a year, so that every
 * input of the score (12-1 month momentum, 52-week volatility and range) is defined.
 */
const BACKFILL_MIN_SESSIONS = 253;

/**
 * The backtest's history (analysis/backtest.ts): a snapshot at the last trading day of every
 * month in the stored prices that has a year of history before it and none yet, scored with
 * only the data known then (`inputsAsOf`). The month of the latest bar is left to the live
 * snapshots. Returns the dates and the rows written; running it again writes nothing new.
 */
export async function backfillMonthEnds(db: Db): Promise<{ dates: string[]; snapshots: number }> {
  const u = await loadUniverse(db);
  const allDates = tradingDates(u);
  if (allDates.length === 0) return { dates: [], snapshots: 0 };
  const currentMonth = allDates[allDates.length - 1].slice(0, 7);
  const candidates = monthEnds(allDates.slice(BACKFILL_MIN_SESSIONS - 1)).filter(
    (d) => d.slice(0, 7) !== currentMonth,
  );
  const have = new Set(await snapshotDates(db));
  const days = candidates.filter((d) => !have.has(d));
  return { dates: days, snapshots: await writeBackfill(db, u, days) };
}

/** Every date with a bar in the universe, ascending. */
function tradingDates(u: UniverseData): string[] {
  return [...new Set([...u.series.values()].flatMap((s) => s.dates))].sort();
}

/** Scores each day with only the data known then, and stores them as `backfill` snapshots. */
async function writeBackfill(db: Db, u: UniverseData, days: readonly string[]): Promise<number> {
  let written = 0;
  for (const day of days) {
    const results = scoreUniverse(inputsAsOf(u, day), { explain: false });
    const { rank } = rankScores(results, new Map(u.stocks.map((s) => [s.ticker, s.sector as string])));
    await writeSnapshots(
      db,
      results.map((r) => ({
        ticker: r.ticker,
        date: day,
        score: r.score,
        rank: known(rank, r.ticker, 'rank'),
        ...r.components,
        source: 'backfill',
      })),
    );
    written += results.length;
  }
  return written;
}

/** A value every scored ticker has (its rank, its last bar's date): a missing one is a bug, said loudly. */
function known<V>(map: ReadonlyMap<string, V>, ticker: string, what: string): V {
  const value = map.get(ticker);
  if (value === undefined) throw new Error(`${what} missing for ${ticker}`);
  return value;
}
