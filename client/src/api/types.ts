/**
 * The API's response types, inferred from the server's zod schemas. Type-only: no zod code
 * enters the bundle, and a renamed field on the server fails the client's type-check.
 */
export type {
  CacheStats,
  ComponentKey,
  ComponentScores,
  ErrorBody,
  Explanation,
  FundamentalsBody,
  Health,
  JobList,
  JobStatus,
  Leaderboard,
  MarketStatus,
  Metric,
  MetricFormat,
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
  StrategyList,
  StrategyMatch,
  StrategyResult,
  StrategySummary,
  TopStocks,
} from '../../../server/src/api/schemas.ts';

import type { RANGES, SORT_COLUMNS } from '../../../server/src/api/schemas.ts';

/** A column `/api/stocks` can sort by. */
export type SortColumn = (typeof SORT_COLUMNS)[number];
/** A price-history range. */
export type PriceRange = (typeof RANGES)[number];
