/**
 * The concrete JobDeps for the worker. The data side (the ingest use case and the cache)
 * is connected here; until it is, the data jobs fail loudly (and retry) instead of
 * pretending to have refreshed anything.
 */
import type { Logger } from '../logger.ts';
import type { JobDeps } from './types.ts';

export class NotWiredError extends Error {
  constructor(what: string) {
    super(`${what} is not connected to the worker yet`);
    this.name = 'NotWiredError';
  }
}

/** JobDeps whose data functions are not connected yet. */
export function unwiredJobDeps(log: Logger): JobDeps {
  return {
    ingest: async () => {
      throw new NotWiredError('the ingest use case');
    },
    snapshot: async () => {
      throw new NotWiredError('the score snapshot');
    },
    invalidate: async () => {
      throw new NotWiredError('the cache');
    },
    log,
  };
}
