/** The job routes' contract (`routes.ts`): each scheduled job's status. */
import { z } from 'zod';

/** GET /api/system/jobs (built with the job worker): each scheduled job's last and next run. */
export const JobStatus = z.object({
  name: z.string(),
  schedule: z.string().describe('Human-readable schedule, e.g. "hourly 10:00-16:00 ET, trading days".'),
  last_run_at: z.string().nullable(),
  last_finished_at: z.string().nullable(),
  last_status: z.enum(['succeeded', 'failed', 'running']).nullable(),
  last_error: z
    .string()
    .nullable()
    .describe('What made the latest run fail, for people (null unless it failed).'),
  last_error_code: z
    .string()
    .nullable()
    .describe(
      "The failed run's stable code when it has one (e.g. provider_timeout, provider_auth, provider_body_too_large).",
    ),
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

export type JobStatus = z.infer<typeof JobStatus>;
export type JobList = z.infer<typeof JobList>;
