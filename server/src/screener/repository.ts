/** SQL for the screener: the scored universe its strategies evaluate. */
import type { Knex } from 'knex';
import type { ScoreRow, StockRow } from '../db/tables.ts';

/** Rows the screener strategies evaluate: every scored stock with its score row, by ticker. */
export async function strategyRows(db: Knex): Promise<Array<{ stock: StockRow; score: ScoreRow }>> {
  const [stocks, scores] = await Promise.all([
    db('stocks').select('*').orderBy('ticker'),
    db('scores').select('*'),
  ]);
  const byTicker = new Map(scores.map((s) => [s.ticker, s]));
  return stocks.flatMap((stock) => {
    const score = byTicker.get(stock.ticker);
    return score ? [{ stock, score }] : [];
  });
}

/** What the screener's column table reads of a score row: all but the explanation (the bulk of it). */
export type ScreenScoreRow = Omit<ScoreRow, 'explanation'>;

/** Every scored stock with its score row (without the explanation): the column table's input. */
export async function screenRows(db: Knex): Promise<Array<{ stock: StockRow; score: ScreenScoreRow }>> {
  const [stocks, scores] = await Promise.all([
    db('stocks').select('*'),
    db('scores').select(
      'ticker',
      'score',
      'rank',
      'sector_rank',
      'value',
      'quality',
      'growth',
      'momentum',
      'risk',
      'dividend',
      'metrics',
      'as_of',
      'computed_at',
    ),
  ]);
  const byTicker = new Map(scores.map((s) => [s.ticker, s]));
  return stocks.flatMap((stock) => {
    const score = byTicker.get(stock.ticker);
    return score ? [{ stock, score }] : [];
  });
}
