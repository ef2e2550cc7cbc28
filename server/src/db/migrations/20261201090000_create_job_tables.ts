import type { Knex } from 'knex';

// The job store for the embedded (SQLite) setup and the worker heartbeat.
//
// On PostgreSQL the official @agendajs/postgres-backend owns its `agenda_jobs` table (it
// creates and upgrades it on connect), so `agenda_jobs` is created here on SQLite only,
// where our own backend (server/src/jobs/sqlite-backend) uses it. Instants are stored as
// epoch milliseconds so lock comparisons and ordering are exact integer comparisons.
// `worker_heartbeats` exists on both engines: the health check reads it from another
// process (another container in compose).

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'sqlite3') {
    await knex.schema.createTable('agenda_jobs', (t) => {
      t.string('id', 36).primary();
      t.string('name').notNullable();
      t.integer('priority').notNullable().defaultTo(0);
      t.bigInteger('next_run_at').nullable();
      t.string('type', 16).notNullable().defaultTo('normal');
      t.bigInteger('locked_at').nullable();
      t.bigInteger('last_run_at').nullable();
      t.bigInteger('last_finished_at').nullable();
      t.bigInteger('failed_at').nullable();
      t.integer('fail_count').nullable();
      t.text('fail_reason').nullable();
      t.string('repeat_timezone').nullable();
      t.text('repeat_interval').nullable();
      t.string('repeat_at').nullable();
      t.text('data').nullable();
      t.boolean('disabled').notNullable().defaultTo(false);
      t.float('progress').nullable();
      t.boolean('fork').notNullable().defaultTo(false);
      t.string('last_modified_by').nullable();
      t.bigInteger('debounce_started_at').nullable();
      t.bigInteger('start_date').nullable();
      t.bigInteger('end_date').nullable();
      t.text('skip_days').nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.index(['name', 'next_run_at', 'priority'], 'agenda_jobs_find_next_idx');
      t.index(['locked_at'], 'agenda_jobs_locked_at_idx');
    });
    // One row per name for 'single' jobs (agenda.every / our scheduled jobs): the upsert's target.
    await knex.raw(
      "create unique index agenda_jobs_single_name_idx on agenda_jobs (name) where type = 'single'",
    );
  }
  await knex.schema.createTable('worker_heartbeats', (t) => {
    t.string('worker', 200).primary();
    t.integer('pid').notNullable();
    t.string('backend', 32).notNullable();
    // Epoch milliseconds, like agenda_jobs: one representation on both engines.
    t.bigInteger('started_at').notNullable();
    t.bigInteger('beat_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('worker_heartbeats');
  if (knex.client.config.client === 'sqlite3') await knex.schema.dropTableIfExists('agenda_jobs');
}
