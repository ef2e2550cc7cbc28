/**
 * SQL for the stock use cases. Every value is bound as a parameter. (`GET /api/stocks`
 * filters and sorts the screener's column table in memory, screener/columns.ts.) Works the same on SQLite and PostgreSQL. Single-table
 * reads are typed by the table map (db/tables.ts); joined rows go through `toListRow`.
 */
import type { Knex } from 'knex';
import type { DailyPriceRow, ScoreRow, ScoreSnapshotRow, StockRow } from '../db/tables.ts';

/** One row of every stock list: the stock's list columns and its score (scores drive the join). */
export type ListRow = Pick<
  StockRow,
  | 'ticker'
  | 'name'
  | 'sector'
  | 'industry'
  | 'price'
  | 'change'
  | 'change_pct'
  | 'market_cap'
  | 'pe'
  | 'dividend_yield'
> &
  Pick<ScoreRow, 'score' | 'rank' | 'value' | 'quality' | 'growth' | 'momentum' | 'risk' | 'dividend'>;

const LIST_COLUMNS = [
  's.ticker',
  's.name',
  's.sector',
  's.industry',
  's.price',
  's.change',
  's.change_pct',
  's.market_cap',
  's.pe',
  's.dividend_yield',
  'sc.score',
  'sc.rank',
  'sc.value',
  'sc.quality',
  'sc.growth',
  'sc.momentum',
  'sc.risk',
  'sc.dividend',
];

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A joined list row, checked field by field (the join is not typed by knex). */
function toListRow(r: Record<string, unknown>): ListRow {
  return {
    ticker: String(r.ticker),
    name: String(r.name),
    sector: String(r.sector),
    industry: String(r.industry),
    price: numOrNull(r.price),
    change: numOrNull(r.change),
    change_pct: numOrNull(r.change_pct),
    market_cap: numOrNull(r.market_cap),
    pe: numOrNull(r.pe),
    dividend_yield: numOrNull(r.dividend_yield),
    score: num(r.score),
    rank: num(r.rank),
    value: num(r.value),
    quality: num(r.quality),
    growth: num(r.growth),
    momentum: num(r.momentum),
    risk: num(r.risk),
    dividend: num(r.dividend),
  };
}

/** The highest-scored stocks, optionally within one sector. */
export async function topStocks(db: Knex, limit: number, sector?: string): Promise<ListRow[]> {
  const q = db({ sc: 'scores' }).join({ s: 'stocks' }, 's.ticker', 'sc.ticker').select(LIST_COLUMNS);
  if (sector) q.where('s.sector', sector);
  const rows: Record<string, unknown>[] = await q
    .orderBy('sc.score', 'desc')
    .orderBy('sc.ticker', 'asc')
    .limit(limit);
  return rows.map(toListRow);
}

/** The top `limit` stocks of every sector, using the stored per-sector rank. */
export async function topPerSector(db: Knex, limit: number): Promise<ListRow[]> {
  const rows: Record<string, unknown>[] = await db({ sc: 'scores' })
    .join({ s: 'stocks' }, 's.ticker', 'sc.ticker')
    .select(LIST_COLUMNS)
    .where('sc.sector_rank', '<=', limit)
    .orderBy('s.sector', 'asc')
    .orderBy('sc.sector_rank', 'asc');
  return rows.map(toListRow);
}

/** One stock's row, or undefined. */
export async function findStock(db: Knex, ticker: string): Promise<StockRow | undefined> {
  return db('stocks').where('ticker', ticker).first();
}

/** One stock's latest score row, or undefined when it has not been scored. */
export async function findScore(db: Knex, ticker: string): Promise<ScoreRow | undefined> {
  return db('scores').where('ticker', ticker).first();
}

/** True when the ticker is stored. */
export async function stockExists(db: Knex, ticker: string): Promise<boolean> {
  return (await db('stocks').select('ticker').where('ticker', ticker).first()) !== undefined;
}

export async function countStocks(db: Knex): Promise<number> {
  const [row] = await db('stocks').count({ n: '*' });
  return num((row as { n: unknown }).n);
}

/** One stock's bar of one day. */
export type DailyBar = Omit<DailyPriceRow, 'ticker'>;

/** All daily bars of a stock, oldest first. */
export async function priceBars(db: Knex, ticker: string): Promise<DailyBar[]> {
  return db('daily_prices')
    .select('date', 'open', 'high', 'low', 'close', 'volume')
    .where('ticker', ticker)
    .orderBy('date', 'asc');
}

/** The latest `limit` score snapshots of a stock, oldest first. */
export async function scoreSnapshots(
  db: Knex,
  ticker: string,
  limit: number,
): Promise<Omit<ScoreSnapshotRow, 'ticker' | 'source'>[]> {
  const rows = await db('score_snapshots')
    .select('date', 'score', 'rank', 'value', 'quality', 'growth', 'momentum', 'risk', 'dividend')
    .where('ticker', ticker)
    .orderBy('date', 'desc')
    .limit(limit);
  return rows.reverse();
}

interface SectorStats {
  sector: string;
  count: number;
  avg_score: number | null;
  avg_change_pct: number | null;
  market_cap: number | null;
}

/** A sector's highest-ranked stock. */
interface SectorLeader {
  sector: string;
  ticker: string;
  name: string;
  score: number;
}

/** Every sector's figures, and each sector's leader. */
export interface SectorSummaries {
  stats: SectorStats[];
  leaders: SectorLeader[];
}

/** Per-sector count, average score, average day change, total market cap and the leader. */
export async function sectorSummaries(db: Knex): Promise<SectorSummaries> {
  const stats: Record<string, unknown>[] = await db({ s: 'stocks' })
    .leftJoin({ sc: 'scores' }, 'sc.ticker', 's.ticker')
    .select('s.sector')
    .count({ count: '*' })
    .avg({ avg_score: 'sc.score' })
    .avg({ avg_change_pct: 's.change_pct' })
    .sum({ market_cap: 's.market_cap' })
    .groupBy('s.sector')
    .orderBy('s.sector');
  const leaders: Record<string, unknown>[] = await db({ s: 'stocks' })
    .join({ sc: 'scores' }, 'sc.ticker', 's.ticker')
    .select('s.sector', 's.ticker', 's.name', 'sc.score')
    .where('sc.sector_rank', 1);
  return {
    stats: stats.map((r) => ({
      sector: String(r.sector),
      count: num(r.count),
      avg_score: numOrNull(r.avg_score),
      avg_change_pct: numOrNull(r.avg_change_pct),
      market_cap: numOrNull(r.market_cap),
    })),
    leaders: leaders.map((r) => ({
      sector: String(r.sector),
      ticker: String(r.ticker),
      name: String(r.name),
      score: num(r.score),
    })),
  };
}
