/**
 * What a job module is, and what jobs may call. Jobs get their data access as injected
 * functions (`JobDeps`), so the worker's composition root decides what backs them.
 */
import type { BackoffStrategy } from 'agenda';
import type { Logger } from '../logger.ts';
import type { Schedule } from './schedule.ts';

interface IngestProgress {
  phase: string;
  done: number;
  total: number;
}

interface RefreshSummary {
  /** The provider the data came from ('sample', 'fmp'). */
  source: string;
  /** Stocks written. */
  stocks: number;
  /** The trading day the data is as of (YYYY-MM-DD). */
  asOf: string;
}

/** The functions jobs call; the worker wires concrete ones (ingest use case, cache). */
export interface JobDeps {
  /**
   * Fetch the universe from the configured provider and write it through the ingest use
   * case (one transaction per batch), recompute the scores and invalidate what changed.
   */
  ingest(options: { onProgress?: (p: IngestProgress) => void }): Promise<RefreshSummary>;
  /** Record one score snapshot per stock for a trading day; running it again changes nothing. */
  snapshot(options: { tradingDay: string }): Promise<{ rows: number }>;
  /** Drop cached answers whose keys match a glob pattern (e.g. `stocks:*`). */
  invalidate(pattern: string): Promise<void>;
  log: Logger;
}

interface JobContext<DATA> {
  data: DATA;
  deps: JobDeps;
  /** When this run started (the worker's clock). */
  now: Date;
  /** Report progress, 0–100 (kept in the job store: the status endpoint and Agendash show it). */
  progress(percent: number): Promise<void>;
}

interface JobOptions {
  /** How long a run may hold its lock before another worker may take the job over (ms). */
  lockLifetimeMs: number;
  /** Runs of this job at once per worker. */
  concurrency: number;
  priority?: number;
  /** Retries after a failure; after this many the failure is final for this occurrence. */
  maxRetries: number;
  backoff: BackoffStrategy;
}

/** One job: name, schedule (none: on demand only), options and an idempotent run. */
export interface JobModule<DATA = Record<string, unknown>> {
  name: string;
  description: string;
  schedule: Schedule | null;
  options: JobOptions;
  /** Safe to run twice for one occurrence (after a crash, the job runs again). */
  run(ctx: JobContext<DATA>): Promise<void>;
}
