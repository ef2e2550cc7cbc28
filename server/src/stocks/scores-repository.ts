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
  return db.transaction(async (trx) => {
    const rows = await trx('scores')
      .select('ticker', 'score', 'value', 'quality', 'growth', 'momentum', 'risk', 'dividend', 'rank')
      .where('as_of', date);
    await upsertSnapshots(
      trx,
      rows.map((r) => ({ ...r, date })),
    );
    return rows.length;
  });
}
