import type { Knex } from 'knex';

// Indexes for every sortable list column and the leaderboard's per-sector rank, so a
// sorted page of 5,000 stocks reads ~20 index entries instead of sorting the table.

const STOCK_COLUMNS = ['name', 'price', 'change_pct', 'pe', 'dividend_yield'];
const SCORE_COLUMNS = ['rank', 'sector_rank', 'value', 'quality', 'growth', 'momentum', 'risk', 'dividend'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stocks', (t) => {
    for (const c of STOCK_COLUMNS) t.index([c], `stocks_${c}_idx`);
  });
  await knex.schema.alterTable('scores', (t) => {
    for (const c of SCORE_COLUMNS) t.index([c], `scores_${c}_idx`);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scores', (t) => {
    for (const c of SCORE_COLUMNS) t.dropIndex([c], `scores_${c}_idx`);
  });
  await knex.schema.alterTable('stocks', (t) => {
    for (const c of STOCK_COLUMNS) t.dropIndex([c], `stocks_${c}_idx`);
  });
}
