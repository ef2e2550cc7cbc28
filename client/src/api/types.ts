/**
 * The API's response types, inferred from the server's zod schemas. Type-only: no zod code
 * enters the bundle, and a renamed field on the server fails the client's type-check.
 */
export type { ComponentKey } from '../../../server/src/api/constants.ts';
export type { ErrorBody, Metric, MetricFormat } from '../../../server/src/api/shared.ts';
export type { JobList, JobStatus } from '../../../server/src/jobs/schemas.ts';
export type { MarketStatus } from '../../../server/src/market/schemas.ts';
export type {
  StrategyList,
  StrategyMatch,
  StrategyResult,
  StrategySummary,
} from '../../../server/src/screener/schemas.ts';
export type {
  ComponentScores,
  Explanation,
  FundamentalsBody,
  Leaderboard,
  PriceHistory,
  PricePoint,
  QuoteBody,
  ScoreHistory,
  ScorePoint,
  SectorList,
  SectorSummary,
  StockDetail,
  StockListItem,
  StockPage,
  TopStocks,
} from '../../../server/src/stocks/schemas.ts';
export type { CacheStats, Health } from '../../../server/src/system/schemas.ts';

import type { RANGES, SORT_COLUMNS } from '../../../server/src/api/constants.ts';

/** A column `/api/stocks` can sort by. */
export type SortColumn = (typeof SORT_COLUMNS)[number];
/** A price-history range. */
export type PriceRange = (typeof RANGES)[number];
