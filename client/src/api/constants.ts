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

/** Columns `/api/stocks` sorts by, in the API's order. */
export const SORT_COLUMNS = [
  'ticker',
  'name',
  'sector',
  'price',
  'change_pct',
  'market_cap',
  'pe',
  'dividend_yield',
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
