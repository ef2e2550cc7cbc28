/**
 * Stored rows → the stock routes' response bodies (`schemas.ts`): rounding, the metric
 * registry's labels and formats, fields that do not apply to an industry. Pure functions.
 * A cached use case presents inside its loader (the cache keeps the body, so a hit is sent
 * without shaping or serializing it again); an uncached one returns rows and its route
 * presents them.
 */
import { grossMarginApplies, notApplicableFundamentals } from '../analysis/industry.ts';
import { type CatalogKey, catalogEntry, type NumericKey, type TextKey } from '../api/catalog.ts';
import { COMPONENT_KEYS } from '../api/constants.ts';
import { FUNDAMENTAL_FIELDS, type MetricKey, metricInfo, STOCK_METRICS } from '../api/metrics.ts';
import type { ScoreRow, ScoreSnapshotRow, StockRow } from '../db/tables.ts';
import { SECTORS } from '../market/types.ts';
import type { StockMetrics, Explanation as StoredExplanation } from '../scoring/types.ts';
import { cell, type ScreenTable, textCell } from '../screener/columns.ts';
import type { DailyBar, ListRow, SectorSummaries } from './repository.ts';
import type {
  ComponentScores,
  Explanation,
  Leaderboard,
  PriceHistory,
  PriceIndicator,
  PricePoint,
  ScoreHistory,
  ScreenerRow,
  SectorList,
  StockDetail,
  StockListItem,
  StockMetricsBody,
  StockPage,
} from './schemas.ts';

/**
 * A stock's whole price history with every indicator series (aligned by index), computed
 * once per data change and kept in the cache (`stocks:prices:{ticker}`): each series runs
 * over the whole history, so the first days of any range have their values.
 */
export interface PriceSeries {
  ticker: string;
  bars: DailyBar[];
  sma50: (number | null)[];
  sma200: (number | null)[];
  rsi14: (number | null)[];
  macd: (number | null)[];
  macdSignal: (number | null)[];
  macdHist: (number | null)[];
  bbUpper: (number | null)[];
  bbMiddle: (number | null)[];
  bbLower: (number | null)[];
}

/** A number rounded to `digits` decimals; null for a missing or non-finite one. */
export const round = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/** The factor components of a score row. */
export function components(row: ComponentScores): ComponentScores {
  return {
    value: row.value,
    quality: row.quality,
    growth: row.growth,
    momentum: row.momentum,
    risk: row.risk,
    dividend: row.dividend,
  };
}

/** One row of every stock list. */
export function listItem(r: ListRow): StockListItem {
  return {
    ticker: r.ticker,
    name: r.name,
    sector: r.sector,
    industry: r.industry,
    price: r.price,
    change: round(r.change, 4),
    change_pct: round(r.change_pct, 4),
    market_cap: r.market_cap,
    pe: round(r.pe, 4),
    dividend_yield: round(r.dividend_yield, 6),
    score: r.score,
    rank: r.rank,
    components: components(r),
  };
}

/** A row of the column table with the default fields (those of every other stock list). */
function defaultRow(t: ScreenTable, i: number): StockListItem {
  const n = (key: NumericKey) => cell(t, key, i);
  return {
    ticker: t.tickers[i],
    name: t.names[i],
    sector: textCell(t, 'sector', i),
    industry: textCell(t, 'industry', i),
    price: n('price'),
    change: n('change'),
    change_pct: n('change_pct'),
    market_cap: n('market_cap'),
    pe: n('pe'),
    dividend_yield: n('dividend_yield'),
    score: n('score'),
    rank: n('rank'),
    components: tableComponents(t, i),
  };
}

/** The component scores of a table row (every row is scored; null if one were missing). */
function tableComponents(t: ScreenTable, i: number): ComponentScores | null {
  const out = {} as ComponentScores;
  for (const key of COMPONENT_KEYS) {
    const v = cell(t, key, i);
    if (v === null) return null;
    out[key] = v;
  }
  return out;
}

/** A row of the column table with ticker, name and the asked columns, in their order. */
function columnsRow(t: ScreenTable, i: number, columns: readonly CatalogKey[]): ScreenerRow {
  const row: Record<string, string | number | null> = { ticker: t.tickers[i], name: t.names[i] };
  for (const key of columns)
    row[key] =
      catalogEntry(key)?.unit === 'text' ? textCell(t, key as TextKey, i) : cell(t, key as NumericKey, i);
  return row as ScreenerRow;
}

/** One page of the stock list: the rows (indexes into the table), default or with the asked columns. */
export function stockPage(
  t: ScreenTable,
  rows: readonly number[],
  columns: readonly CatalogKey[] | undefined,
  total: number,
  page: number,
  limit: number,
): StockPage {
  return {
    items: rows.map((i) => (columns ? columnsRow(t, i, columns) : defaultRow(t, i))),
    page,
    limit,
    size: limit,
    total,
    pages: Math.ceil(total / limit),
  };
}

/** The top stocks of one sector. */
export function sectorLeaderboard(sector: string, rows: ListRow[]): Leaderboard {
  return { sector, items: rows.map(listItem), groups: [] };
}

/** The top stocks of every sector (rows by sector), in the sectors' order; empty sectors left out. */
export function leaderboardBySector(rows: ListRow[]): Leaderboard {
  const groups = SECTORS.map((sector) => ({
    sector: sector as string,
    items: rows.filter((r) => r.sector === sector).map(listItem),
  })).filter((g) => g.items.length > 0);
  return { sector: null, items: [], groups };
}

/** Stored metrics (StockMetrics JSON) → the contract's typed metrics, labelled from the registry. */
function metricsBody(stored: Partial<StockMetrics>): StockMetricsBody {
  const out = {} as StockMetricsBody;
  for (const key of Object.keys(STOCK_METRICS) as MetricKey[]) {
    const v = stored[key];
    const value = (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' ? v : null;
    out[key] = { ...STOCK_METRICS[key], value };
  }
  return out;
}

/** Stored explanation → the contract's, each driver with its format from the registry. */
function explanationBody(stored: StoredExplanation): Explanation {
  return {
    ...stored,
    components: stored.components.map((c) => ({
      ...c,
      drivers: c.drivers.map((d) => ({ ...d, format: metricInfo(d.metric).format })),
    })),
  };
}

/** A stock row and its score row → the StockDetail contract (every field typed). */
export function stockDetail(stock: StockRow, score: ScoreRow | undefined, universe: number): StockDetail {
  const fundamentals = {} as StockDetail['fundamentals'];
  for (const f of FUNDAMENTAL_FIELDS) fundamentals[f.column] = stock[f.column];
  // Null also for data stored before gross margin was marked not applicable.
  if (!grossMarginApplies(stock.sector, stock.industry)) fundamentals.gross_margin = null;
  return {
    ticker: stock.ticker,
    name: stock.name,
    sector: stock.sector,
    industry: stock.industry,
    exchange: stock.exchange,
    description: stock.description ?? '',
    source: stock.source,
    score: score?.score ?? null,
    rank: score?.rank ?? null,
    sector_rank: score?.sector_rank ?? null,
    universe_size: universe,
    components: score ? components(score) : null,
    explanation: score ? explanationBody(JSON.parse(score.explanation)) : null,
    metrics: score ? metricsBody(JSON.parse(score.metrics)) : null,
    score_as_of: score?.as_of ?? null,
    quote: {
      price: stock.price,
      change: stock.change,
      change_pct: stock.change_pct,
      open: stock.open,
      day_high: stock.day_high,
      day_low: stock.day_low,
      previous_close: stock.previous_close,
      volume: stock.volume,
      avg_volume: stock.avg_volume,
      year_high: stock.year_high,
      year_low: stock.year_low,
      as_of: stock.quote_date,
    },
    fundamentals,
    not_applicable: notApplicableFundamentals(stock.sector, stock.industry),
  };
}

/** A stock's score snapshots, oldest first. */
export function scoreHistory(
  ticker: string,
  rows: Omit<ScoreSnapshotRow, 'ticker' | 'source'>[],
): ScoreHistory {
  return {
    ticker,
    items: rows.map((r) => ({ date: r.date, score: r.score, rank: r.rank, components: components(r) })),
  };
}

/**
 * The bars of `series` from `from` to `to` (inclusive; null: the data's own first or last
 * day), each with its 50- and 200-day simple moving averages and the asked indicators.
 */
export function priceHistory(
  series: PriceSeries,
  from: string | null,
  to: string | null,
  indicators: readonly PriceIndicator[] = [],
): PriceHistory {
  const { bars } = series;
  const withRsi = indicators.includes('rsi');
  const withMacd = indicators.includes('macd');
  const withBands = indicators.includes('bb');
  const items: PricePoint[] = [];
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i];
    if ((from && b.date < from) || (to && b.date > to)) continue;
    const point: PricePoint = {
      date: b.date,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
      sma50: round(series.sma50[i], 4),
      sma200: round(series.sma200[i], 4),
    };
    if (withRsi) point.rsi14 = round(series.rsi14[i], 2);
    if (withMacd) {
      point.macd = round(series.macd[i], 4);
      point.macd_signal = round(series.macdSignal[i], 4);
      point.macd_hist = round(series.macdHist[i], 4);
    }
    if (withBands) {
      point.bb_upper = round(series.bbUpper[i], 4);
      point.bb_middle = round(series.bbMiddle[i], 4);
      point.bb_lower = round(series.bbLower[i], 4);
    }
    items.push(point);
  }
  return {
    ticker: series.ticker,
    from: from ?? bars[0]?.date ?? null,
    to: to ?? bars[bars.length - 1]?.date ?? null,
    items,
  };
}

/** Per-sector figures with each sector's leader. */
export function sectorList({ stats, leaders }: SectorSummaries): SectorList {
  const leaderBy = new Map(leaders.map((l) => [l.sector, l]));
  return {
    items: stats.map((st) => {
      const lead = leaderBy.get(st.sector);
      return {
        sector: st.sector,
        count: st.count,
        avg_score: round(st.avg_score, 1),
        avg_change_pct: round(st.avg_change_pct, 3),
        market_cap: st.market_cap,
        top: lead ? { ticker: lead.ticker, name: lead.name, score: lead.score } : null,
      };
    }),
  };
}
