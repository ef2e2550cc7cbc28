import type { Knex } from 'knex';

// What a refresh needs to know about each stock without re-reading its history: its
// trailing price window (the last ~13 months of daily bars in one compact value, see
// market/price-window.ts) and a hash of its stored fiscal years. So a refresh of 5,000
// stocks reads 5,000 rows instead of 1.4 million bars and 25,000 statements. daily_prices
// and financials stay the record; a missing state row is rebuilt from them.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stock_state', (t) => {
    t.string('ticker', 16).primary().references('ticker').inTable('stocks').onDelete('CASCADE');
    t.date('last_date').notNullable().comment('date of the last bar in the window');
    t.binary('bars')
      .notNullable()
      .comment('float64 window: n, t, first day, closes, highs, lows, opens, volumes; day gaps');
    t.string('financials_hash', 64).notNullable().comment('sha1 of the stored fiscal years');
    t.string('updated_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stock_state');
}
