/** The screener routes' contract (`routes.ts`): strategies, a strategy's results, their parameters. */
import { z } from 'zod';
import { CAP_KEYS, CATALOG_KEYS, GROUPS, PRESETS, UNITS } from '../api/catalog.ts';
import { intParam, MetricFormat } from '../api/shared.ts';
import { sectorParam } from '../stocks/schemas.ts';

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

/** The map's default number of stocks over the whole market: about the S&P 500 finviz's map shows. */
const HEATMAP_LIMIT = 500;
/** The most stocks one answer lists (a sector of a large universe, zoomed in). */
const HEATMAP_LIMIT_MAX = 2000;

export const HeatmapQuery = z.object({
  sector: sectorParam.meta({
    description:
      'Zoom into one GICS sector (case-insensitive): its stocks, largest first, up to `limit`. ' +
      'Without it, the whole market. An unknown sector is a 400.',
    example: 'Information Technology',
  }),
  limit: intParam('limit', HEATMAP_LIMIT, 1, HEATMAP_LIMIT_MAX).meta({
    description:
      `The most stocks listed: the largest by market cap over the whole market (or in the sector), ` +
      `${HEATMAP_LIMIT} by default (finviz's map shows the S&P 500), at most ${HEATMAP_LIMIT_MAX}. ` +
      'The aggregates cover every stock, listed or not.',
  }),
});
export type HeatmapQuery = z.infer<typeof HeatmapQuery>;

/** Rounded to what the map shows: 2 decimals of a percent, 0.1 of a score, cents, 0.01 of a cap's unit. */
const Colours = {
  change_pct: z
    .number()
    .nullable()
    .describe("The day's change in percent points (1.5 = +1.5 %), 2 decimals."),
  perf_1w: z
    .number()
    .nullable()
    .describe('Performance over 5 sessions, a fraction (0.02 = 2 %), 4 decimals.'),
  perf_1m: z.number().nullable().describe('Performance over 21 sessions, a fraction, 4 decimals.'),
  score: z.number().nullable().describe('The total score, 0-100, 1 decimal.'),
};

const HeatmapStock = z.object({
  ticker: z.string(),
  name: z.string(),
  market_cap: z
    .number()
    .describe('USD, the tile size; to 0.01 of its unit (2.95T, 812.34B, 45.67M) as the map shows it.'),
  price: z.number().nullable().describe('USD, cents.'),
  ...Colours,
});

/** What a group (sector or industry) holds: all its stocks, and how many of them the answer lists. */
const GroupCounts = {
  count: z.number().int().describe('Its stocks with a market cap, listed or not.'),
  shown: z.number().int().describe('Of those, the ones listed here (the largest).'),
  market_cap: z.number().describe('USD: the total of all its stocks, listed or not.'),
};

/**
 * GET /api/screener/heatmap: sectors → industries → the largest stocks, for a treemap sized by
 * market cap; every sector with its totals and cap-weighted colours over all its stocks.
 */
export const Heatmap = z
  .object({
    sector: z.string().nullable().describe('The sector zoomed into, or null for the whole market.'),
    limit: z.number().int().describe('The most stocks listed (the query parameter).'),
    count: z.number().int().describe('Stocks with a market cap in view (the market or the sector).'),
    shown: z.number().int().describe('Of those, the ones listed: the largest `limit` by market cap.'),
    sectors: z.array(
      z
        .object({
          sector: z.string(),
          ...GroupCounts,
          change_pct: z.number().nullable().describe("The day's change, percent points, weighted by cap."),
          perf_1w: z.number().nullable().describe('1-week performance, a fraction, weighted by cap.'),
          perf_1m: z.number().nullable().describe('1-month performance, a fraction, weighted by cap.'),
          score: z.number().nullable().describe('The total score, weighted by cap.'),
          rest: z
            .object({
              count: z.number().int(),
              market_cap: z.number().describe('USD.'),
              change_pct: z.number().nullable(),
              perf_1w: z.number().nullable(),
              perf_1m: z.number().nullable(),
              score: z.number().nullable(),
            })
            .nullable()
            .describe(
              "The sector's stocks that are not listed (smaller than the listed ones): their count, total cap " +
                'and cap-weighted colours, for one tile that keeps the sector its true size; null when all are listed.',
            ),
          industries: z
            .array(z.object({ industry: z.string(), ...GroupCounts, stocks: z.array(HeatmapStock) }))
            .describe('The industries with a listed stock, largest (total cap) first.'),
        })
        .describe(
          'A sector, largest (total cap) first. Its colours are weighted by market cap over all its ' +
            "stocks (those with the value), listed or not, rounded as the stocks' are.",
        ),
    ),
  })
  .meta({ id: 'Heatmap' });

export type Heatmap = z.infer<typeof Heatmap>;
