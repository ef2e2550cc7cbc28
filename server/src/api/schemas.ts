/**
 * The HTTP contract: zod schemas for every query and response. The same schemas validate
 * requests, type the handlers, generate /openapi.json and type the client (which imports
 * the inferred types from here), so the four cannot drift apart.
 */
import { z } from 'zod';
import { SECTORS } from '../market/types.ts';
import { COMPONENT_KEYS, RANGES, SORT_COLUMNS } from './constants.ts';
import { FUNDAMENTAL_FIELDS, METRIC_FORMATS, type MetricKey, STOCK_METRICS } from './metrics.ts';

export { COMPONENT_KEYS, type ComponentKey, RANGES, SORT_COLUMNS } from './constants.ts';

// ---------- shared pieces ----------

/**
 * A value from the request, quoted and cut to `max` characters, for error messages:
 * never echo unbounded input.
 */
export function clip(value: string, max = 32): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'invalid_parameter' }),
      message: z.string().meta({ example: 'limit: must be at most 100' }),
    }),
  })
  .meta({ id: 'Error' });

export const SectorName = z.enum(SECTORS).meta({ id: 'Sector' });

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

type NullableNumbers<K extends string> = { [P in K]: z.ZodNullable<z.ZodNumber> };
const nullableNumbers = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, z.number().nullable()])) as NullableNumbers<K>;

/** Built from the field registry (api/metrics.ts): one field per stored fundamental. */
export const Fundamentals = z
  .object(nullableNumbers(FUNDAMENTAL_FIELDS.map((f) => f.column)))
  .meta({ id: 'Fundamentals', description: 'Ratios are fractions (0.25 = 25 %).' });

export const MetricFormat = z.enum(METRIC_FORMATS).meta({
  id: 'MetricFormat',
  description:
    'How to show the value: pct = a fraction as a percentage, x = a multiple, money = USD, ' +
    'big_money = USD in K/M/B/T, int = a count, num = a plain number, score = a 0-100 score, ' +
    'text = a word shown as it is (the value is a string).',
});

export const Metric = z
  .object({
    label: z.string(),
    value: z.union([z.number(), z.string()]).nullable().describe('A string only for format text.'),
    format: MetricFormat,
  })
  .meta({ id: 'Metric' });

const METRIC_KEYS = Object.keys(STOCK_METRICS) as MetricKey[];
export const StockMetrics = z
  .object(Object.fromEntries(METRIC_KEYS.map((k) => [k, Metric])) as { [K in MetricKey]: typeof Metric })
  .meta({
    id: 'StockMetrics',
    description: 'Indicators and published scores, each with its label and format.',
  });

export const Quote = z
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

export const Driver = z.object({
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

export const ScorePoint = z
  .object({ date: z.string(), score: z.number(), rank: z.number().int(), components: ComponentScores })
  .meta({ id: 'ScorePoint' });

export const ScoreHistory = z
  .object({ ticker: z.string(), items: z.array(ScorePoint) })
  .meta({ id: 'ScoreHistory' });

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    limit: z.number().int().describe('Items per page.'),
    size: z.number().int().describe('Same as limit (its older name).'),
    total: z.number().int(),
    pages: z.number().int(),
  });

export const StockPage = Page(StockListItem).meta({ id: 'StockPage' });

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

export const StrategyMatch = z.object({
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

export const SectorSummary = z.object({
  sector: z.string(),
  count: z.number().int(),
  avg_score: z.number().nullable(),
  avg_change_pct: z.number().nullable(),
  market_cap: z.number().nullable(),
  top: z.object({ ticker: z.string(), name: z.string(), score: z.number().nullable() }).nullable(),
});
export const SectorList = z.object({ items: z.array(SectorSummary) }).meta({ id: 'SectorList' });

export const Health = z
  .object({
    status: z.enum(['healthy', 'degraded', 'unhealthy']),
    version: z.string(),
    uptime_s: z.number(),
    checks: z.record(
      z.string(),
      z.object({
        status: z.enum(['up', 'down', 'disabled']),
        latency_ms: z.number().optional(),
        detail: z.string().optional(),
      }),
    ),
    data: z
      .object({
        source: z.string(),
        sample: z.boolean(),
        as_of: z.string().nullable(),
        stocks: z.number().int(),
        scores_computed_at: z.string().nullable(),
      })
      .optional(),
  })
  .meta({ id: 'Health' });

/** GET /api/system/cache: hit/miss statistics of the cache the services use, since the process started. */
export const CacheStats = z
  .object({
    backend: z.enum(['redis', 'memory', 'none']),
    status: z.enum(['up', 'down', 'disabled']),
    hits: z.number().int(),
    misses: z.number().int(),
    hit_rate: z.number().nullable().describe('hits / (hits + misses), a fraction; null before any lookup.'),
    keys: z.number().int().nullable(),
    since: z.string().describe('When the counters started (ISO-8601).'),
    bypasses: z
      .number()
      .int()
      .optional()
      .describe('Lookups answered by the loader without storing (the shared tier unreachable).'),
    tiers: z
      .object({
        memory: z.object({
          hits: z.number().int(),
          entries: z.number().int(),
          max_entries: z.number().int(),
          bytes: z.number().int().describe('Serialized size of the entries held.'),
          max_bytes: z.number().int(),
        }),
        redis: z
          .object({
            hits: z.number().int(),
            status: z.enum(['up', 'down']),
            error: z.string().nullable().describe('Why the tier is down; null when up.'),
          })
          .nullable()
          .describe('null when REDIS_ENABLED is false.'),
      })
      .optional()
      .describe('Per-tier figures: a hit is counted in the tier that answered it.'),
  })
  .meta({ id: 'CacheStats' });

/** GET /api/system/jobs (built with the job worker): each scheduled job's last and next run. */
export const JobStatus = z.object({
  name: z.string(),
  schedule: z.string().describe('Human-readable schedule, e.g. "hourly 10:00-16:00 ET, trading days".'),
  last_run_at: z.string().nullable(),
  last_finished_at: z.string().nullable(),
  last_status: z.enum(['succeeded', 'failed', 'running']).nullable(),
  last_error: z.string().nullable(),
  next_run_at: z.string().nullable(),
  failures: z.number().int().describe('Consecutive failures of the latest runs.'),
  retries_exhausted: z
    .boolean()
    .describe('The latest run failed and used up its retries (shown until a run succeeds).'),
  progress: z.number().min(0).max(100).nullable().describe('Percent done of the running job, else null.'),
  data_source: z
    .string()
    .nullable()
    .describe('Where the job reads market data from (sample, fmp); null for other jobs.'),
});
export const JobList = z.object({ items: z.array(JobStatus) }).meta({ id: 'JobList' });

/** GET /api/market/status: whether the NYSE regular session is open, and when that changes. */
export const MarketStatus = z
  .object({
    at: z.string().describe('The instant asked about (ISO-8601, UTC).'),
    date: z.string().describe('Its exchange-local date (America/New_York), YYYY-MM-DD.'),
    time_zone: z.literal('America/New_York'),
    is_open: z.boolean(),
    reason: z
      .enum(['weekend', 'holiday', 'pre_market', 'after_hours', 'early_close'])
      .nullable()
      .describe('Why the market is closed; null while open.'),
    holiday: z.string().nullable().describe("The holiday's name when reason is holiday."),
    message: z.string().describe('One line for people, e.g. "Closed for Thanksgiving Day".'),
    session: z
      .object({
        date: z.string(),
        open: z.string().describe('Opening instant (ISO-8601, UTC).'),
        close: z.string().describe('Closing instant (ISO-8601, UTC).'),
        early_close: z.boolean().describe('Closes at 13:00 New York time.'),
      })
      .nullable()
      .describe("The day's regular session; null when the exchange does not trade that day."),
    next_open: z.string().describe('The next opening after `at` (ISO-8601, UTC).'),
    next_close: z.string().describe('The next closing after `at` (ISO-8601, UTC).'),
  })
  .meta({ id: 'MarketStatus' });

// ---------- queries ----------

/** A ticker in a path: bounded and plain, so nothing unbounded reaches a query or a message. */
export const Ticker = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/, {
    error: 'ticker: not a ticker symbol (1-16 letters, digits, "." or "-")',
  })
  .meta({ description: 'Ticker symbol, case-insensitive', example: 'AAPL' });

const intParam = (name: string, def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name}: must be a whole number` })
    .int({ error: `${name}: must be a whole number` })
    .min(min, { error: `${name}: must be at least ${min}` })
    .max(max, { error: `${name}: must be at most ${max}` })
    .default(def);

const numParam = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name}: must be a number` })
    .min(min, { error: `${name}: must be at least ${min}` })
    .max(max, { error: `${name}: must be at most ${max}` })
    .optional();

const sectorParam = z
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

export const StockListQuery = z
  .object({
    page: intParam('page', 1, 1, 100_000),
    limit: intParam('limit', 20, 1, 100).describe('Items per page (`size` is accepted as its older name).'),
    sector: sectorParam,
    q: z
      .string()
      .trim()
      .max(100, { error: 'q: at most 100 characters' })
      .optional()
      .describe('Ticker or name search.'),
    min_score: numParam('min_score', 0, 100),
    max_score: numParam('max_score', 0, 100),
    sort: z.enum(SORT_COLUMNS, { error: `sort: must be one of ${SORT_COLUMNS.join(', ')}` }).default('score'),
    order: z.enum(['asc', 'desc'], { error: 'order: must be asc or desc' }).optional(),
  })
  .refine((q) => q.min_score === undefined || q.max_score === undefined || q.min_score <= q.max_score, {
    error: 'min_score: must not exceed max_score',
    path: ['min_score'],
  });
export type StockListQuery = z.infer<typeof StockListQuery>;

export const LimitQuery = z.object({ limit: intParam('limit', 10, 1, 100) });
export const LeaderboardQuery = z.object({ limit: intParam('limit', 10, 1, 100), sector: sectorParam });
export const StrategyQuery = z.object({ limit: intParam('limit', 25, 1, 500) });

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
export const PriceQuery = z
  .object({
    range: z.enum(RANGES, { error: `range: must be one of ${RANGES.join(', ')}` }).optional(),
    from: isoDate('from'),
    to: isoDate('to'),
  })
  .refine((q) => !(q.range && (q.from || q.to)), {
    error: 'range: use either range or from/to, not both',
    path: ['range'],
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from: must not be after to', path: ['from'] });
export const ScoreHistoryQuery = z.object({ limit: intParam('limit', 365, 1, 2000) });

/** An ISO-8601 instant with an explicit offset (Z or ±hh:mm), e.g. 2026-11-27T15:00:00Z. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/i;
/** True for a real instant: the date and time read back unchanged (no Feb 30, no 24:00). */
function isIsoInstant(v: string): boolean {
  const m = ISO_INSTANT.exec(v);
  const ms = Date.parse(v);
  if (!m || Number.isNaN(ms)) return false;
  const offset =
    m[2].toUpperCase() === 'Z' ? 0 : (m[3] === '-' ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
  return new Date(ms + offset * 60_000).toISOString().slice(0, 16) === m[1].toUpperCase();
}
export const MarketStatusQuery = z.object({
  at: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || isIsoInstant(v), {
      error: 'at: must be an ISO-8601 instant with an offset, e.g. 2026-11-27T15:00:00Z',
    })
    .meta({ description: 'The instant to ask about (default: now).', example: '2026-11-27T15:00:00Z' }),
});

// ---------- inferred types for handlers and the client ----------
export type ErrorBody = z.infer<typeof ErrorBody>;
export type StockListItem = z.infer<typeof StockListItem>;
export type StockDetail = z.infer<typeof StockDetail>;
export type StockPage = z.infer<typeof StockPage>;
export type TopStocks = z.infer<typeof TopStocks>;
export type Leaderboard = z.infer<typeof Leaderboard>;
export type StrategySummary = z.infer<typeof StrategySummary>;
export type StrategyList = z.infer<typeof StrategyList>;
export type StrategyMatch = z.infer<typeof StrategyMatch>;
export type StrategyResult = z.infer<typeof StrategyResult>;
export type SectorSummary = z.infer<typeof SectorSummary>;
export type SectorList = z.infer<typeof SectorList>;
export type PricePoint = z.infer<typeof PricePoint>;
export type PriceHistory = z.infer<typeof PriceHistory>;
export type ScorePoint = z.infer<typeof ScorePoint>;
export type ScoreHistory = z.infer<typeof ScoreHistory>;
export type Health = z.infer<typeof Health>;
export type CacheStats = z.infer<typeof CacheStats>;
export type JobStatus = z.infer<typeof JobStatus>;
export type JobList = z.infer<typeof JobList>;
export type MarketStatus = z.infer<typeof MarketStatus>;
export type Explanation = z.infer<typeof Explanation>;
export type ComponentScores = z.infer<typeof ComponentScores>;
export type Metric = z.infer<typeof Metric>;
export type MetricFormat = z.infer<typeof MetricFormat>;
export type StockMetricsBody = z.infer<typeof StockMetrics>;
export type FundamentalsBody = z.infer<typeof Fundamentals>;
export type QuoteBody = z.infer<typeof Quote>;
