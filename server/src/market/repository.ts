/**
 * SQL for market data: stocks (profile, latest quote and fundamentals), annual financials,
 * daily bars and the data set's facts. Upserts, so the seed and the refresh job share them
 * and a re-run changes nothing. Every function takes the executor (a knex or a
 * transaction) so the caller decides the transaction.
 */
import type { Knex } from 'knex';
import { FUNDAMENTAL_FIELDS } from '../api/metrics.ts';
import type { DailyPriceRow, DatasetInfoRow, FinancialRow, StockRow, StockStateRow } from '../db/tables.ts';
import { upsertRows } from '../db/upsert.ts';
import { decodeWindow, type PriceWindow } from './price-window.ts';
import type { AnnualFinancials, CompanyProfile, DailyBar, Fundamentals, Sector } from './types.ts';

export type Db = Knex | Knex.Transaction;

/** Rows per INSERT: keeps SQLite under its bound-variable limit. */
const CHUNK = 400;

/**
 * Upserts that leave unchanged rows alone (see db/upsert.ts). A stock's `updated_at` is
 * not compared: it moves only when something else about the stock did.
 */
export const upsertStocks = (db: Db, rows: StockRow[]) =>
  upsertRows(db, 'stocks', rows, { key: ['ticker'], uncompared: ['updated_at'] });
export const upsertFinancials = (db: Db, rows: FinancialRow[]) =>
  upsertRows(db, 'financials', rows, { key: ['ticker', 'fiscal_year'] });
export const upsertBars = (db: Db, rows: DailyPriceRow[]) =>
  upsertRows(db, 'daily_prices', rows, { key: ['ticker', 'date'] });

/** AnnualFinancials (camelCase) ↔ financials row (snake_case). */
export const FIN_COLUMNS = [
  ['fiscalYear', 'fiscal_year'],
  ['revenue', 'revenue'],
  ['grossProfit', 'gross_profit'],
  ['operatingIncome', 'operating_income'],
  ['depreciation', 'depreciation'],
  ['netIncome', 'net_income'],
  ['eps', 'eps'],
  ['totalAssets', 'total_assets'],
  ['totalLiabilities', 'total_liabilities'],
  ['currentAssets', 'current_assets'],
  ['currentLiabilities', 'current_liabilities'],
  ['totalDebt', 'total_debt'],
  ['longTermDebt', 'long_term_debt'],
  ['shareholdersEquity', 'shareholders_equity'],
  ['retainedEarnings', 'retained_earnings'],
  ['cash', 'cash'],
  ['operatingCashFlow', 'operating_cash_flow'],
  ['capitalExpenditure', 'capital_expenditure'],
  ['netPPE', 'net_ppe'],
  ['sharesOutstanding', 'shares_outstanding'],
  ['dividendsPerShare', 'dividends_per_share'],
] as const satisfies ReadonlyArray<readonly [keyof AnnualFinancials, keyof FinancialRow]>;

export function financialToRow(ticker: string, f: AnnualFinancials): FinancialRow {
  const row = { ticker } as FinancialRow;
  for (const [key, col] of FIN_COLUMNS) row[col] = f[key];
  return row;
}

export function financialFromRow(row: FinancialRow): AnnualFinancials {
  const f = {} as AnnualFinancials;
  for (const [key, col] of FIN_COLUMNS) f[key] = Number(row[col]);
  return f;
}

export function barToRow(ticker: string, b: DailyBar): DailyPriceRow {
  return { ticker, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
}

/** The stored fundamentals columns of a stock row, from the model (through the registry). */
export function fundamentalsToColumns(
  f: Fundamentals | null,
): Pick<StockRow, (typeof FUNDAMENTAL_FIELDS)[number]['column']> {
  const out = {} as Record<string, number | null>;
  for (const field of FUNDAMENTAL_FIELDS) out[field.column] = f ? f[field.key] : null;
  return out as Pick<StockRow, (typeof FUNDAMENTAL_FIELDS)[number]['column']>;
}

/** The model's fundamentals from a stock row (missing dividend yield and EPS read as 0, beta as 1). */
export function fundamentalsFromRow(row: StockRow): Fundamentals {
  const out = {} as Record<string, number | null>;
  for (const field of FUNDAMENTAL_FIELDS) out[field.key] = row[field.column];
  const f = out as unknown as Fundamentals;
  return {
    ...f,
    marketCap: row.market_cap ?? 0,
    dividendYield: row.dividend_yield ?? 0,
    eps: row.eps ?? 0,
    beta: row.beta ?? 1,
  };
}

// ---------- reads for scoring ----------

export async function stocksForScoring(
  db: Db,
): Promise<Array<{ ticker: string; sector: Sector; industry: string; beta: number }>> {
  const rows = await db('stocks').select('ticker', 'sector', 'industry', 'beta').orderBy('ticker');
  return rows.map((r) => ({
    ticker: r.ticker,
    sector: r.sector as Sector,
    industry: r.industry,
    beta: r.beta ?? 1,
  }));
}

export async function allFinancials(db: Db): Promise<FinancialRow[]> {
  return db('financials')
    .select('*')
    .orderBy([{ column: 'ticker' }, { column: 'fiscal_year' }]);
}

/** Bars (close, high, low) of every stock, oldest first, optionally from a date on. */
export async function barsForScoring(
  db: Db,
  since?: string,
): Promise<Array<Pick<DailyPriceRow, 'ticker' | 'date' | 'close' | 'high' | 'low'>>> {
  const q = db('daily_prices')
    .select('ticker', 'date', 'close', 'high', 'low')
    .orderBy([{ column: 'ticker' }, { column: 'date' }]);
  if (since) q.where('date', '>=', since);
  return q;
}

/** The last stored bar date per ticker, for the tickers given. */
async function lastBarDates(db: Db, tickers: string[]): Promise<Map<string, string>> {
  if (tickers.length === 0) return new Map();
  const rows = (await db('daily_prices')
    .select('ticker')
    .max({ last: 'date' })
    .whereIn('ticker', tickers)
    .groupBy('ticker')) as Array<{ ticker: string; last: string | null }>;
  return new Map(rows.filter((r) => r.last).map((r) => [r.ticker, String(r.last)]));
}

// ---------- the data set ----------

export async function countStocks(db: Db): Promise<number> {
  const [row] = await db('stocks').count({ n: '*' });
  return Number((row as { n: number | string }).n);
}

/** Facts about the loaded data set (source, as-of date, scores_computed_at...). */
export async function datasetInfo(db: Db): Promise<Record<string, string>> {
  const rows: Array<Pick<DatasetInfoRow, 'key' | 'value'>> = await db('dataset_info').select('key', 'value');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function setDatasetInfo(db: Db, facts: Record<string, string>, now: Date): Promise<void> {
  const updated_at = now.toISOString();
  const rows = Object.entries(facts).map(([key, value]) => ({ key, value, updated_at }));
  if (rows.length) await db('dataset_info').insert(rows).onConflict('key').merge();
}

/**
 * Take the seed's write lock: a write as the first statement of a transaction holds
 * SQLite's write lock / a PostgreSQL row lock, so a concurrent seeder waits here.
 */
export async function takeSeedLock(trx: Knex.Transaction, now: Date): Promise<void> {
  await setDatasetInfo(trx, { seed_lock: now.toISOString() }, now);
}

/** Delete every market row (scores and snapshots too), keeping the seed lock. */
export async function deleteMarketData(trx: Knex.Transaction): Promise<void> {
  for (const table of [
    'score_snapshots',
    'scores',
    'stock_state',
    'daily_prices',
    'financials',
    'stocks',
  ] as const) {
    await trx(table).delete();
  }
  await trx('dataset_info').whereNot('key', 'seed_lock').delete();
}

// ---------- stock state: price windows and financials hashes ----------

export interface StockState {
  window: PriceWindow;
  financialsHash: string;
}

/** The stored state of the tickers given (all when omitted). */
export async function readStates(db: Db, tickers?: string[]): Promise<Map<string, StockState>> {
  const out = new Map<string, StockState>();
  const read = async (list?: string[]) => {
    const q = db('stock_state').select('ticker', 'bars', 'financials_hash');
    if (list) q.whereIn('ticker', list);
    for (const r of await q)
      out.set(r.ticker, { window: decodeWindow(r.bars), financialsHash: r.financials_hash });
  };
  if (!tickers) await read();
  else for (let i = 0; i < tickers.length; i += CHUNK) await read(tickers.slice(i, i + CHUNK));
  return out;
}

export async function upsertStates(db: Db, rows: StockStateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db('stock_state')
      .insert(rows.slice(i, i + 100))
      .onConflict('ticker')
      .merge();
  }
}

/** Daily bars of the tickers given, oldest first per ticker, optionally from a date on. */
export async function barsOf(db: Db, tickers: string[], since?: string): Promise<Map<string, DailyBar[]>> {
  const out = new Map<string, DailyBar[]>();
  for (let i = 0; i < tickers.length; i += CHUNK) {
    const q = db('daily_prices')
      .select('ticker', 'date', 'open', 'high', 'low', 'close', 'volume')
      .whereIn('ticker', tickers.slice(i, i + CHUNK))
      .orderBy([{ column: 'ticker' }, { column: 'date' }]);
    if (since) q.where('date', '>=', since);
    for (const r of await q) {
      const list = out.get(r.ticker) ?? [];
      list.push({ date: r.date, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume });
      out.set(r.ticker, list);
    }
  }
  return out;
}

/** The newest bar date over all stocks (null when there are none). */
export async function latestBarDate(db: Db): Promise<string | null> {
  const [row] = await db('daily_prices').max({ latest: 'date' });
  const latest = (row as { latest?: string | null } | undefined)?.latest;
  return latest ? String(latest) : null;
}

/** Stored annual financials of the tickers given, by ticker. */
export async function financialsOf(db: Db, tickers: string[]): Promise<Map<string, FinancialRow[]>> {
  const out = new Map<string, FinancialRow[]>();
  for (let i = 0; i < tickers.length; i += CHUNK) {
    for (const r of await db('financials')
      .select('*')
      .whereIn('ticker', tickers.slice(i, i + CHUNK))) {
      const list = out.get(r.ticker) ?? [];
      list.push(r);
      out.set(r.ticker, list);
    }
  }
  return out;
}

export type StoredProfile = Pick<
  StockRow,
  'ticker' | 'name' | 'sector' | 'industry' | 'exchange' | 'description' | 'beta' | 'financials_fetched_on'
>;

/** The profile facts of stored stocks, and when their statements were last fetched, by ticker. */
export async function profilesOf(db: Db, tickers: string[]): Promise<Map<string, StoredProfile>> {
  const out = new Map<string, StoredProfile>();
  for (let i = 0; i < tickers.length; i += CHUNK) {
    const rows = await db('stocks')
      .select(
        'ticker',
        'name',
        'sector',
        'industry',
        'exchange',
        'description',
        'beta',
        'financials_fetched_on',
      )
      .whereIn('ticker', tickers.slice(i, i + CHUNK));
    for (const r of rows) out.set(r.ticker, r);
  }
  return out;
}

/** A stored stock's profile in the providers' model (a refresh that does not fetch it again). */
export function profileFromStored(p: StoredProfile): CompanyProfile {
  return {
    ticker: p.ticker,
    name: p.name,
    sector: p.sector as CompanyProfile['sector'],
    industry: p.industry,
    exchange: p.exchange as CompanyProfile['exchange'],
    beta: Number(p.beta ?? 0),
    description: p.description,
  };
}

/** The date of each stock's last stored bar (from its state row, else from its bars). */
export async function lastStoredBars(db: Db, tickers: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < tickers.length; i += CHUNK) {
    const rows = await db('stock_state')
      .select('ticker', 'last_date')
      .whereIn('ticker', tickers.slice(i, i + CHUNK));
    for (const r of rows) out.set(r.ticker, String(r.last_date));
  }
  const rest = tickers.filter((t) => !out.has(t));
  for (const [t, d] of await lastBarDates(db, rest)) out.set(t, d);
  return out;
}

/** How many scores are stored, and the trading day of the latest. */
export async function storedScores(db: Db): Promise<{ count: number; asOf: string | null }> {
  const [row] = await db('scores').count({ n: '*' }).max({ asOf: 'as_of' });
  const r = row as { n: number | string; asOf: string | null };
  return { count: Number(r.n), asOf: r.asOf ? String(r.asOf) : null };
}
