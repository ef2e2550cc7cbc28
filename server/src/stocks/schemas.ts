/**
 * The stock routes' contract (`routes.ts`): their queries, path parameters and responses.
 * Shared pieces (error body, page, metric, parameter builders) are in `api/shared.ts`.
 */
import { z } from 'zod';
import {
  CAP_BUCKETS,
  CAP_KEYS,
  CATALOG,
  CATALOG_KEYS,
  type CatalogKey,
  EXCHANGES,
  type NumericKey,
  SORT_KEYS,
  UNIT_DESCRIPTIONS,
} from '../api/catalog.ts';
import { COMPONENT_KEYS, RANGES } from '../api/constants.ts';
import { FUNDAMENTAL_FIELDS, type MetricKey, STOCK_METRICS } from '../api/metrics.ts';
import { intParam, Metric, MetricFormat, Page } from '../api/shared.ts';
import { clip } from '../errors.ts';
import { SECTORS } from '../market/types.ts';

// ---------- responses ----------

export const ComponentScores = z
  .object({
    value: z.number(),
    quality: z.number(),
    growth: z.number(),
    momentum: z.number(),
    risk: z.number(),
    dividend: z.number(),
  })
  .meta({
    id: 'ComponentScores',
    description: 'Factor scores, each 0-100 (higher is better; risk: higher is safer).',
  });

/** One row of every stock list. */
export const StockListItem = z
  .object({
    ticker: z.string(),
    name: z.string(),
    sector: z.string(),
    industry: z.string(),
    price: z.number().nullable(),
    change: z.number().nullable(),
    change_pct: z.number().nullable().describe('Day change in percent (1.5 = +1.5 %).'),
    market_cap: z.number().nullable(),
    pe: z.number().nullable(),
    dividend_yield: z.number().nullable().describe('Fraction (0.02 = 2 %).'),
    score: z.number().nullable(),
    rank: z.number().int().nullable(),
    components: ComponentScores.nullable(),
  })
  .meta({ id: 'StockListItem' });

/**
 * One row of `GET /api/stocks`: ticker and name always; then the fields `columns=` asks for
 * (any catalog key, `GET /api/screener/metrics`), or without `columns` the default fields
 * (those of StockListItem: sector, industry, price, change, change_pct, market_cap, pe,
 * dividend_yield, score, rank, components).
 */
type RowField<K extends CatalogKey> = K extends NumericKey
  ? z.ZodOptional<z.ZodNullable<z.ZodNumber>>
  : z.ZodOptional<z.ZodString>;
export const ScreenerRow = z
  .object({
    ticker: z.string(),
    name: z.string(),
    ...(Object.fromEntries(
      CATALOG.map((m) => [
        m.key,
        (m.unit === 'text' ? z.string() : z.number().nullable())
          .optional()
          .describe(`${m.label} (${UNIT_DESCRIPTIONS[m.unit]}). ${m.description}`),
      ]),
    ) as { [K in CatalogKey]: RowField<K> }),
    components: ComponentScores.nullable().optional().describe('The component scores: default rows only.'),
  })
  .meta({ id: 'ScreenerRow' });

type NullableNumbers<K extends string> = { [P in K]: z.ZodNullable<z.ZodNumber> };
const nullableNumbers = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, z.number().nullable()])) as NullableNumbers<K>;

/** Built from the field registry (api/metrics.ts): one field per stored fundamental. */
export const Fundamentals = z
  .object(nullableNumbers(FUNDAMENTAL_FIELDS.map((f) => f.column)))
  .meta({ id: 'Fundamentals', description: 'Ratios are fractions (0.25 = 25 %).' });

const METRIC_KEYS = Object.keys(STOCK_METRICS) as MetricKey[];
export const StockMetrics = z
  .object(Object.fromEntries(METRIC_KEYS.map((k) => [k, Metric])) as { [K in MetricKey]: typeof Metric })
  .meta({
    id: 'StockMetrics',
    description: 'Indicators and published scores, each with its label and format.',
  });

const Quote = z
  .object({
    price: z.number().nullable(),
    change: z.number().nullable(),
    change_pct: z.number().nullable(),
    open: z.number().nullable(),
    day_high: z.number().nullable(),
    day_low: z.number().nullable(),
    previous_close: z.number().nullable(),
    volume: z.number().nullable(),
    avg_volume: z.number().nullable(),
    year_high: z.number().nullable(),
    year_low: z.number().nullable(),
    as_of: z.string().nullable().describe('Trading day of the quote (YYYY-MM-DD).'),
  })
  .meta({ id: 'Quote' });

const Driver = z.object({
  metric: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  format: MetricFormat,
  percentile: z.number().nullable(),
  better: z.enum(['higher', 'lower']),
});

export const Explanation = z
  .object({
    summary: z.string(),
    strengths: z.array(z.string()),
    weaknesses: z.array(z.string()),
    components: z.array(
      z.object({
        key: z.enum(COMPONENT_KEYS),
        label: z.string(),
        score: z.number(),
        weight: z.number(),
        drivers: z.array(Driver),
        note: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Explanation' });

export const StockDetail = z
  .object({
    ticker: z.string(),
    name: z.string(),
    sector: z.string(),
    industry: z.string(),
    exchange: z.string(),
    description: z.string(),
    source: z.string().describe('"sample" for the built-in sample data, "fmp" for Financial Modeling Prep.'),
    score: z.number().nullable(),
    rank: z.number().int().nullable(),
    sector_rank: z.number().int().nullable(),
    universe_size: z.number().int(),
    components: ComponentScores.nullable(),
    explanation: Explanation.nullable(),
    metrics: StockMetrics.nullable(),
    quote: Quote,
    fundamentals: Fundamentals,
    not_applicable: z
      .record(z.string(), z.string())
      .describe(
        'Fundamentals that do not apply to this company (field name → reason), e.g. gross_margin for banks ' +
          'and insurers, which have no cost of goods sold. Their value is null; show "n/a" with the reason.',
      ),
    score_as_of: z.string().nullable(),
  })
  .meta({ id: 'StockDetail' });

export const PricePoint = z
  .object({
    date: z.string(),
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    volume: z.number(),
    sma50: z.number().nullable(),
    sma200: z.number().nullable(),
    rsi14: z.number().nullable().optional().describe('RSI(14), Wilder; with `indicators=rsi`.'),
    macd: z
      .number()
      .nullable()
      .optional()
      .describe('MACD(12,26) line: EMA12 − EMA26; with `indicators=macd`.'),
    macd_signal: z.number().nullable().optional().describe('EMA9 of the MACD line; with `indicators=macd`.'),
    macd_hist: z.number().nullable().optional().describe('MACD line − signal; with `indicators=macd`.'),
    bb_upper: z
      .number()
      .nullable()
      .optional()
      .describe('Bollinger(20, 2) upper band: SMA20 + 2σ (population); with `indicators=bb`.'),
    bb_middle: z
      .number()
      .nullable()
      .optional()
      .describe('Bollinger middle band (SMA20); with `indicators=bb`.'),
    bb_lower: z
      .number()
      .nullable()
      .optional()
      .describe('Bollinger lower band: SMA20 − 2σ; with `indicators=bb`.'),
  })
  .meta({ id: 'PricePoint' });

export const PriceHistory = z
  .object({
    ticker: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    items: z.array(PricePoint),
  })
  .meta({ id: 'PriceHistory' });

const ScorePoint = z
  .object({ date: z.string(), score: z.number(), rank: z.number().int(), components: ComponentScores })
  .meta({ id: 'ScorePoint' });

export const ScoreHistory = z
  .object({ ticker: z.string(), items: z.array(ScorePoint) })
  .meta({ id: 'ScoreHistory' });

export const StockPage = Page(ScreenerRow).meta({ id: 'StockPage' });

export const TopStocks = z.object({ items: z.array(StockListItem) }).meta({ id: 'TopStocks' });

export const Leaderboard = z
  .object({
    sector: z.string().nullable(),
    items: z.array(StockListItem).describe('Present when a sector is given.'),
    groups: z
      .array(z.object({ sector: z.string(), items: z.array(StockListItem) }))
      .describe('Top stocks of every sector when no sector is given.'),
  })
  .meta({ id: 'Leaderboard' });

const SectorSummary = z.object({
  sector: z.string(),
  count: z.number().int(),
  avg_score: z.number().nullable(),
  avg_change_pct: z.number().nullable(),
  market_cap: z.number().nullable(),
  top: z.object({ ticker: z.string(), name: z.string(), score: z.number().nullable() }).nullable(),
});
export const SectorList = z.object({ items: z.array(SectorSummary) }).meta({ id: 'SectorList' });

// ---------- parameters ----------

/**
 * A ticker in a path: bounded and plain, so nothing unbounded reaches a query or a message,
 * and upper-cased, so the services get the stored form. The only ticker check: a value that
 * fails it names no stock (404).
 */
const Ticker = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/, {
    error: 'ticker: not a ticker symbol (1-16 letters, digits, "." or "-")',
  })
  .toUpperCase()
  .meta({ description: 'Ticker symbol, case-insensitive', example: 'AAPL' });

export const TickerParams = z.object({ ticker: Ticker });

/** An optional GICS sector, case-insensitive, given back in its own spelling; unknown → 400. */
export const sectorParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const match = SECTORS.find((s) => s.toLowerCase() === v.trim().toLowerCase());
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `sector: unknown sector ${clip(v)}; one of ${SECTORS.join(', ')}`,
      });
      return z.NEVER;
    }
    return match;
  })
  .meta({ description: 'A GICS sector name (case-insensitive).', example: 'Information Technology' });

/** A plain decimal number (1, -0.5, .25, 2e9); anything else (blank, hex, "Infinity") is not one. */
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A bound of a numeric metric: `<key>_min` or `<key>_max`, inclusive, in the metric's unit. */
function boundParam(key: NumericKey, side: 'min' | 'max') {
  const m = CATALOG.find((c) => c.key === key) as (typeof CATALOG)[number];
  const name = `${key}_${side}`;
  let n = z.coerce.number({ error: `${name}: must be a number` });
  if (m.unit === 'score')
    n = n
      .min(0, { error: `${name}: must be at least 0 (scores are 0-100)` })
      .max(100, { error: `${name}: must be at most 100 (scores are 0-100)` });
  return z
    .preprocess((v) => (typeof v === 'string' && !DECIMAL.test(v) ? Number.NaN : v), n)
    .optional()
    .meta({
      description:
        `${side === 'min' ? 'Lowest' : 'Highest'} ${m.label}, inclusive, in ${UNIT_DESCRIPTIONS[m.unit]}; ` +
        `a stock without a value is left out. ${m.description}`,
    });
}
type BoundParam = ReturnType<typeof boundParam>;
type BoundShape = { [K in NumericKey as `${K}_min` | `${K}_max`]: BoundParam };

const NUMERIC = CATALOG.filter((m) => m.unit !== 'text').map((m) => m.key as NumericKey);
const boundShape = Object.fromEntries(
  NUMERIC.flatMap((k) => [
    [`${k}_min`, boundParam(k, 'min')],
    [`${k}_max`, boundParam(k, 'max')],
  ]),
) as BoundShape;

/**
 * A comma-separated list parameter: each value trimmed. With `allowed`, each must be one of
 * them (case-insensitive) and comes out spelled as listed, once; else as given.
 */
function listParam<T extends string>(
  name: string,
  what: string,
  allowed: readonly T[] | null,
  hint?: string,
) {
  const canonical = new Map<string, T>((allowed ?? []).map((a) => [a.toLowerCase(), a]));
  return z
    .string()
    .max(4000, { error: `${name}: at most 4000 characters` })
    .optional()
    .transform((v, ctx): T[] | undefined => {
      if (v === undefined) return undefined;
      const parts = v
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (parts.length === 0) return undefined;
      // Free text is kept part by part: a name may hold a comma (the screen joins the parts back).
      if (!allowed) return parts as T[];
      const out: T[] = [];
      for (const p of parts) {
        const match = canonical.get(p.toLowerCase());
        if (match === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `${name}: unknown ${what} ${clip(p)}; ${hint ?? `one of ${allowed.join(', ')}`}`,
          });
          return z.NEVER;
        }
        if (!out.includes(match)) out.push(match);
      }
      return out;
    });
}

export const StockListQuery = z
  .object({
    page: intParam('page', 1, 1, 100_000),
    limit: intParam('limit', 20, 1, 100).describe('Items per page (`size` is accepted as its older name).'),
    q: z
      .string()
      .trim()
      .max(100, { error: 'q: at most 100 characters' })
      .optional()
      .describe('Ticker or name search.'),
    columns: listParam(
      'columns',
      'column',
      CATALOG_KEYS,
      'the columns are the keys of GET /api/screener/metrics',
    ).describe(
      'Comma-separated metric keys (`GET /api/screener/metrics`): each row carries ticker, name and these ' +
        'fields, in this order. Without it a row carries the default fields (sector, industry, price, change, ' +
        'change_pct, market_cap, pe, dividend_yield, score, rank, components).',
    ),
    sector: listParam('sector', 'sector', SECTORS).meta({
      description: 'GICS sector names (case-insensitive), comma-separated: a stock in any of them.',
      example: 'Information Technology',
    }),
    industry: listParam<string>('industry', 'industry', null).describe(
      'GICS sub-industries, exactly as stocks carry them (case-insensitive), comma-separated: a stock in any of ' +
        'them. A name that holds a comma ("Technology Hardware, Storage & Peripherals") is written as it is.',
    ),
    exchange: listParam('exchange', 'exchange', EXCHANGES).describe(
      `Listing exchanges, comma-separated (${EXCHANGES.join(', ')}).`,
    ),
    cap: listParam('cap', 'market-cap bucket', CAP_KEYS).describe(
      `finviz's market-cap buckets, comma-separated: a stock in any of them. ${CAP_BUCKETS.map((b) => `${b.key}: ${b.label}`).join('; ')}. Each bucket includes its lower bound and excludes its upper one.`,
    ),
    ...boundShape,
    sort: z
      .enum(SORT_KEYS, { error: 'sort: must be ticker, name or a metric key of GET /api/screener/metrics' })
      .default('score')
      .describe('ticker, name or any metric key. Stocks without a value come last, whichever the order.'),
    order: z
      .enum(['asc', 'desc'], { error: 'order: must be asc or desc' })
      .optional()
      .describe('Default: ascending for text, ticker, name and rank; descending for the other numbers.'),
  })
  .superRefine((q, ctx) => {
    for (const key of NUMERIC) {
      const min = q[`${key}_min`];
      const max = q[`${key}_max`];
      if (min !== undefined && max !== undefined && min > max)
        ctx.addIssue({
          code: 'custom',
          message: `${key}_min: must not exceed ${key}_max`,
          path: [`${key}_min`],
        });
    }
  });
export const LimitQuery = z.object({ limit: intParam('limit', 10, 1, 100) });
export const LeaderboardQuery = z.object({ limit: intParam('limit', 10, 1, 100), sector: sectorParam });

const isoDate = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${name}: must be a date YYYY-MM-DD` })
    .refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      {
        error: `${name}: not a real calendar date`,
      },
    )
    .optional();
/** The indicator series `GET /api/stocks/{ticker}/prices` adds on request. */
const PRICE_INDICATORS = ['rsi', 'macd', 'bb'] as const;
export type PriceIndicator = (typeof PRICE_INDICATORS)[number];

export const PriceQuery = z
  .object({
    range: z.enum(RANGES, { error: `range: must be one of ${RANGES.join(', ')}` }).optional(),
    from: isoDate('from'),
    to: isoDate('to'),
    indicators: listParam('indicators', 'indicator', PRICE_INDICATORS).describe(
      'Indicator series to add to every point, comma-separated: `rsi` (RSI 14), `macd` (MACD 12, 26, 9), ' +
        '`bb` (Bollinger bands 20, 2). Computed over the whole history, so the first days of a range have theirs.',
    ),
  })
  .refine((q) => !(q.range && (q.from || q.to)), {
    error: 'range: use either range or from/to, not both',
    path: ['range'],
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from: must not be after to', path: ['from'] });
export const ScoreHistoryQuery = z.object({ limit: intParam('limit', 365, 1, 2000) });

// ---------- inferred types for the services, handlers and the client ----------
export type StockListQuery = z.infer<typeof StockListQuery>;
export type LimitQuery = z.infer<typeof LimitQuery>;
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;
export type PriceQuery = z.infer<typeof PriceQuery>;
export type ScoreHistoryQuery = z.infer<typeof ScoreHistoryQuery>;
export type ComponentScores = z.infer<typeof ComponentScores>;
export type StockListItem = z.infer<typeof StockListItem>;
export type ScreenerRow = z.infer<typeof ScreenerRow>;
export type StockDetail = z.infer<typeof StockDetail>;
export type StockPage = z.infer<typeof StockPage>;
export type TopStocks = z.infer<typeof TopStocks>;
export type Leaderboard = z.infer<typeof Leaderboard>;
export type SectorList = z.infer<typeof SectorList>;
export type PricePoint = z.infer<typeof PricePoint>;
export type PriceHistory = z.infer<typeof PriceHistory>;
export type ScoreHistory = z.infer<typeof ScoreHistory>;
export type Explanation = z.infer<typeof Explanation>;
export type StockMetricsBody = z.infer<typeof StockMetrics>;
