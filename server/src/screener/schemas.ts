/** The screener routes' contract (`routes.ts`): strategies, a strategy's results, their parameters. */
import { z } from 'zod';
import { intParam, MetricFormat } from '../api/shared.ts';

export const StrategySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    source: z.string(),
    rules: z.array(z.string()),
    ranking: z.string(),
    matches: z.number().int().describe('Stocks that pass every rule today.'),
    screened: z.number().int().describe('Stocks screened (the whole universe).'),
    excluded_by: z
      .array(z.object({ rule: z.string(), excluded: z.number().int() }))
      .describe('Each rule, in order, with how many screened stocks fail it.'),
  })
  .meta({ id: 'Strategy' });

export const StrategyList = z.object({ items: z.array(StrategySummary) }).meta({ id: 'StrategyList' });

const StrategyMatch = z.object({
  rank: z.number().int(),
  ticker: z.string(),
  name: z.string(),
  sector: z.string(),
  price: z.number().nullable(),
  change_pct: z.number().nullable(),
  market_cap: z.number().nullable(),
  score: z.number().nullable(),
  metric: z.object({ label: z.string(), value: z.number().nullable(), format: MetricFormat }),
  reasons: z.array(z.string()),
});

export const StrategyResult = z
  .object({ strategy: StrategySummary, total_matches: z.number().int(), items: z.array(StrategyMatch) })
  .meta({ id: 'StrategyResult' });

export const StrategyParams = z.object({
  strategy: z
    .string()
    .meta({ description: 'Strategy id from /api/stocks/screener/strategies', example: 'piotroski' }),
});
export const StrategyQuery = z.object({ limit: intParam('limit', 25, 1, 500) });

export type StrategySummary = z.infer<typeof StrategySummary>;
export type StrategyList = z.infer<typeof StrategyList>;
export type StrategyResult = z.infer<typeof StrategyResult>;
export type StrategyQuery = z.infer<typeof StrategyQuery>;
