/** Seeding for tests: the real seed over the real ingest use case, with a quiet logger. */
import type { Knex } from 'knex';
import { createBasicMemoryCache } from '../src/cache/basic-memory.ts';
import type { Cache } from '../src/cache/types.ts';
import { type Clock, systemClock } from '../src/clock.ts';
import { type SeedDeps, type SeedOptions, type SeedResult, seedSampleData } from '../src/db/seed.ts';
import { createLogger } from '../src/logger.ts';
import { createIngestService } from '../src/market/ingest.ts';

export function seedDeps(db: Knex, options: { cache?: Cache; clock?: Clock } = {}): SeedDeps {
  const clock = options.clock ?? systemClock;
  const cache = options.cache ?? createBasicMemoryCache({ clock });
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
