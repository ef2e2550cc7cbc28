/** `invalidate-cache`: drop cached answers by pattern; queued by other jobs or an admin. */
import { backoffStrategies } from 'agenda';
import type { JobModule } from './types.ts';

const MAX_RETRIES = 3;

export interface InvalidateCacheData {
  pattern?: string;
}

/** The pattern used when none is given: every stock-derived answer. */
const DEFAULT_INVALIDATE_PATTERN = 'stocks:*';

export const invalidateCache: JobModule<InvalidateCacheData> = {
  name: 'invalidate-cache',
  description: 'Drop cached answers matching a pattern (default stocks:*)',
  schedule: null,
  options: {
    lockLifetimeMs: 60_000,
    concurrency: 2,
    maxRetries: MAX_RETRIES,
    backoff: backoffStrategies.exponential({ delay: 5_000, maxRetries: MAX_RETRIES, factor: 2, jitter: 0.1 }),
  },
  async run({ data, deps }) {
    const pattern = data?.pattern?.trim() || DEFAULT_INVALIDATE_PATTERN;
    await deps.invalidate(pattern);
    deps.log.info({ pattern }, `invalidated ${pattern}`);
  },
};
