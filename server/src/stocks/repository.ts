/**
 * SQL for the stock routes. Every value is bound as a parameter; identifiers (sort
 * columns) come only from fixed maps. Works the same on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';
import type { SORT_COLUMNS } from '../api/schemas.ts';

type SortColumn = (typeof SORT_COLUMNS)[number];

/** Sort key → qualified column. */
const SORT_SQL: Record<SortColumn, string> = {
  ticker: 's.ticker',
  name: 's.name',
  sector: 's.sector',
  price: 's.price',
  change_pct: 's.change_pct',
  market_cap: 's.market_cap',
  pe: 's.pe',
  dividend_yield: 's.dividend_yield',
  score: 'sc.score',
  rank: 'sc.rank',
  value: 'sc.value',
  quality: 'sc.quality',
  growth: 'sc.growth',
  momentum: 'sc.momentum',
  risk: 'sc.risk',
  dividend: 'sc.dividend',
};

/** Natural direction when `order` is not given: text and rank ascending, numbers descending. */
export function defaultOrder(sort: SortColumn): 'asc' | 'desc' {
  return ['ticker', 'name', 'sector', 'rank'].includes(sort) ? 'asc' : 'desc';
}

export const LIST_COLUMNS = [
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

export interface ListRow {
  ticker: string;
  name: string;
  sector: string;
  industry: string;
  price: number | null;
  change: number | null;
  change_pct: number | null;
  market_cap: number | null;
  pe: number | null;
  dividend_yield: number | null;
  score: number | null;
  rank: number | null;
  value: number | null;
  quality: number | null;
  growth: number | null;
  momentum: number | null;
  risk: number | null;
  dividend: number | null;
}

export interface ListFilter {
  sector?: string;
  q?: string;
  minScore?: number;
  maxScore?: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Lists read scored stocks: `scores` drives the join. Scores are recomputed in the same
 * transaction that loads data (seed, refresh job), so every listed stock has one.
 */
function base(db: Knex, filter: ListFilter) {
  const query = db({ sc: 'scores' }).join({ s: 'stocks' }, 's.ticker', 'sc.ticker');
  if (filter.sector) query.where('s.sector', filter.sector);
  if (filter.q) {
    const needle = escapeLike(filter.q.toLowerCase());
    query.where((w) =>
      w
        .whereRaw(`lower(s.ticker) like ? escape '\\'`, [`${needle}%`])
        .orWhereRaw(`lower(s.name) like ? escape '\\'`, [`%${needle}%`]),
    );
  }
  if (filter.minScore !== undefined) query.where('sc.score', '>=', filter.minScore);
  if (filter.maxScore !== undefined) query.where('sc.score', '<=', filter.maxScore);
  return query;
}

async function countMatching(db: Knex, filter: ListFilter): Promise<number> {
  // Without stock-column filters the count needs only the scores table.
  const query =
    filter.sector || filter.q
      ? base(db, filter)
      : db('scores as sc').modify((q) => {
          if (filter.minScore !== undefined) q.where('sc.score', '>=', filter.minScore);
          if (filter.maxScore !== undefined) q.where('sc.score', '<=', filter.maxScore);
        });
  const [row] = await query.count({ n: '*' });
  return Number(row.n);
}

/** One page of stocks and the total matching the filter. */
export async function listStocks(
  db: Knex,
  filter: ListFilter,
  sort: SortColumn,
  order: 'asc' | 'desc',
  limit: number,
  offset: number,
): Promise<{ rows: ListRow[]; total: number }> {
  const total = await countMatching(db, filter);
  if (offset >= total) return { rows: [], total };
  const column = SORT_SQL[sort];
  // Tie-break on the ticker of the sorted column's table, so the sort can walk one index.
  const tiebreak = column.startsWith('sc.') ? 'sc.ticker' : 's.ticker';
  const rows = await base(db, filter)
    .select(LIST_COLUMNS)
    // The column comes from the fixed SORT_SQL map and the direction from an enum, never
    // from the request text. Score columns are NOT NULL: a plain ORDER BY lets PostgreSQL
    // walk their index; stock columns may be null and sort them last on both engines.
    .orderByRaw(
      `${column} ${order === 'asc' ? 'asc' : 'desc'}${column.startsWith('sc.') ? '' : ' nulls last'}, ${tiebreak} asc`,
    )
    .limit(limit)
    .offset(offset);
  return { rows: rows as ListRow[], total };
}

/** The highest-scored stocks, optionally within one sector. */
export async function topStocks(db: Knex, limit: number, sector?: string): Promise<ListRow[]> {
  const q = db({ sc: 'scores' }).join({ s: 'stocks' }, 's.ticker', 'sc.ticker').select(LIST_COLUMNS);
  if (sector) q.where('s.sector', sector);
  return (await q.orderBy('sc.score', 'desc').orderBy('sc.ticker', 'asc').limit(limit)) as ListRow[];
}

/** The top `limit` stocks of every sector, using the stored per-sector rank. */
export async function topPerSector(db: Knex, limit: number): Promise<ListRow[]> {
  return (await db({ sc: 'scores' })
    .join({ s: 'stocks' }, 's.ticker', 'sc.ticker')
    .select(LIST_COLUMNS)
    .where('sc.sector_rank', '<=', limit)
    .orderBy('s.sector', 'asc')
    .orderBy('sc.sector_rank', 'asc')) as ListRow[];
}

/**
 * Score fields read beside `s.*`; the value component is aliased because `value` reads
 * ambiguously next to the stock's own columns.
 */
const SCORE_FIELDS = [
  'sc.score',
  'sc.rank',
  { c_value: 'sc.value' },
  'sc.quality',
  'sc.growth',
  'sc.momentum',
  'sc.risk',
  'sc.dividend',
  'sc.metrics',
];

/** One stock with its score row (null fields when not scored yet). */
export async function findStock(db: Knex, ticker: string): Promise<Record<string, unknown> | undefined> {
  return db({ s: 'stocks' })
    .leftJoin({ sc: 'scores' }, 'sc.ticker', 's.ticker')
    .select('s.*', ...SCORE_FIELDS, 'sc.sector_rank', 'sc.explanation', 'sc.as_of')
    .where('s.ticker', ticker)
    .first();
}

export async function countStocks(db: Knex): Promise<number> {
  const [{ n }] = await db('stocks').count({ n: '*' });
  return Number(n);
}

/** All daily bars of a stock, oldest first. */
export async function priceBars(db: Knex, ticker: string) {
  return (await db('daily_prices')
    .select('date', 'open', 'high', 'low', 'close', 'volume')
    .where('ticker', ticker)
    .orderBy('date', 'asc')) as Array<{
    date: string;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
  }>;
}

/** The latest `limit` score snapshots of a stock, oldest first. */
export async function scoreSnapshots(db: Knex, ticker: string, limit: number) {
  const rows = await db('score_snapshots')
    .select('date', 'score', 'rank', 'value', 'quality', 'growth', 'momentum', 'risk', 'dividend')
    .where('ticker', ticker)
    .orderBy('date', 'desc')
    .limit(limit);
  return rows.reverse();
}

/** Rows the screener strategies evaluate: every scored stock with fundamentals and metrics. */
export async function strategyRows(db: Knex) {
  return db({ s: 'stocks' })
    .join({ sc: 'scores' }, 'sc.ticker', 's.ticker')
    .select('s.*', ...SCORE_FIELDS)
    .orderBy('s.ticker');
}

/** Per-sector count, average score, average day change, total market cap and the leader. */
export async function sectorSummaries(db: Knex) {
  const stats = (await db({ s: 'stocks' })
    .leftJoin({ sc: 'scores' }, 'sc.ticker', 's.ticker')
    .select('s.sector')
    .count({ count: '*' })
    .avg({ avg_score: 'sc.score' })
    .avg({ avg_change_pct: 's.change_pct' })
    .sum({ market_cap: 's.market_cap' })
    .groupBy('s.sector')
    .orderBy('s.sector')) as Array<{
    sector: string;
    count: number | string;
    avg_score: number | string | null;
    avg_change_pct: number | string | null;
    market_cap: number | string | null;
  }>;
  const leaders = await db({ s: 'stocks' })
    .join({ sc: 'scores' }, 'sc.ticker', 's.ticker')
    .select('s.sector', 's.ticker', 's.name', 'sc.score')
    .where('sc.sector_rank', 1);
  return { stats, leaders };
}

/** Facts about the loaded data set (source, as-of date, ...). */
export async function datasetInfo(db: Knex): Promise<Record<string, string>> {
  const rows = (await db('dataset_info').select('key', 'value')) as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
