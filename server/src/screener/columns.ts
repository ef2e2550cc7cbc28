/**
 * The screener's column table: every catalog metric (api/catalog.ts) of every scored stock,
 * one typed array per metric, built from the stored stocks and scores. `GET /api/stocks`
 * filters, sorts and pages it in memory, so any combination of bounds costs a pass over a
 * few arrays instead of a query. Values are stored as the API sends them (rounded to the
 * metric's digits), so a bound compares what the client sees. Pure: no I/O.
 */

import { type PerformancePeriod, relativeTo } from '../analysis/indicators.ts';
import { grossMarginApplies } from '../analysis/industry.ts';
import {
  CAP_BUCKETS,
  CATALOG,
  type CapBucket,
  catalogEntry,
  inCapBucket,
  type NumericKey,
  type SORT_KEYS,
  TEXT_KEYS,
  type TextKey,
} from '../api/catalog.ts';
import type { ScoreRow, StockRow } from '../db/tables.ts';
import type { PerformanceBases, StockMetrics } from '../scoring/types.ts';

export type SortKey = (typeof SORT_KEYS)[number];

/** One scored stock as stored: its row, its score row and its parsed metrics. */
export interface ScreenSource {
  stock: StockRow;
  score: Omit<ScoreRow, 'explanation'>;
  metrics: Partial<StockMetrics>;
}

/** A text column: each row's code into `values` (distinct, sorted by code unit). */
interface TextColumn {
  codes: Int32Array;
  values: string[];
  /** `values` lower-cased. */
  lower: string[];
}

export interface ScreenTable {
  size: number;
  tickers: string[];
  names: string[];
  /** Lower-cased, for the free-text search. */
  lowerTickers: string[];
  lowerNames: string[];
  text: Record<TextKey, TextColumn>;
  /** NaN where a stock has no value. */
  numbers: Record<NumericKey, Float64Array>;
  /** Row orders by sort key and direction, made on first use. */
  orders: Map<string, Int32Array>;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A performance base: the close N sessions before the price (see `PerformanceBases`). */
function base(s: ScreenSource, period: PerformancePeriod | 'ytd'): number | null {
  const bases = s.metrics.performanceBases as PerformanceBases | undefined;
  if (!bases) return null;
  const asOf = s.score.as_of;
  const quoted = s.stock.quote_date;
  // The price is a live quote of a session after the last bar: the period starts a bar later.
  const live = quoted !== null && quoted > asOf;
  if (period === 'ytd') return finite(bases.ytd[live && quoted.slice(0, 4) > asOf.slice(0, 4) ? 1 : 0]);
  return finite(bases[period][live ? 1 : 0]);
}

const perf = (period: PerformancePeriod) => (s: ScreenSource) => relativeTo(s.stock.price, base(s, period));

/** Where each numeric metric comes from. */
const VALUES: Record<NumericKey, (s: ScreenSource) => number | null> = {
  price: (s) => s.stock.price,
  change: (s) => s.stock.change,
  change_pct: (s) => s.stock.change_pct,
  market_cap: (s) => s.stock.market_cap,
  volume: (s) => s.stock.volume,
  avg_volume: (s) => s.stock.avg_volume,
  rel_volume: (s) => {
    const { volume, avg_volume: avg } = s.stock;
    return volume !== null && avg !== null && avg > 0 ? volume / avg : null;
  },
  pe: (s) => s.stock.pe,
  pb: (s) => s.stock.pb,
  ps: (s) => s.stock.ps,
  ev_to_ebitda: (s) => s.stock.ev_to_ebitda,
  peg: (s) => s.stock.peg,
  earnings_yield: (s) => finite(s.metrics.earningsYield),
  fcf_yield: (s) => finite(s.metrics.fcfYield),
  eps: (s) => s.stock.eps,
  dividend_yield: (s) => s.stock.dividend_yield,
  payout_ratio: (s) => s.stock.payout_ratio,
  // Null also for data stored before gross margin was marked not applicable (as the detail does).
  gross_margin: (s) => (grossMarginApplies(s.stock.sector, s.stock.industry) ? s.stock.gross_margin : null),
  operating_margin: (s) => s.stock.operating_margin,
  net_margin: (s) => s.stock.net_margin,
  roe: (s) => s.stock.roe,
  roa: (s) => s.stock.roa,
  roic: (s) => s.stock.roic,
  return_on_capital: (s) => finite(s.metrics.returnOnCapital),
  revenue: (s) => finite(s.metrics.revenue),
  revenue_growth: (s) => s.stock.revenue_growth,
  eps_growth: (s) => s.stock.eps_growth,
  revenue_cagr: (s) => finite(s.metrics.revenueCagr),
  eps_cagr: (s) => finite(s.metrics.epsCagr),
  debt_to_equity: (s) => s.stock.debt_to_equity,
  current_ratio: (s) => s.stock.current_ratio,
  piotroski: (s) => finite(s.metrics.piotroskiF),
  altman_z: (s) => finite(s.metrics.altmanZ),
  beta: (s) => s.stock.beta,
  volatility: (s) => finite(s.metrics.volatility),
  rsi14: (s) => finite(s.metrics.rsi14),
  sma20: (s) => finite(s.metrics.sma20),
  sma50: (s) => finite(s.metrics.sma50),
  sma200: (s) => finite(s.metrics.sma200),
  price_vs_sma20: (s) => relativeTo(s.stock.price, finite(s.metrics.sma20)),
  price_vs_sma50: (s) => relativeTo(s.stock.price, finite(s.metrics.sma50)),
  price_vs_sma200: (s) => relativeTo(s.stock.price, finite(s.metrics.sma200)),
  high_52w: (s) => s.stock.year_high,
  low_52w: (s) => s.stock.year_low,
  from_52w_high: (s) => relativeTo(s.stock.price, s.stock.year_high),
  from_52w_low: (s) => relativeTo(s.stock.price, s.stock.year_low),
  momentum_12_1: (s) => finite(s.metrics.momentum12_1),
  perf_1w: perf('1w'),
  perf_1m: perf('1m'),
  perf_3m: perf('3m'),
  perf_6m: perf('6m'),
  perf_1y: perf('1y'),
  perf_ytd: (s) => relativeTo(s.stock.price, base(s, 'ytd')),
  score: (s) => s.score.score,
  rank: (s) => s.score.rank,
  value: (s) => s.score.value,
  quality: (s) => s.score.quality,
  growth: (s) => s.score.growth,
  momentum: (s) => s.score.momentum,
  risk: (s) => s.score.risk,
  dividend: (s) => s.score.dividend,
};

const TEXT_VALUES: Record<TextKey, (s: ScreenSource) => string> = {
  sector: (s) => s.stock.sector,
  industry: (s) => s.stock.industry,
  exchange: (s) => s.stock.exchange,
};

/** A value as the API sends it: rounded to the metric's digits; NaN when missing. */
function stored(v: number | null, digits: number | undefined): number {
  if (v === null || !Number.isFinite(v)) return Number.NaN;
  if (digits === undefined) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Build the table from the scored stocks (any order; rows come out by ticker). */
export function buildTable(sources: readonly ScreenSource[]): ScreenTable {
  const rows = [...sources].sort((a, b) => byCodeUnit(a.stock.ticker, b.stock.ticker));
  const n = rows.length;
  const numbers = {} as Record<NumericKey, Float64Array>;
  for (const m of CATALOG) {
    if (m.unit === 'text') continue;
    const key = m.key as NumericKey;
    const read = VALUES[key];
    const digits = 'digits' in m ? m.digits : undefined;
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = stored(read(rows[i]), digits);
    numbers[key] = col;
  }
  const text = {} as Record<TextKey, TextColumn>;
  for (const key of TEXT_KEYS) {
    const raw = rows.map(TEXT_VALUES[key]);
    const values = [...new Set(raw)].sort(byCodeUnit);
    const index = new Map(values.map((v, i) => [v, i]));
    text[key] = {
      codes: Int32Array.from(raw, (v) => index.get(v) as number),
      values,
      lower: values.map((v) => v.toLowerCase()),
    };
  }
  const tickers = rows.map((r) => r.stock.ticker);
  const names = rows.map((r) => r.stock.name);
  return {
    size: n,
    tickers,
    names,
    lowerTickers: tickers.map((t) => t.toLowerCase()),
    lowerNames: names.map((t) => t.toLowerCase()),
    text,
    numbers,
    orders: new Map(),
  };
}

/** A bound on one numeric metric (inclusive; a stock without a value never passes one). */
export interface Bound {
  key: NumericKey;
  min?: number;
  max?: number;
}

export interface ScreenQuery {
  /** Ticker prefix or name substring, case-insensitive. */
  q?: string;
  /** Exact matches (case-insensitive): a stock whose value is any of the listed. */
  text?: Partial<Record<TextKey, readonly string[]>>;
  /** Market-cap buckets: a stock in any of them. */
  caps?: readonly CapBucket[];
  bounds?: readonly Bound[];
  sort: SortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Natural direction of a sort key: text, ticker, name and rank ascending; numbers descending. */
export function defaultOrder(sort: SortKey): 'asc' | 'desc' {
  if (sort === 'ticker' || sort === 'name' || sort === 'rank') return 'asc';
  return catalogEntry(sort)?.unit === 'text' ? 'asc' : 'desc';
}

/** The stocks (row indexes) that pass every filter: one pass over the candidates per filter. */
function matching(
  t: ScreenTable,
  query: Omit<ScreenQuery, 'sort' | 'order' | 'offset' | 'limit'>,
): Int32Array {
  const cand = new Int32Array(t.size);
  for (let i = 0; i < t.size; i++) cand[i] = i;
  let m = t.size;
  const keep = (test: (i: number) => boolean) => {
    let k = 0;
    for (let j = 0; j < m; j++) {
      const i = cand[j];
      if (test(i)) cand[k++] = i;
    }
    m = k;
  };
  for (const b of query.bounds ?? []) {
    const col = t.numbers[b.key];
    const lo = b.min ?? Number.NEGATIVE_INFINITY;
    const hi = b.max ?? Number.POSITIVE_INFINITY;
    // NaN (no value) fails both comparisons.
    keep((i) => col[i] >= lo && col[i] <= hi);
  }
  for (const key of TEXT_KEYS) {
    const wanted = query.text?.[key];
    if (!wanted) continue;
    const column = t.text[key];
    const lower = new Set(rejoin(wanted, new Set(column.lower)));
    const allowed = Uint8Array.from(column.lower, (v) => (lower.has(v) ? 1 : 0));
    const codes = column.codes;
    keep((i) => allowed[codes[i]] === 1);
  }
  if (query.caps && query.caps.length > 0) {
    const buckets = CAP_BUCKETS.filter((b) => query.caps?.includes(b.key));
    const cap = t.numbers.market_cap;
    keep((i) => !Number.isNaN(cap[i]) && buckets.some((b) => inCapBucket(cap[i], b)));
  }
  if (query.q) {
    const needle = query.q.toLowerCase();
    keep((i) => t.lowerTickers[i].startsWith(needle) || t.lowerNames[i].includes(needle));
  }
  return cand.subarray(0, m);
}

/**
 * A comma-separated list split back into values, lower-cased: adjacent parts are joined again
 * (with ", ") where together they spell a known value, since some names hold a comma
 * ("Technology Hardware, Storage & Peripherals"). The longest known join wins.
 */
function rejoin(parts: readonly string[], known: ReadonlySet<string>): string[] {
  const lower = parts.map((p) => p.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < lower.length; ) {
    let j = lower.length;
    while (j > i + 1 && !known.has(lower.slice(i, j).join(', '))) j--;
    out.push(lower.slice(i, j).join(', '));
    i = j;
  }
  return out;
}

/**
 * Every row in the order of one sort key: by value (stocks without one last, whichever the
 * direction), then by ticker. Made once per table and key.
 */
function rowOrder(t: ScreenTable, sort: SortKey, order: 'asc' | 'desc'): Int32Array {
  const id = `${sort}:${order}`;
  const known = t.orders.get(id);
  if (known) return known;
  const dir = order === 'asc' ? 1 : -1;
  const idx = Array.from({ length: t.size }, (_, i) => i);
  const tick = (a: number, b: number) => byCodeUnit(t.tickers[a], t.tickers[b]);
  let compare: (a: number, b: number) => number;
  if (sort === 'ticker') compare = (a, b) => dir * tick(a, b);
  else if (sort === 'name') compare = (a, b) => dir * byCodeUnit(t.names[a], t.names[b]) || tick(a, b);
  else if ((TEXT_KEYS as string[]).includes(sort)) {
    const { codes } = t.text[sort as TextKey];
    // Codes follow the values' sorted order.
    compare = (a, b) => dir * (codes[a] - codes[b]) || tick(a, b);
  } else {
    const col = t.numbers[sort as NumericKey];
    compare = (a, b) => {
      const x = col[a];
      const y = col[b];
      const xn = Number.isNaN(x);
      const yn = Number.isNaN(y);
      if (xn || yn) return xn === yn ? tick(a, b) : xn ? 1 : -1;
      return x === y ? tick(a, b) : dir * (x < y ? -1 : 1);
    };
  }
  const out = Int32Array.from(idx.sort(compare));
  t.orders.set(id, out);
  return out;
}

/** One page of the matching stocks (row indexes, sorted) and how many match in all. */
export function screen(t: ScreenTable, query: ScreenQuery): { rows: number[]; total: number } {
  const found = matching(t, query);
  const total = found.length;
  const rows: number[] = [];
  if (query.offset >= total) return { rows, total };
  const end = Math.min(total, query.offset + query.limit);
  const mark = new Uint8Array(t.size);
  for (const i of found) mark[i] = 1;
  let seen = 0;
  for (const i of rowOrder(t, query.sort, query.order)) {
    if (mark[i] === 0) continue;
    if (seen >= query.offset) rows.push(i);
    if (++seen >= end) break;
  }
  return { rows, total };
}

/** A numeric cell as the API sends it. */
export const cell = (t: ScreenTable, key: NumericKey, i: number): number | null => {
  const v = t.numbers[key][i];
  return Number.isNaN(v) ? null : v;
};

/** A text cell. */
export const textCell = (t: ScreenTable, key: TextKey, i: number): string =>
  t.text[key].values[t.text[key].codes[i]];
