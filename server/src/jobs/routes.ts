/** Job routes: `GET /api/system/jobs` (validate → status → body). */
import { type RouteDef, route } from '../http/route.ts';
import * as s from './schemas.ts';
import type { JobStatusSource } from './status.ts';

export function jobRoutes(status: JobStatusSource): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/system/jobs',
      operationId: 'listJobs',
      summary: "Background jobs: each one's schedule, last and next run, failures and progress",
      tags: ['system'],
      response: s.JobList,
      admin: true,
      handler: () => status.list(),
    }),
  ];
}
