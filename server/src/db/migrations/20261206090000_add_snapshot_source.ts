import type { Knex } from 'knex';

// Where each score snapshot came from: `live` (recorded from the scores of the day, as the
// refresh computed them) or `backfill` (recomputed later, point in time, from the prices and
// the financials known at that date). The backtest page says which it uses.
//
// Expand only: a new column with a default, so a release that does not know it goes on
// reading and writing snapshots (its rows are `live`, which is what it records).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('score_snapshots', (t) => {
    t.string('source', 8).notNullable().defaultTo('live');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('score_snapshots', (t) => {
    t.dropColumn('source');
  });
}
