/**
 * The system routes' contract: `/health` (served by `http/health.ts`) and the cache's
 * statistics (`routes.ts`).
 */
import { z } from 'zod';
import type { CacheStats as CacheReport } from '../cache/types.ts';

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

/**
 * GET /api/system/cache: hit/miss statistics of the cache the services use, since the
 * process started: the cache's own report (`cache/types.ts`), which may not import the
 * contract; `satisfies` here and the route's typed handler keep the two in step.
 */
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
          bytes: z
            .number()
            .int()
            .describe(
              'Memory the entries take (their objects, JSON bytes and bookkeeping), as the byte bound counts it.',
            ),
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
  .meta({ id: 'CacheStats' }) satisfies z.ZodType<CacheReport>;

export type Health = z.infer<typeof Health>;
export type CacheStats = z.infer<typeof CacheStats>;
