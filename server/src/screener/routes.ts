/** Screener routes: validate → screener service → the cached, presented answer. */
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import * as s from './schemas.ts';

export function screenerRoutes({ services: { screener } }: Pick<AppDeps, 'services'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/screener/metrics',
      operationId: 'screenerMetrics',
      summary: 'The metric catalog: every column, sort key and filter of GET /api/stocks',
      description:
        'Each metric with its key (the row field of `columns=<key>`, the sort key and the prefix of ' +
        '`<key>_min`/`<key>_max`), label, unit, group and the views (presets) that show it; with the range ' +
        "of today's values (numbers) or the values stocks carry (text), the presets and the market-cap buckets.",
      tags: ['screener'],
      response: s.ScreenerCatalog,
      cached: true,
      handler: () => screener.metrics(),
    }),
    route({
      method: 'get',
      path: '/api/screener/heatmap',
      operationId: 'heatmap',
      summary: 'The market map: the largest stocks by sector and industry, sized by market cap',
      description:
        "For a treemap like finviz's map: sectors, their industries and their largest stocks (the " +
        '`limit` largest by market cap, 500 by default, over the market or in one `sector`), largest ' +
        "first, each stock with its day's change, 1-week and 1-month performance and score to colour it " +
        'by. Every sector and industry also carries its count and total cap over all its stocks, listed ' +
        'or not, and every sector its cap-weighted colours, so its tile stays true to the whole sector. ' +
        'Numbers are rounded to the precision the map shows.',
      tags: ['screener'],
      query: s.HeatmapQuery,
      response: s.Heatmap,
      cached: true,
      handler: ({ query }) => screener.heatmap(query),
    }),
    route({
      method: 'get',
      path: '/api/stocks/screener/strategies',
      operationId: 'listStrategies',
      summary: 'Screener strategies with their rules and sources',
      tags: ['screener'],
      response: s.StrategyList,
      cached: true,
      handler: () => screener.strategies(),
    }),
    route({
      method: 'get',
      path: '/api/stocks/screener/strategies/:strategy',
      operationId: 'runStrategy',
      summary: "A strategy's matching stocks, ranked",
      tags: ['screener'],
      params: s.StrategyParams,
      query: s.StrategyQuery,
      response: s.StrategyResult,
      errors: { 404: 'Unknown strategy' },
      cached: true,
      handler: ({ params, query }) => screener.strategy(params.strategy, query),
    }),
  ];
}
