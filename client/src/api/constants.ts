/**
 * The contract's lists the client needs at run time. The API's types come from the generated
 * OpenAPI file, which holds no values, so the lists are written here and checked at compile time
 * against the generated unions, both ways: every entry is a value the API accepts, and every value
 * the API accepts is listed. A change in the document fails the type-check until this follows.
 */
import type { PriceRange, SortColumn } from './types.ts';

/** True when `List` holds exactly the members of `Union` (a compile-time check). */
type Exhaustive<List extends readonly unknown[], Union> = [Exclude<Union, List[number]>] extends [never]
  ? [Exclude<List[number], Union>] extends [never]
    ? true
    : { extra: Exclude<List[number], Union> }
  : { missing: Exclude<Union, List[number]> };

/** Keys `/api/stocks` sorts by (ticker, name and every metric of the catalog), in the API's order. */
export const SORT_COLUMNS = [
  'ticker',
  'name',
  'sector',
  'industry',
  'exchange',
  'price',
  'change',
  'change_pct',
  'market_cap',
  'volume',
  'avg_volume',
  'rel_volume',
  'pe',
  'pb',
  'ps',
  'ev_to_ebitda',
  'peg',
  'earnings_yield',
  'fcf_yield',
  'eps',
  'dividend_yield',
  'payout_ratio',
  'gross_margin',
  'operating_margin',
  'net_margin',
  'roe',
  'roa',
  'roic',
  'return_on_capital',
  'revenue',
  'revenue_growth',
  'eps_growth',
  'revenue_cagr',
  'eps_cagr',
  'debt_to_equity',
  'current_ratio',
  'piotroski',
  'altman_z',
  'beta',
  'volatility',
  'rsi14',
  'sma20',
  'sma50',
  'sma200',
  'price_vs_sma20',
  'price_vs_sma50',
  'price_vs_sma200',
  'high_52w',
  'low_52w',
  'from_52w_high',
  'from_52w_low',
  'momentum_12_1',
  'perf_1w',
  'perf_1m',
  'perf_3m',
  'perf_6m',
  'perf_1y',
  'perf_ytd',
  'score',
  'rank',
  'value',
  'quality',
  'growth',
  'momentum',
  'risk',
  'dividend',
] as const;

/** Ranges of `/api/stocks/:ticker/prices`. */
export const RANGES = ['1m', '3m', '6m', '1y', '2y', 'max'] as const;

// Compile-time only: an error on one of these lines names the missing or extra values.
const sortColumnsMatch: Exhaustive<typeof SORT_COLUMNS, SortColumn> = true;
const rangesMatch: Exhaustive<typeof RANGES, PriceRange> = true;
void sortColumnsMatch;
void rangesMatch;
