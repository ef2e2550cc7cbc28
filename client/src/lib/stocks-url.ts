/**
 * The stocks table's view state and its URL form, so a shared link reopens the same view.
 * Defaults are left out of the URL (`/stocks` is the default view); anything unparseable falls
 * back to its default rather than breaking the page.
 */

import type { StockListParams } from '../api/client.ts';
import { SORT_COLUMNS } from '../api/constants.ts';
import type { SortColumn } from '../api/types.ts';

/** Every column the API sorts by (checked against the OpenAPI document's list at compile time). */
const SORT_COLUMN_LIST: readonly SortColumn[] = SORT_COLUMNS;

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export type Order = 'asc' | 'desc';

/** A metric's bounds, inclusive, in the API's unit (null: open). */
export interface Bound {
  min: number | null;
  max: number | null;
}

export interface StocksViewState {
  q: string;
  /** Sectors, comma-separated ('' for all). */
  sector: string;
  /** Industries, comma-separated as the API takes them ('' for all). */
  industry: string;
  /** Exchanges, comma-separated ('' for all). */
  exchange: string;
  /** Bounds on any numeric metric but the score (which keeps minScore/maxScore), by metric key. */
  ranges: Readonly<Record<string, Bound>>;
  /** The table's columns (metric keys), or null for the default view. */
  columns: readonly string[] | null;
  /** The strategy whose rules these filters came from ('' for none). */
  from: string;
  minScore: number | null;
  maxScore: number | null;
  sort: SortColumn;
  order: Order;
  page: number;
  size: number;
}

export const DEFAULT_STOCKS_STATE: Readonly<StocksViewState> = Object.freeze({
  q: '',
  sector: '',
  industry: '',
  exchange: '',
  ranges: Object.freeze({}),
  columns: null,
  from: '',
  minScore: null,
  maxScore: null,
  sort: 'score',
  order: 'desc',
  page: 1,
  size: 20,
});

const TEXT_COLUMNS = new Set<SortColumn>(['ticker', 'name', 'sector', 'industry', 'exchange', 'rank']);

/** Metrics filtered by `<key>_min`/`<key>_max` (every sort key but the text ones; the score has min_score/max_score). */
const RANGE_KEYS: readonly string[] = SORT_COLUMN_LIST.filter(
  (k) => !['ticker', 'name', 'sector', 'industry', 'exchange', 'score'].includes(k),
);
/** Metrics a `columns=` list may name. */
const COLUMN_KEYS: readonly string[] = SORT_COLUMN_LIST.filter((k) => k !== 'ticker' && k !== 'name');

function numberIn(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Splits a comma-separated list; a comma followed by a space belongs to a name ("Hardware, Storage"). */
export function splitList(raw: string): string[] {
  return raw
    .split(/,(?!\s)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The natural first direction of a column: A→Z for text and rank (1 is best), high→low for numbers. */
export function defaultOrder(column: SortColumn): Order {
  return TEXT_COLUMNS.has(column) ? 'asc' : 'desc';
}

function isSortColumn(s: string): s is SortColumn {
  return (SORT_COLUMN_LIST as readonly string[]).includes(s);
}

function intIn(raw: string | undefined, min: number, max: number): number | null {
  if (raw === undefined || raw.trim() === '' || !/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

function scoreIn(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  return Math.min(100, Math.max(0, n));
}

type QueryLike = URLSearchParams | Record<string, string | undefined>;

function getter(query: QueryLike): (key: string) => string | undefined {
  if (query instanceof URLSearchParams) return (k) => query.get(k) ?? undefined;
  return (k) => query[k];
}

/** Read the view state from a URL query (`useLocation().query` or URLSearchParams). */
export function parseStocksQuery(query: QueryLike): StocksViewState {
  const get = getter(query);
  const sortRaw = get('sort') ?? '';
  const sort = isSortColumn(sortRaw) ? sortRaw : DEFAULT_STOCKS_STATE.sort;
  const orderRaw = get('order');
  const order: Order =
    orderRaw === 'asc' || orderRaw === 'desc'
      ? orderRaw
      : isSortColumn(sortRaw)
        ? defaultOrder(sort)
        : DEFAULT_STOCKS_STATE.order;
  let minScore = scoreIn(get('min_score'));
  let maxScore = scoreIn(get('max_score'));
  if (minScore !== null && maxScore !== null && minScore > maxScore)
    [minScore, maxScore] = [maxScore, minScore];
  const ranges: Record<string, Bound> = {};
  for (const key of RANGE_KEYS) {
    let min = numberIn(get(`${key}_min`));
    let max = numberIn(get(`${key}_max`));
    if (min === null && max === null) continue;
    if (min !== null && max !== null && min > max) [min, max] = [max, min];
    ranges[key] = { min, max };
  }
  if (minScore === null) minScore = scoreIn(get('score_min'));
  if (maxScore === null) maxScore = scoreIn(get('score_max'));
  const cols = splitList(get('columns') ?? '').filter(
    (c, i, all) => COLUMN_KEYS.includes(c) && all.indexOf(c) === i,
  );
  return {
    q: (get('q') ?? '').trim().slice(0, 100),
    sector: splitList(get('sector') ?? '').join(','),
    industry: splitList(get('industry') ?? '').join(','),
    exchange: splitList(get('exchange') ?? '').join(','),
    ranges,
    columns: cols.length > 0 ? cols : null,
    from: (get('from') ?? '').trim().slice(0, 60),
    minScore,
    maxScore,
    sort,
    order,
    page: intIn(get('page'), 1, 100_000) ?? DEFAULT_STOCKS_STATE.page,
    size: intIn(get('size'), 1, 100) ?? DEFAULT_STOCKS_STATE.size,
  };
}

/** The URL query of a view state (`?sector=Energy&sort=pe&order=asc&page=2`), '' for the default view. */
export function stocksQueryString(state: StocksViewState): string {
  const d = DEFAULT_STOCKS_STATE;
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  if (state.sector) p.set('sector', state.sector);
  if (state.industry) p.set('industry', state.industry);
  if (state.exchange) p.set('exchange', state.exchange);
  if (state.minScore !== null) p.set('min_score', String(state.minScore));
  if (state.maxScore !== null) p.set('max_score', String(state.maxScore));
  for (const [key, b] of Object.entries(state.ranges)) {
    if (b.min !== null) p.set(`${key}_min`, String(b.min));
    if (b.max !== null) p.set(`${key}_max`, String(b.max));
  }
  if (state.columns) p.set('columns', state.columns.join(','));
  if (state.from) p.set('from', state.from);
  if (state.sort !== d.sort || state.order !== d.order) {
    p.set('sort', state.sort);
    p.set('order', state.order);
  }
  if (state.page !== d.page) p.set('page', String(state.page));
  if (state.size !== d.size) p.set('size', String(state.size));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The `/api/stocks` query for a view state. */
export function toApiParams(state: StocksViewState): StockListParams {
  return {
    page: state.page,
    size: state.size,
    sort: state.sort,
    order: state.order,
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
    ...(state.sector ? { sector: state.sector } : {}),
    ...(state.minScore !== null ? { min_score: state.minScore } : {}),
    ...(state.maxScore !== null ? { max_score: state.maxScore } : {}),
    ...(state.industry ? { industry: state.industry } : {}),
    ...(state.exchange ? { exchange: state.exchange } : {}),
    ...Object.fromEntries(
      Object.entries(state.ranges).flatMap(([key, b]) => [
        ...(b.min !== null ? [[`${key}_min`, b.min]] : []),
        ...(b.max !== null ? [[`${key}_max`, b.max]] : []),
      ]),
    ),
    // The score and rank always come: the score is the table's sticky last column.
    ...(state.columns ? { columns: [...new Set([...state.columns, 'score'])].join(',') } : {}),
  };
}

/** A metric's bounds in a view (the score's live in minScore/maxScore). */
export function boundOf(state: StocksViewState, key: string): Bound {
  if (key === 'score') return { min: state.minScore, max: state.maxScore };
  return state.ranges[key] ?? { min: null, max: null };
}

/** A view with a metric's bounds set (both null: the filter is gone); back to page 1. */
export function withBound(state: StocksViewState, key: string, b: Bound): StocksViewState {
  if (key === 'score') return withFilters(state, { minScore: b.min, maxScore: b.max });
  const ranges = { ...state.ranges };
  if (b.min === null && b.max === null) delete ranges[key];
  else ranges[key] = { min: b.min, max: b.max };
  return withFilters(state, { ranges });
}

/** Whether the view filters anything (search, a list or a bound). */
export function isFiltered(state: StocksViewState): boolean {
  return !!(
    state.q ||
    state.sector ||
    state.industry ||
    state.exchange ||
    state.minScore !== null ||
    state.maxScore !== null ||
    Object.keys(state.ranges).length > 0
  );
}

/** The view without any filter (columns, sort and page size kept). */
export function withoutFilters(state: StocksViewState): StocksViewState {
  return withFilters(state, {
    q: '',
    sector: '',
    industry: '',
    exchange: '',
    ranges: {},
    minScore: null,
    maxScore: null,
    from: '',
  });
}

/** Clicking a column header: the same column flips direction, a new one starts at its natural order. */
export function toggleSort(state: StocksViewState, column: SortColumn): StocksViewState {
  const order: Order =
    state.sort === column ? (state.order === 'asc' ? 'desc' : 'asc') : defaultOrder(column);
  return { ...state, sort: column, order, page: 1 };
}

/** Change filters: any change but the page itself goes back to page 1. */
export function withFilters(state: StocksViewState, patch: Partial<StocksViewState>): StocksViewState {
  const next = { ...state, ...patch };
  if (!('page' in patch)) next.page = 1;
  return next;
}
