/** The screener routes' contract (`routes.ts`): strategies, a strategy's results, their parameters. */
import { z } from 'zod';
import { CAP_KEYS, CATALOG_KEYS, GROUPS, PRESETS, UNITS } from '../api/catalog.ts';
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

const CatalogMetric = z
  .object({
    key: z
      .enum(CATALOG_KEYS)
      .describe("The row field (`columns=<key>`), the sort key and the bounds' prefix."),
    label: z.string(),
    unit: z.enum(UNITS),
    format: MetricFormat,
    group: z.enum(GROUPS),
    description: z.string(),
    presets: z
      .array(z.enum(PRESETS.map((p) => p.key) as [string, ...string[]]))
      .describe('The views that show it.'),
    filter: z
      .object({
        kind: z.enum(['range', 'values']),
        params: z
          .array(z.string())
          .describe('Its query parameters: `<key>_min` and `<key>_max`, or `<key>`.'),
      })
      .describe("range: bounds in the metric's unit; values: a comma-separated list of exact values."),
    stats: z
      .object({
        count: z.number().int().describe('Stocks with a value.'),
        min: z.number().nullable(),
        max: z.number().nullable(),
      })
      .nullable()
      .describe('Over the stocks listed today (numeric metrics).'),
    values: z
      .array(z.object({ value: z.string(), count: z.number().int() }))
      .nullable()
      .describe('The values stocks carry today, with how many do (text metrics).'),
  })
  .meta({ id: 'CatalogMetric' });

export const ScreenerCatalog = z
  .object({
    universe: z.number().int().describe('Stocks the list screens (the scored ones).'),
    metrics: z.array(CatalogMetric),
    units: z.array(z.object({ key: z.enum(UNITS), description: z.string() })),
    groups: z.array(z.enum(GROUPS)).describe("The filter panel's groups, in order."),
    presets: z
      .array(z.object({ key: z.string(), label: z.string(), columns: z.array(z.enum(CATALOG_KEYS)) }))
      .describe("Column views like finviz's; ticker and name always come first."),
    caps: z
      .array(
        z.object({
          key: z.enum(CAP_KEYS),
          label: z.string(),
          min: z.number().nullable().describe('USD, inclusive.'),
          max: z.number().nullable().describe('USD, exclusive.'),
        }),
      )
      .describe('The market-cap buckets of `cap=`.'),
  })
  .meta({ id: 'ScreenerCatalog' });

export type StrategySummary = z.infer<typeof StrategySummary>;
export type ScreenerCatalog = z.infer<typeof ScreenerCatalog>;
export type StrategyList = z.infer<typeof StrategyList>;
export type StrategyResult = z.infer<typeof StrategyResult>;
export type StrategyQuery = z.infer<typeof StrategyQuery>;

const HeatmapStock = z.object({
  ticker: z.string(),
  name: z.string(),
  market_cap: z.number().describe('USD; the tile size.'),
  price: z.number().nullable(),
  change_pct: z.number().nullable().describe("The day's change in percent points (1.5 = +1.5 %)."),
  perf_1w: z.number().nullable().describe('Performance over 5 sessions, a fraction (0.02 = 2 %).'),
  perf_1m: z.number().nullable().describe('Performance over 21 sessions, a fraction.'),
  score: z.number().nullable().describe('The total score, 0-100.'),
});

/** GET /api/screener/heatmap: sectors → industries → stocks, for a treemap sized by market cap. */
export const Heatmap = z
  .object({
    stocks: z.number().int().describe('Stocks on the map (those with a market cap).'),
    sectors: z.array(
      z.object({
        sector: z.string(),
        market_cap: z.number(),
        industries: z.array(
          z.object({ industry: z.string(), market_cap: z.number(), stocks: z.array(HeatmapStock) }),
        ),
      }),
    ),
  })
  .meta({ id: 'Heatmap' });

export type Heatmap = z.infer<typeof Heatmap>;
