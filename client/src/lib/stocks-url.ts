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

export interface StocksViewState {
  q: string;
  sector: string;
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
  minScore: null,
  maxScore: null,
  sort: 'score',
  order: 'desc',
  page: 1,
  size: 20,
});

const TEXT_COLUMNS = new Set<SortColumn>(['ticker', 'name', 'sector', 'rank']);

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
  return {
    q: (get('q') ?? '').trim().slice(0, 100),
    sector: (get('sector') ?? '').trim(),
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
  if (state.minScore !== null) p.set('min_score', String(state.minScore));
  if (state.maxScore !== null) p.set('max_score', String(state.maxScore));
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
  };
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
