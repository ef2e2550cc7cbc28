/** SQL for stored scores: the latest score per stock and the daily score snapshots. */
import type { Knex } from 'knex';
import type { ScoreRow, ScoreSnapshotRow } from '../db/tables.ts';

type Db = Knex | Knex.Transaction;

/** Replace the latest scores with `rows` (stocks without a row lose theirs). */
export async function replaceScores(trx: Knex.Transaction, rows: ScoreRow[]): Promise<void> {
  await trx('scores')
    .whereNotIn('ticker', rows.length ? rows.map((r) => r.ticker) : [''])
    .delete();
  for (let i = 0; i < rows.length; i += 200) {
    await trx('scores')
      .insert(rows.slice(i, i + 200))
      .onConflict('ticker')
      .merge();
  }
}

/** Insert or replace snapshots (one per stock per trading day). */
export async function upsertSnapshots(db: Db, rows: ScoreSnapshotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db('score_snapshots')
      .insert(rows.slice(i, i + 300))
      .onConflict(['ticker', 'date'])
      .merge();
  }
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
     on conflict ("ticker", "date") do update set ${cols.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`,
    [date, date],
  );
  return Number(n);
}
