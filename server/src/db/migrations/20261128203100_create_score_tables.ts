import type { Knex } from 'knex';

// Latest score per stock (with components, metrics and explanation) and one snapshot per
// stock per trading day for the score history.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scores', (t) => {
    t.string('ticker', 16).primary().references('ticker').inTable('stocks').onDelete('CASCADE');
    t.double('score').notNullable();
    t.double('value').notNullable();
    t.double('quality').notNullable();
    t.double('growth').notNullable();
    t.double('momentum').notNullable();
    t.double('risk').notNullable();
    t.double('dividend').notNullable();
    t.integer('rank').notNullable();
    t.integer('sector_rank').notNullable();
    // JSON documents, stored as text on both engines so they read back the same way.
    t.text('metrics').notNullable();
    t.text('explanation').notNullable();
    t.date('as_of').notNullable();
    t.string('computed_at', 32).notNullable();
    t.index(['score'], 'scores_score_idx');
  });

  await knex.schema.createTable('score_snapshots', (t) => {
    t.string('ticker', 16).notNullable().references('ticker').inTable('stocks').onDelete('CASCADE');
    t.date('date').notNullable();
    t.double('score').notNullable();
    t.double('value').notNullable();
    t.double('quality').notNullable();
    t.double('growth').notNullable();
    t.double('momentum').notNullable();
    t.double('risk').notNullable();
    t.double('dividend').notNullable();
    t.integer('rank').notNullable();
    t.primary(['ticker', 'date']);
    t.index(['date'], 'score_snapshots_date_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('score_snapshots');
  await knex.schema.dropTableIfExists('scores');
}
