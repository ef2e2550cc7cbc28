/** Backtest routes: validate → backtest service → the cached answer. */
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import * as s from './schemas.ts';

export function backtestRoutes({ services: { backtest } }: Pick<AppDeps, 'services'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/backtest/score',
      operationId: 'scoreBacktest',
      summary:
        'Does the score predict? Forward returns by score decile, the information coefficient, hit rate',
      description:
        'Month-end score snapshots against the returns that followed them (1 and 3 months): ' +
        "mean return by score decile, each date's Spearman rank correlation of score and return " +
        "(the information coefficient) with its t-statistic, and the top decile's hit rate and " +
        'turnover. On the sample data set it shows how the method works, not a market result.',
      tags: ['backtest'],
      response: s.ScoreBacktest,
      cached: true,
      handler: () => backtest.score(),
    }),
  ];
}
