import type { Knex } from 'knex';

// Stocks (profile + latest quote + latest fundamentals), annual financials and daily prices.
// Money and ratios are double precision (pg returns numbers, not NUMERIC strings);
// volumes are bigint; trading days are DATE; timestamps are ISO-8601 UTC strings.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stocks', (t) => {
    t.string('ticker', 16).primary();
    t.string('name', 200).notNullable();
    t.string('sector', 64).notNullable();
    t.string('industry', 128).notNullable();
    t.string('exchange', 16).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.double('beta');
    t.string('source', 16).notNullable().defaultTo('sample');
    // Latest quote
    t.double('price');
    t.double('change');
    t.double('change_pct');
    t.double('open');
    t.double('day_high');
    t.double('day_low');
    t.double('previous_close');
    t.bigInteger('volume');
    t.bigInteger('avg_volume');
    t.double('year_high');
    t.double('year_low');
    t.date('quote_date');
    // Latest fundamentals
    t.double('market_cap');
    t.double('pe');
    t.double('pb');
    t.double('ps');
    t.double('ev_to_ebitda');
    t.double('peg');
    t.double('dividend_yield');
    t.double('payout_ratio');
    t.double('gross_margin');
    t.double('operating_margin');
    t.double('net_margin');
    t.double('roe');
    t.double('roa');
    t.double('roic');
    t.double('revenue_growth');
    t.double('eps_growth');
    t.double('debt_to_equity');
    t.double('current_ratio');
    t.double('eps');
    t.string('updated_at', 32).notNullable();
    t.index(['sector'], 'stocks_sector_idx');
    t.index(['market_cap'], 'stocks_market_cap_idx');
  });

  await knex.schema.createTable('financials', (t) => {
    t.string('ticker', 16).notNullable().references('ticker').inTable('stocks').onDelete('CASCADE');
    t.integer('fiscal_year').notNullable();
    for (const col of [
      'revenue',
      'gross_profit',
      'operating_income',
      'depreciation',
      'net_income',
      'eps',
      'total_assets',
      'total_liabilities',
      'current_assets',
      'current_liabilities',
      'total_debt',
      'long_term_debt',
      'shareholders_equity',
      'retained_earnings',
      'cash',
      'operating_cash_flow',
      'capital_expenditure',
      'net_ppe',
      'shares_outstanding',
      'dividends_per_share',
    ]) {
      t.double(col).notNullable();
    }
    t.primary(['ticker', 'fiscal_year']);
  });

  await knex.schema.createTable('daily_prices', (t) => {
    t.string('ticker', 16).notNullable().references('ticker').inTable('stocks').onDelete('CASCADE');
    t.date('date').notNullable();
    t.double('open').notNullable();
    t.double('high').notNullable();
    t.double('low').notNullable();
    t.double('close').notNullable();
    t.bigInteger('volume').notNullable();
    // The primary key serves "one stock's prices between two dates".
    t.primary(['ticker', 'date']);
  });

  // Facts about the loaded data set: its source, the sample seed, when it was loaded.
  await knex.schema.createTable('dataset_info', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
    t.string('updated_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('dataset_info');
  await knex.schema.dropTableIfExists('daily_prices');
  await knex.schema.dropTableIfExists('financials');
  await knex.schema.dropTableIfExists('stocks');
}
