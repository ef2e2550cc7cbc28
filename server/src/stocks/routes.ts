/** Stock routes: validate → stock service → body. Order matters: fixed paths before `/:ticker`. */
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import * as ss from '../screener/schemas.ts';
import * as s from './schemas.ts';

const NOT_FOUND = { 404: 'Unknown ticker, or not a ticker symbol' };

export function stockRoutes({ services: { stocks } }: Pick<AppDeps, 'services'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/stocks',
      operationId: 'listStocks',
      summary: 'List stocks (paginated, filterable, sortable)',
      tags: ['stocks'],
      query: s.StockListQuery,
      queryAliases: { size: 'limit' },
      response: s.StockPage,
      handler: ({ query, scope }) => stocks.list(query, scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/top',
      operationId: 'topStocks',
      summary: 'Top stocks by score',
      tags: ['stocks'],
      query: s.LimitQuery,
      response: s.TopStocks,
      handler: ({ query, scope }) => stocks.top(query, scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/leaderboard/top',
      operationId: 'leaderboard',
      summary: 'Leaderboard: top stocks overall in a sector, or grouped by sector',
      tags: ['stocks'],
      query: s.LeaderboardQuery,
      response: s.Leaderboard,
      handler: ({ query, scope }) => stocks.leaderboard(query, scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/screener/strategies',
      operationId: 'listStrategies',
      summary: 'Screener strategies with their rules and sources',
      tags: ['screener'],
      response: ss.StrategyList,
      handler: ({ scope }) => stocks.strategies(scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/screener/strategies/:strategy',
      operationId: 'runStrategy',
      summary: "A strategy's matching stocks, ranked",
      tags: ['screener'],
      params: ss.StrategyParams,
      query: ss.StrategyQuery,
      response: ss.StrategyResult,
      errors: { 404: 'Unknown strategy' },
      handler: ({ params, query, scope }) => stocks.strategy(params.strategy, query, scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker',
      operationId: 'getStock',
      summary: 'One stock with its score, components, explanation, quote and fundamentals',
      tags: ['stocks'],
      params: s.TickerParams,
      response: s.StockDetail,
      errors: NOT_FOUND,
      handler: ({ params, scope }) => stocks.detail(params.ticker, scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker/prices',
      operationId: 'getPrices',
      summary: 'Daily OHLCV with SMA 50/200 (default range 1y)',
      tags: ['stocks'],
      params: s.TickerParams,
      query: s.PriceQuery,
      response: s.PriceHistory,
      errors: NOT_FOUND,
      handler: ({ params, query, scope }) => stocks.prices(params.ticker, query, scope),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker/scores',
      operationId: 'getScoreHistory',
      summary: 'Score history (one snapshot per recorded trading day)',
      tags: ['stocks'],
      params: s.TickerParams,
      query: s.ScoreHistoryQuery,
      response: s.ScoreHistory,
      errors: NOT_FOUND,
      handler: ({ params, query, scope }) => stocks.scores(params.ticker, query, scope),
    }),
    route({
      method: 'get',
      path: '/api/sectors',
      operationId: 'listSectors',
      summary: 'Sectors with stock counts, average score and average day change',
      tags: ['sectors'],
      response: s.SectorList,
      handler: ({ scope }) => stocks.sectors(scope),
    }),
  ];
}
