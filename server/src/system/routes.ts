/**
 * System routes: the cache's statistics (`GET /api/system/cache`). The jobs' status,
 * `GET /api/system/jobs`, is served by `jobs/routes.ts`.
 */
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import { CacheStats } from './schemas.ts';

export function systemRoutes({ cache }: Pick<AppDeps, 'cache'>): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/system/cache',
      operationId: 'cacheStats',
      summary: "The cache's hits, misses and hit rate since start, per tier, and its Redis status",
      tags: ['system'],
      response: CacheStats,
      admin: true,
      database: 'none',
      handler: () => cache.stats(),
    }),
  ];
}
