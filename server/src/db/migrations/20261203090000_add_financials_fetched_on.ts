import type { Knex } from 'knex';

// When each stock's annual statements were last fetched from the provider (New York date).
// A metered provider (FMP's 250 calls a day) fetches statements again only once they are
// older than a quarter, so the refresh must remember when it last asked. Null: unknown
// (stored before this column existed), which the plan treats as due.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stocks', (t) => {
    t.string('financials_fetched_on', 10).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stocks', (t) => {
    t.dropColumn('financials_fetched_on');
  });
}
