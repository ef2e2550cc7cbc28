/** Seeding for tests: the real seed over the real ingest use case, with a quiet logger. */
import type { Knex } from 'knex';
import type { Cache } from '../src/cache/types.ts';
import { type Clock, systemClock } from '../src/clock.ts';
import { type SeedDeps, type SeedOptions, type SeedResult, seedSampleData } from '../src/ingest/seed.ts';
import { createIngestService } from '../src/ingest/service.ts';
import { createLogger } from '../src/logger.ts';
import { memoryCache } from './cache.ts';

export function seedDeps(db: Knex, options: { cache?: Cache; clock?: Clock } = {}): SeedDeps {
  const clock = options.clock ?? systemClock;
  const cache = options.cache ?? memoryCache();
  return {
    db,
    clock,
    ingest: createIngestService({ db, cache, clock, logger: createLogger({ level: 'silent' }) }),
  };
}

/** Seed `db` with the sample universe (see seedSampleData). */
export function seed(db: Knex, options: SeedOptions): Promise<SeedResult> {
  return seedSampleData(seedDeps(db), options);
}
