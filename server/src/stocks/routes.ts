/** Stock routes: validate → service → body. Order matters: fixed paths before `/:ticker`. */
import { z } from 'zod';
import * as s from '../api/schemas.ts';
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import * as service from './service.ts';

const TickerParams = z.object({
  ticker: z.string().meta({ description: 'Ticker symbol, case-insensitive', example: 'AAPL' }),
});
const StrategyParams = z.object({
  strategy: z
    .string()
    .meta({ description: 'Strategy id from /api/stocks/screener/strategies', example: 'piotroski' }),
});
const NOT_FOUND = { 404: 'Unknown ticker' };

export function stockRoutes({ db }: AppDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/stocks',
      operationId: 'listStocks',
      summary: 'List stocks (paginated, filterable, sortable)',
      tags: ['stocks'],
      query: s.StockListQuery,
      response: s.StockPage,
      handler: ({ query }) => service.listStocks(db, query),
    }),
    route({
      method: 'get',
      path: '/api/stocks/top',
      operationId: 'topStocks',
      summary: 'Top stocks by score',
      tags: ['stocks'],
      query: s.LimitQuery,
      response: s.TopStocks,
      handler: ({ query }) => service.topStocks(db, query.limit),
    }),
    route({
      method: 'get',
      path: '/api/stocks/leaderboard/top',
      operationId: 'leaderboard',
      summary: 'Leaderboard: top stocks overall in a sector, or grouped by sector',
      tags: ['stocks'],
      query: s.LeaderboardQuery,
      response: s.Leaderboard,
      handler: ({ query }) => service.leaderboard(db, query.limit, query.sector),
    }),
    route({
      method: 'get',
      path: '/api/stocks/screener/strategies',
      operationId: 'listStrategies',
      summary: 'Screener strategies with their rules and sources',
      tags: ['screener'],
      response: s.StrategyList,
      handler: () => service.listStrategies(db),
    }),
    route({
      method: 'get',
      path: '/api/stocks/screener/strategies/:strategy',
      operationId: 'runStrategy',
      summary: "A strategy's matching stocks, ranked",
      tags: ['screener'],
      params: StrategyParams,
      query: s.StrategyQuery,
      response: s.StrategyResult,

      handler: ({ params, query }) => service.runScreener(db, params.strategy, query.limit),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker',
      operationId: 'getStock',
      summary: 'One stock with its score, components, explanation, quote and fundamentals',
      tags: ['stocks'],
      params: TickerParams,
      response: s.StockDetail,
      errors: NOT_FOUND,
      handler: ({ params }) => service.stockDetail(db, params.ticker),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker/prices',
      operationId: 'getPrices',
      summary: 'Daily OHLCV with SMA 50/200 (default range 1y)',
      tags: ['stocks'],
      params: TickerParams,
      query: s.PriceQuery,
      response: s.PriceHistory,
      errors: NOT_FOUND,
      handler: ({ params, query }) => service.priceHistory(db, params.ticker, query),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker/scores',
      operationId: 'getScoreHistory',
      summary: 'Score history (one snapshot per recorded trading day)',
      tags: ['stocks'],
      params: TickerParams,
      query: s.ScoreHistoryQuery,
      response: s.ScoreHistory,
      errors: NOT_FOUND,
      handler: ({ params, query }) => service.scoreHistory(db, params.ticker, query.limit),
    }),
    route({
      method: 'get',
      path: '/api/sectors',
      operationId: 'listSectors',
      summary: 'Sectors with stock counts, average score and average day change',
      tags: ['sectors'],
      response: s.SectorList,
      handler: () => service.sectors(db),
    }),
  ];
}
