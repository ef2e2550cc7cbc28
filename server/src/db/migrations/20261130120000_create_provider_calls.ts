import type { Knex } from 'knex';

// The daily count of HTTP calls made to a market-data provider (FMP's free tier allows 250 a
// day and sends no rate-limit headers), kept in the database so restarts do not reset it.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('provider_calls', (t) => {
    t.string('provider', 32).notNullable();
    t.string('day', 10).notNullable().comment('New York calendar date, YYYY-MM-DD');
    t.integer('calls').notNullable().defaultTo(0);
    t.string('updated_at', 32).notNullable();
    t.primary(['provider', 'day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('provider_calls');
}
