import type { Knex } from 'knex';

// PostgreSQL: compress the large values a refresh rewrites for every stock (the price window
// in stock_state.bars, ~8 KB; a score's metrics and explanation, ~4.5 KB) with lz4 instead
// of pglz: several times cheaper to compress and to read back, for a little less saving.
// Values are recompressed as they are rewritten. Skipped on SQLite and on a server built
// without lz4.

const COLUMNS: Array<[string, string]> = [
  ['stock_state', 'bars'],
  ['scores', 'metrics'],
  ['scores', 'explanation'],
];

async function lz4Available(knex: Knex): Promise<boolean> {
  if (knex.client.config.client !== 'pg') return false;
  const { rows } = await knex.raw(
    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
  );
  return rows.length > 0;
}

export async function up(knex: Knex): Promise<void> {
  if (!(await lz4Available(knex))) return;
  for (const [table, column] of COLUMNS)
    await knex.raw('alter table ?? alter column ?? set compression lz4', [table, column]);
}

export async function down(knex: Knex): Promise<void> {
  if (!(await lz4Available(knex))) return;
  for (const [table, column] of COLUMNS)
    await knex.raw('alter table ?? alter column ?? set compression pglz', [table, column]);
}
