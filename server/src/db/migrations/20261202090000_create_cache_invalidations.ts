import type { Knex } from 'knex';

// The cache's invalidation bus when Redis is off (cache/db-bus.ts): each process appends the
// patterns it invalidates, and every process polls for rows newer than the last it saw and
// drops the matching keys from its in-process tier. Rows are pruned after a few minutes
// (a handful of rows at any time: the poll reads by primary key, pruning scans).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cache_invalidations', (t) => {
    t.increments('id').primary();
    t.string('pattern', 512).notNullable().comment('glob over cache keys, as given to invalidate()');
    t.string('origin', 36).notNullable().comment('the writing process, which skips its own rows');
    t.bigInteger('at').notNullable().comment('epoch ms of the write; old rows are pruned');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cache_invalidations');
}
