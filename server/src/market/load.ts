/**
 * Writes provider data (StockData) through the market repository: the stock row with its
 * latest quote and fundamentals, its annual financials, its daily bars and its price
 * window. Only what changed is written (bars and fiscal years already stored with the same
 * values are skipped); the stock row is always rewritten, since its quote moves. The seed
 * and the refresh job share it, and a re-run changes nothing.
 */

import { createHash } from 'node:crypto';
import { deriveFundamentals } from '../analysis/fundamentals.ts';
import type { FinancialRow, StockRow, StockStateRow } from '../db/tables.ts';
import { newYorkDate } from './new-york.ts';
import {
  emptyWindow,
  encodeWindow,
  hasBar,
  lastDate,
  mergeWindow,
  type PriceWindow,
  windowQuote,
} from './price-window.ts';
import type { DataSource, ProviderQuote } from './provider.ts';
import {
  barsOf,
  barToRow,
  type Db,
  FIN_COLUMNS,
  financialFromRow,
  financialsOf,
  financialToRow,
  fundamentalsToColumns,
  profilesOf,
  readStates,
  upsertBars,
  upsertFinancials,
  upsertStates,
  upsertStocks,
} from './repository.ts';
import type { AnnualFinancials, Quote, StockData } from './types.ts';

export interface LoadResult {
  stocks: number;
  /** Fiscal years written (new or changed). */
  financials: number;
  /** Daily bars written (new or changed). */
  bars: number;
  /** True when anything a score depends on changed (bars, financials, sector, industry, beta, a new stock). */
  scoringChanged: boolean;
  /** Each stock's price window and fiscal years as stored now (the rescore then need not read them). */
  stored?: { windows: Map<string, PriceWindow>; financials: Map<string, AnnualFinancials[]> };
}

export interface LoadOptions {
  /** Live quotes by ticker: a quote for a session newer than the last bar sets the stock's price. */
  quotes?: Map<string, ProviderQuote>;
  /**
   * New York date the statements offered were fetched on (default: `now`'s date). Tickers
   * in `storedFinancials` offer the stored years (not fetched this time): their date stays.
   */
  fetchedOn?: string;
  storedFinancials?: ReadonlySet<string>;
}

/**
 * A stable fingerprint of a stock's fiscal years (rows sorted by year): SHA-1 over each
 * row's ticker and its values as float64 (the same whether a row came from the provider or
 * the database; hashing the numbers' bytes, not their JSON, keeps it cheap for 5,000 stocks).
 */
function financialsHash(rows: FinancialRow[]): string {
  const h = createHash('sha1');
  const values = new Float64Array(FIN_COLUMNS.length);
  for (const r of rows) {
    FIN_COLUMNS.forEach(([, col], i) => {
      const v = Number(r[col]);
      values[i] = v === 0 ? 0 : v; // -0 as 0
    });
    h.update(`${r.ticker}\0`).update(new Uint8Array(values.buffer));
  }
  return h.digest('hex');
}

const byYear = (a: FinancialRow, b: FinancialRow) => a.fiscal_year - b.fiscal_year;

/** Insert or update stocks, financials, bars and state rows. Run inside a transaction for all-or-nothing. */
export async function loadStockData(
  db: Db,
  data: StockData[],
  source: DataSource,
  /** The process clock's now: updated_at, and the New York day statements were fetched on. */
  now: Date,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const updatedAt = now.toISOString();
  const fetchedOn = options.fetchedOn ?? newYorkDate(now);
  const tickers = data.map((d) => d.profile.ticker);
  const [states, storedProfiles] = await Promise.all([readStates(db, tickers), profilesOf(db, tickers)]);
  // Stocks stored before state rows existed: rebuild their windows from their bars once.
  const missing = tickers.filter((t) => storedProfiles.has(t) && !states.has(t));
  const rebuilt = new Map<string, PriceWindow>();
  if (missing.length)
    for (const [t, bars] of await barsOf(db, missing)) rebuilt.set(t, mergeWindow(emptyWindow(), bars));

  // Fiscal years: unchanged when their hash matches the stored one; otherwise diff with the stored rows.
  const offered = new Map(
    data.map((d) => [
      d.profile.ticker,
      d.financials.map((f) => financialToRow(d.profile.ticker, f)).sort(byYear),
    ]),
  );
  const toDiff = tickers.filter(
    (t) => states.get(t)?.financialsHash !== financialsHash(offered.get(t) ?? []),
  );
  const storedFinancials = toDiff.length ? await financialsOf(db, toDiff) : new Map<string, FinancialRow[]>();

  const result: LoadResult = { stocks: 0, financials: 0, bars: 0, scoringChanged: false };
  const stockRows: StockRow[] = [];
  const finRows: FinancialRow[] = [];
  const stateRows: StockStateRow[] = [];
  const barRows = [];
  const windows = new Map<string, PriceWindow>();
  const financials = new Map<string, AnnualFinancials[]>();
  for (const d of data) {
    const ticker = d.profile.ticker;
    const stored = storedProfiles.get(ticker);
    if (
      !stored ||
      stored.sector !== d.profile.sector ||
      stored.industry !== d.profile.industry ||
      stored.beta !== d.profile.beta
    )
      result.scoringChanged = true;

    const state = states.get(ticker);
    const before = state?.window ?? rebuilt.get(ticker) ?? emptyWindow();
    const newBars = d.bars.filter((b) => !hasBar(before, b));
    const window = newBars.length ? mergeWindow(before, newBars) : before;
    for (const b of newBars) barRows.push(barToRow(ticker, b));

    let years = offered.get(ticker) ?? [];
    let hash = state?.financialsHash ?? '';
    if (toDiff.includes(ticker)) {
      const storedYears = new Map((storedFinancials.get(ticker) ?? []).map((r) => [r.fiscal_year, r]));
      for (const row of years) {
        const old = storedYears.get(row.fiscal_year);
        if (
          !old ||
          Object.keys(row).some((k) => old[k as keyof FinancialRow] !== row[k as keyof FinancialRow])
        ) {
          finRows.push(row);
          storedYears.set(row.fiscal_year, row);
        }
      }
      years = [...storedYears.values()].sort(byYear);
      hash = financialsHash(years);
    }
    financials.set(ticker, years.map(financialFromRow));

    if (window.days.length) {
      windows.set(ticker, window);
      if (newBars.length || !state || hash !== state.financialsHash)
        stateRows.push({
          ticker,
          last_date: lastDate(window) as string,
          bars: encodeWindow(window),
          financials_hash: hash,
          updated_at: updatedAt,
        });
    }
    const row = stockRow(d, window, options.quotes?.get(ticker), source, updatedAt);
    row.financials_fetched_on = options.storedFinancials?.has(ticker)
      ? (stored?.financials_fetched_on ?? null)
      : fetchedOn;
    stockRows.push(row);
  }
  if (barRows.length || finRows.length) result.scoringChanged = true;

  await upsertStocks(db, stockRows);
  await upsertFinancials(db, finRows);
  await upsertBars(db, barRows);
  await upsertStates(db, stateRows);
  result.stocks = stockRows.length;
  result.financials = finRows.length;
  result.bars = barRows.length;
  result.stored = { windows, financials };
  return result;
}

/** New York date of a quote's timestamp (memoised: a refresh's quotes share one). */
let lastStamp = '';
let lastDay = '';
function quoteDay(timestamp: string): string {
  if (timestamp !== lastStamp) {
    lastDay = newYorkDate(new Date(timestamp));
    lastStamp = timestamp;
  }
  return lastDay;
}

function latestQuote(window: PriceWindow, live: ProviderQuote | undefined): Quote | null {
  const fromBars = window.days.length ? windowQuote(window) : null;
  if (!live) return fromBars;
  const liveDate = quoteDay(live.timestamp);
  if (fromBars && liveDate <= fromBars.asOf) return fromBars;
  return {
    price: live.price,
    change: live.change,
    changePct: live.changePct,
    open: live.open ?? live.price,
    dayHigh: live.dayHigh ?? live.price,
    dayLow: live.dayLow ?? live.price,
    previousClose: live.previousClose ?? fromBars?.price ?? live.price,
    volume: live.volume ?? 0,
    avgVolume: fromBars?.avgVolume ?? live.volume ?? 0,
    // The 52 weeks include today's range so far.
    yearHigh: Math.max(fromBars?.yearHigh ?? live.price, live.dayHigh ?? live.price),
    yearLow: Math.min(fromBars?.yearLow ?? live.price, live.dayLow ?? live.price),
    asOf: liveDate,
  };
}

function stockRow(
  d: StockData,
  window: PriceWindow,
  live: ProviderQuote | undefined,
  source: DataSource,
  updatedAt: string,
): StockRow {
  const p = d.profile;
  const quote = latestQuote(window, live);
  const f =
    quote && d.financials.length > 0 ? deriveFundamentals(d.financials, quote.price, p.beta, p) : null;
  return {
    ticker: p.ticker,
    name: p.name,
    sector: p.sector,
    industry: p.industry,
    exchange: p.exchange,
    description: p.description,
    source,
    price: quote?.price ?? null,
    change: quote?.change ?? null,
    change_pct: quote?.changePct ?? null,
    open: quote?.open ?? null,
    day_high: quote?.dayHigh ?? null,
    day_low: quote?.dayLow ?? null,
    previous_close: quote?.previousClose ?? null,
    volume: quote?.volume ?? null,
    avg_volume: quote ? Math.round(quote.avgVolume) : null,
    year_high: quote?.yearHigh ?? null,
    year_low: quote?.yearLow ?? null,
    quote_date: quote?.asOf ?? null,
    financials_fetched_on: null,
    ...fundamentalsToColumns(f),
    // The stock's own beta (a profile fact) wins over the fundamentals' copy.
    beta: p.beta,
    updated_at: updatedAt,
  };
}
