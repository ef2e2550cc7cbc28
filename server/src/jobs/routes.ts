/** Job routes: `GET /api/system/jobs` (validate → status → body). */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { DatabaseTarget } from '../config.ts';
import { type RouteDef, route } from '../http/route.ts';
import { JOBS } from './registry.ts';
import * as s from './schemas.ts';
import { jobStatus } from './status.ts';
import { createJobBackend, isMissingJobTable } from './store.ts';

export interface JobStatusSource {
  list(): Promise<s.JobList>;
  close(): Promise<void>;
}

/**
 * Read job status from the job store without running Agenda (the API is not a worker):
 * the store's repository is connected on first use (no LISTEN on Postgres).
 */
export function createJobStatusSource(options: {
  target: DatabaseTarget;
  db: Knex;
  source: string;
  clock: Clock;
}): JobStatusSource {
  const backend = createJobBackend(options.target, options.db, { notifications: false });
  let connected: Promise<void> | undefined;
  return {
    async list() {
      connected ??= backend.connect().catch((err) => {
        connected = undefined;
        throw err;
      });
      try {
        await connected;
        return await jobStatus(backend.repository, JOBS, { source: options.source, clock: options.clock });
      } catch (err) {
        // Postgres before any worker started: no job table yet, so nothing has run.
        if (!isMissingJobTable(err)) throw err;
        connected = undefined;
        return jobStatus({ queryJobs: async () => ({ jobs: [], total: 0 }) }, JOBS, {
          source: options.source,
          clock: options.clock,
        });
      }
    },
    async close() {
      if (connected) await backend.disconnect();
    },
  };
}

export function jobRoutes(status: JobStatusSource): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/system/jobs',
      operationId: 'listJobs',
      summary: "Background jobs: each one's schedule, last and next run, failures and progress",
      tags: ['system'],
      response: s.JobList,
      handler: () => status.list(),
    }),
  ];
}
