import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/** What the HTTP layer is built from; tests pass their own. */
export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
}
