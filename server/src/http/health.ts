/**
 * GET /health: liveness with a database check, the cache's check and the loaded data set's
 * facts. Checking the database is this route's job, so it reads the connection itself. A
 * cache whose Redis tier is down makes the service `degraded` (HTTP 200: requests still
 * answer, from the in-process tier or the database); a database that is down, `unhealthy` (503).
 */

import { z } from 'zod';
import { DATABASE_RETRY_AFTER_S } from '../db/availability.ts';
import { checkConnection } from '../db/knex.ts';
import { migrationStatus } from '../db/migrate.ts';
import { publicReason } from '../errors.ts';
import { countStocks, datasetInfo } from '../market/repository.ts';
import { Health } from '../system/schemas.ts';
import { VERSION } from '../version.ts';
import type { AppDeps } from './deps.ts';
import { type RouteDef, route } from './route.ts';

/** Whether the process is shutting down: `/readyz` fails (503) from the moment it is. */
export interface Readiness {
  shuttingDown: boolean;
}

const Livez = z.object({ status: z.literal('ok') }).meta({ id: 'Livez' });

const Readyz = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      database: z.enum(['up', 'down']),
      migrations: z.enum(['applied', 'pending', 'unknown']),
      shutting_down: z.boolean(),
    }),
  })
  .meta({ id: 'Readyz' });

/**
 * GET /livez (the process answers; no dependency is checked) and GET /readyz (the database
 * answers, no migration is pending, the process is not shutting down): what an orchestrator
 * restarts on, and what it routes traffic on.
 */
export function probeRoutes({ db }: Pick<AppDeps, 'db'>, readiness: Readiness): RouteDef[] {
  // Once every migration is applied, it stays so for this process's code.
  let migrated = false;
  return [
    route({
      method: 'get',
      path: '/livez',
      operationId: 'livez',
      summary: 'Liveness: the process answers (no dependency is checked)',
      tags: ['system'],
      response: Livez,
      database: 'none',
      handler: () => ({ status: 'ok' as const }),
    }),
    route({
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      summary:
        'Readiness: the database answers, no migration is pending, the process is not shutting down; 503 otherwise',
      tags: ['system'],
      response: Readyz,
      database: 'reports',
      errors: { 503: 'Not ready (the body is still a Readyz document)' },
      handler: async ({ ctx }): Promise<z.infer<typeof Readyz>> => {
        let database: 'up' | 'down' = 'down';
        let migrations: 'applied' | 'pending' | 'unknown' = 'unknown';
        if (!readiness.shuttingDown) {
          try {
            await checkConnection(db);
            database = 'up';
            if (!migrated) migrated = (await migrationStatus(db)).pending.length === 0;
            migrations = migrated ? 'applied' : 'pending';
          } catch {
            // database stays down; migrations unknown
          }
        }
        const ready = !readiness.shuttingDown && database === 'up' && migrations === 'applied';
        if (!ready) {
          ctx.status = 503;
          ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_S));
        }
        return {
          status: ready ? 'ready' : 'not_ready',
          checks: { database, migrations, shutting_down: readiness.shuttingDown },
        };
      },
    }),
  ];
}

/** `uptime_s` counts on the process's clock from when the routes are built (the app's start). */
export function healthRoutes({
  db,
  config,
  cache,
  clock,
}: Pick<AppDeps, 'db' | 'config' | 'cache' | 'clock'>): RouteDef[] {
  const startedAt = clock.now().getTime();
  return [
    route({
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary:
        'Service health: database and cache checks, data set facts; degraded (200) without Redis, 503 when the database is unreachable',
      tags: ['system'],
      response: Health,
      database: 'reports',
      errors: { 503: 'Unhealthy: the database is unreachable (the body is still a Health document)' },
      handler: async ({ ctx }): Promise<Health> => {
        const uptime_s = Math.round((clock.now().getTime() - startedAt) / 1000);
        const cacheHealth = await cache.health();
        try {
          const latency = await checkConnection(db);
          const [info, stocks] = await Promise.all([datasetInfo(db), countStocks(db)]);
          return {
            status: cacheHealth.status === 'ok' ? 'healthy' : 'degraded',
            version: VERSION,
            uptime_s,
            checks: {
              database: {
                status: 'up',
                latency_ms: Math.round(latency * 100) / 100,
                detail: config.database.client,
              },
              cache: cacheHealth.check,
            },
            data: {
              source: info.source ?? 'none',
              sample: (info.source ?? 'sample') === 'sample',
              as_of: info.data_as_of ?? null,
              stocks,
              scores_computed_at: info.scores_computed_at ?? null,
            },
          };
        } catch (err) {
          ctx.status = 503;
          ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_S));
          return {
            status: 'unhealthy',
            version: VERSION,
            uptime_s,
            // A code only: the driver's message names the host and port (the log has it).
            checks: {
              database: {
                status: 'down',
                detail: `unreachable (${publicReason((err as { cause?: unknown }).cause ?? err)})`,
              },
              cache: cacheHealth.check,
            },
          };
        }
      },
    }),
  ];
}
