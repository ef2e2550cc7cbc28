/** SQL for stored scores: the latest score per stock and the daily score snapshots. */
import type { Knex } from 'knex';
import type { ScoreRow, ScoreSnapshotRow } from '../db/tables.ts';
import { upsertRows } from '../db/upsert.ts';

type Db = Knex | Knex.Transaction;

/**
 * Replace the latest scores with `rows` (stocks without a row lose theirs). A stock whose
 * score row comes back the same but for `computed_at` is left as it was (no rewrite of its
 * row and its ten index entries): `computed_at` is when the score last changed; the time of
 * the last recompute is the data set's `scores_computed_at`.
 */
export async function replaceScores(trx: Knex.Transaction, rows: ScoreRow[]): Promise<void> {
  const keep = new Set(rows.map((r) => r.ticker));
  const gone = (await trx('scores').select('ticker'))
    .map((r: { ticker: string }) => r.ticker)
    .filter((t: string) => !keep.has(t));
  for (let i = 0; i < gone.length; i += 500)
    await trx('scores')
      .whereIn('ticker', gone.slice(i, i + 500))
      .delete();
  await upsertRows(trx, 'scores', rows, { key: ['ticker'], uncompared: ['computed_at'] });
}

/** Insert or replace snapshots (one per stock per trading day). */
export async function upsertSnapshots(db: Db, rows: ScoreSnapshotRow[]): Promise<void> {
  await upsertRows(db, 'score_snapshots', rows, { key: ['ticker', 'date'] });
}

/**
 * Record the stored scores of the stocks scored as of `date` as that day's snapshot (one row
 * per stock per trading day; running it again writes the same values). Stocks whose scores
 * are older than `date` are left out: a snapshot never labels stale scores with a later day.
 */
export async function snapshotScoresOf(db: Knex, date: string): Promise<number> {
  // One INSERT ... SELECT: a single statement (no read-then-write transaction that another
  // SQLite writer could make fail with SQLITE_BUSY), all-or-nothing by itself.
  const cols = ['score', 'value', 'quality', 'growth', 'momentum', 'risk', 'dividend', 'rank'];
  const list = cols.map((c) => `"${c}"`).join(', ');
  const [{ n }] = await db('scores').where('as_of', date).count({ n: '*' });
  await db.raw(
    `insert into score_snapshots ("ticker", "date", ${list})
     select "ticker", ?, ${list} from scores where "as_of" = ?
     on conflict ("ticker", "date") do update set ${cols.map((c) => `"${c}" = excluded."${c}"`).join(', ')}, "source" = 'live'`,
    [date, date],
  );
  return Number(n);
}

/** Every date that has a score snapshot, ascending. */
export async function snapshotDates(db: Db): Promise<string[]> {
  const rows = await db('score_snapshots').distinct('date').orderBy('date');
  return rows.map((r) => String(r.date));
}
