import type { Knex } from 'knex';

// Each stock's trailing price window (its last ~13 months of daily bars in one compact row),
// kept by the ingest beside daily_prices, so a refresh scores 5,000 stocks from 5,000 rows
// instead of re-reading 1.4 million bars. daily_prices stays the record; a window is rebuilt
// from it when missing.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('price_windows', (t) => {
    t.string('ticker', 16).primary().references('ticker').inTable('stocks').onDelete('CASCADE');
    t.date('last_date').notNullable().comment('date of the last bar in the window');
    t.binary('bars').notNullable().comment('float64 array: n, day numbers, open, high, low, close, volume');
    t.string('updated_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('price_windows');
}
