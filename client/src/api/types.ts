/**
 * The API's types by name: aliases of the types generated from the OpenAPI document
 * (./openapi.ts, `npm run gen:api -w client`). The contract is the published document, so the
 * client imports nothing from the server; a renamed field fails the client's type-check once the
 * file is regenerated, and scripts/openapi-types.test.ts fails while it is not.
 */
import type { components, operations } from './openapi.ts';

type Schemas = components['schemas'];

export type CacheStats = Schemas['CacheStats'];
export type ComponentScores = Schemas['ComponentScores'];
export type ComponentKey = keyof ComponentScores;
export type Explanation = Schemas['Explanation'];
export type FundamentalsBody = Schemas['Fundamentals'];
export type Health = Schemas['Health'];
export type JobList = Schemas['JobList'];
export type JobStatus = JobList['items'][number];
export type Leaderboard = Schemas['Leaderboard'];
export type MarketStatus = Schemas['MarketStatus'];
export type Metric = Schemas['Metric'];
export type MetricFormat = Schemas['MetricFormat'];
export type PriceHistory = Schemas['PriceHistory'];
export type PricePoint = Schemas['PricePoint'];
export type ScoreHistory = Schemas['ScoreHistory'];
export type ScorePoint = Schemas['ScorePoint'];
export type SectorList = Schemas['SectorList'];
export type SectorSummary = SectorList['items'][number];
export type StockDetail = Schemas['StockDetail'];
export type StockListItem = Schemas['StockListItem'];
/**
 * A page of `/api/stocks` as a request without `columns` gets it: every row carries the default
 * fields (those of StockListItem). With `columns`, rows carry ticker, name and the chosen fields:
 * `Schemas['StockPage']`.
 */
export type StockPage = Omit<Schemas['StockPage'], 'items'> & { items: StockListItem[] };

/** A page of `/api/stocks` with `columns=`: rows carry ticker, name and the chosen metrics. */
export type ScreenPage = Schemas['StockPage'];
export type ScreenRow = Schemas['ScreenerRow'];
export type ScreenerCatalog = Schemas['ScreenerCatalog'];

export type StrategyList = Schemas['StrategyList'];
export type StrategyMatch = StrategyResult['items'][number];
export type StrategyResult = Schemas['StrategyResult'];
export type StrategySummary = Schemas['Strategy'];
export type TopStocks = Schemas['TopStocks'];

/** A column `/api/stocks` can sort by. */
export type SortColumn = NonNullable<NonNullable<operations['listStocks']['parameters']['query']>['sort']>;
/** A price-history range. */
export type PriceRange = NonNullable<NonNullable<operations['getPrices']['parameters']['query']>['range']>;
export type ScoreBacktest = Schemas['ScoreBacktest'];
export type BacktestHorizon = Schemas['BacktestHorizon'];
export type Heatmap = Schemas['Heatmap'];
