/** The backtest's reads: snapshot dates with their sources, the snapshots of chosen dates, closes. */
import type { Knex } from 'knex';
import type { CloseSeries, DatedScores } from '../analysis/backtest.ts';

export interface SnapshotDate {
  date: string;
  stocks: number;
  /** How many of the day's snapshots were backfilled (the rest were recorded live). */
  backfilled: number;
}

/** Every snapshot date, ascending, with its count and how many of its rows were backfilled. */
export async function snapshotDateSummary(db: Knex): Promise<SnapshotDate[]> {
  const rows = await db('score_snapshots')
    .select('date')
    .count({ stocks: '*' })
    .sum({ backfilled: db.raw("case when source = 'backfill' then 1 else 0 end") })
    .groupBy('date')
    .orderBy('date');
  return rows.map((r) => ({
    date: String(r.date),
    stocks: Number(r.stocks),
    backfilled: Number(r.backfilled ?? 0),
  }));
}

/** The scores of each of `dates` (ascending), grouped by date. */
export async function scoresOn(db: Knex, dates: readonly string[]): Promise<DatedScores[]> {
  const by = new Map<string, Array<{ ticker: string; score: number }>>(dates.map((d) => [d, []]));
  for (let i = 0; i < dates.length; i += 500) {
    const rows: Array<{ ticker: string; date: string; score: number }> = await db('score_snapshots')
      .select('ticker', 'date', 'score')
      .whereIn('date', dates.slice(i, i + 500));
    for (const r of rows) by.get(String(r.date))?.push({ ticker: r.ticker, score: Number(r.score) });
  }
  return dates.map((date) => ({ date, scores: by.get(date) ?? [] }));
}

/** Every stock's closes from `since` on, oldest first. */
export async function closesSince(db: Knex, since: string): Promise<Map<string, CloseSeries>> {
  const out = new Map<string, { dates: string[]; closes: number[] }>();
  const rows: Array<{ ticker: string; date: string; close: number }> = await db('daily_prices')
    .select('ticker', 'date', 'close')
    .where('date', '>=', since)
    .orderBy([{ column: 'ticker' }, { column: 'date' }]);
  for (const r of rows) {
    let s = out.get(r.ticker);
    if (!s) {
      s = { dates: [], closes: [] };
      out.set(r.ticker, s);
    }
    s.dates.push(String(r.date));
    s.closes.push(Number(r.close));
  }
  return out;
}
