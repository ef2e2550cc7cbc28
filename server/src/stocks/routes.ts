/**
 * Stock routes: validate (`schemas.ts`) → stock service → body. A cached use case answers
 * with its presented body and what the cache did; an uncached one returns rows, presented
 * here (`presenters.ts`).
 */
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import * as s from './schemas.ts';

const NOT_FOUND = { 404: 'Unknown ticker, or not a ticker symbol' };

/** The stock lists: fixed paths under /api/stocks, mounted before `/api/stocks/:ticker`. */
export function stockListRoutes({ services: { stocks } }: Pick<AppDeps, 'services'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/stocks',
      operationId: 'listStocks',
      summary: 'Screen stocks: a filter on every metric, any sort, chosen columns (paginated)',
      description:
        'Every numeric metric of the catalog (`GET /api/screener/metrics`) takes `<key>_min` and ' +
        '`<key>_max` (inclusive, in its unit; a stock without a value is left out by a bound), ' +
        '`sort=<key>` (stocks without a value last) and `columns=<key>,...`; text metrics ' +
        '(`sector`, `industry`, `exchange`) and `cap` take comma-separated lists. A bad value is a 400 ' +
        'naming the parameter.',
      tags: ['stocks'],
      query: s.StockListQuery,
      queryAliases: { size: 'limit', min_score: 'score_min', max_score: 'score_max' },
      response: s.StockPage,
      cached: true,
      handler: ({ query }) => stocks.list(query),
    }),
    route({
      method: 'get',
      path: '/api/stocks/top',
      operationId: 'topStocks',
      summary: 'Top stocks by score',
      tags: ['stocks'],
      query: s.LimitQuery,
      response: s.TopStocks,
      cached: true,
      handler: ({ query }) => stocks.top(query),
    }),
    route({
      method: 'get',
      path: '/api/stocks/leaderboard/top',
      operationId: 'leaderboard',
      summary: 'Leaderboard: top stocks overall in a sector, or grouped by sector',
      tags: ['stocks'],
      query: s.LeaderboardQuery,
      response: s.Leaderboard,
      cached: true,
      handler: ({ query }) => stocks.leaderboard(query),
    }),
  ];
}

/** One stock (`/api/stocks/:ticker` and below) and the sectors. */
export function stockRoutes({ services: { stocks } }: Pick<AppDeps, 'services'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/stocks/:ticker',
      operationId: 'getStock',
      summary: 'One stock with its score, components, explanation, quote and fundamentals',
      tags: ['stocks'],
      params: s.TickerParams,
      response: s.StockDetail,
      errors: NOT_FOUND,
      cached: true,
      handler: ({ params }) => stocks.detail(params.ticker),
    }),
    route({
      method: 'get',
      path: '/api/stocks/:ticker/prices',
      operationId: 'getPrices',
      summary:
        'Daily OHLCV with SMA 50/200 and, on request, RSI, MACD and Bollinger bands (default range 1y)',
      tags: ['stocks'],
      params: s.TickerParams,
      query: s.PriceQuery,
      response: s.PriceHistory,
      errors: NOT_FOUND,
      cached: true,
      handler: ({ params, query }) => stocks.prices(params.ticker, query),
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
      cached: true,
      handler: ({ params, query }) => stocks.scores(params.ticker, query),
    }),
    route({
      method: 'get',
      path: '/api/sectors',
      operationId: 'listSectors',
      summary: 'Sectors with stock counts, average score and average day change',
      tags: ['sectors'],
      response: s.SectorList,
      cached: true,
      handler: () => stocks.sectors(),
    }),
  ];
}
