/**
 * Writes provider data (StockData) through the market repository: the stock row with its
 * latest quote and fundamentals, its annual financials, its daily bars and its price
 * window. Only what changed is written (bars and fiscal years already stored with the same
 * values are skipped); the stock row is always rewritten, since its quote moves. The seed
 * and the refresh job share it, and a re-run changes nothing.
 */
import { deriveFundamentals } from '../analysis/fundamentals.ts';
import type { FinancialRow, PriceWindowRow, StockRow } from '../db/tables.ts';
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
  financialsOf,
  financialToRow,
  fundamentalsToColumns,
  profilesOf,
  readWindows,
  upsertBars,
  upsertFinancials,
  upsertStocks,
  upsertWindows,
} from './repository.ts';
import { newYorkTime } from './status.ts';
import type { Quote, StockData } from './types.ts';

export interface LoadResult {
  stocks: number;
  /** Fiscal years written (new or changed). */
  financials: number;
  /** Daily bars written (new or changed). */
  bars: number;
  /** True when anything a score depends on changed (bars, financials, sector, industry, beta, a new stock). */
  scoringChanged: boolean;
  /** Each stock's price window as stored now (for the score recompute, which then need not read it). */
  windows?: Map<string, PriceWindow>;
}

export interface LoadOptions {
  /** Live quotes by ticker: a quote for a session newer than the last bar sets the stock's price. */
  quotes?: Map<string, ProviderQuote>;
}

/** Insert or update stocks, financials, bars and windows. Run inside a transaction for all-or-nothing. */
export async function loadStockData(
  db: Db,
  data: StockData[],
  source: DataSource,
  now = new Date(),
  options: LoadOptions = {},
): Promise<LoadResult> {
  const updatedAt = now.toISOString();
  const tickers = data.map((d) => d.profile.ticker);
  const [windows, storedFinancials, storedProfiles] = await Promise.all([
    readWindows(db, tickers),
    financialsOf(db, tickers),
    profilesOf(db, tickers),
  ]);
  // Stocks stored before price windows existed: rebuild theirs from their bars once.
  const missing = tickers.filter((t) => storedProfiles.has(t) && !windows.has(t));
  if (missing.length)
    for (const [t, bars] of await barsOf(db, missing)) windows.set(t, mergeWindow(emptyWindow(), bars));

  const result: LoadResult = { stocks: 0, financials: 0, bars: 0, scoringChanged: false };
  const stockRows: StockRow[] = [];
  const finRows: FinancialRow[] = [];
  const windowRows: PriceWindowRow[] = [];
  const after = new Map<string, PriceWindow>();
  const barRows = [];
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

    const before = windows.get(ticker) ?? emptyWindow();
    const newBars = d.bars.filter((b) => !hasBar(before, b));
    const window = newBars.length ? mergeWindow(before, newBars) : before;
    for (const b of newBars) barRows.push(barToRow(ticker, b));
    if (window.days.length) after.set(ticker, window);
    const last = lastDate(window);
    if (last && (newBars.length || missing.includes(ticker)))
      windowRows.push({ ticker, last_date: last, bars: encodeWindow(window), updated_at: updatedAt });

    const storedYears = new Map((storedFinancials.get(ticker) ?? []).map((r) => [r.fiscal_year, r]));
    for (const f of d.financials) {
      const row = financialToRow(ticker, f);
      const old = storedYears.get(row.fiscal_year);
      if (!old || Object.keys(row).some((k) => old[k as keyof FinancialRow] !== row[k as keyof FinancialRow]))
        finRows.push(row);
    }
    stockRows.push(stockRow(d, window, options.quotes?.get(ticker), source, updatedAt));
  }
  if (barRows.length || finRows.length) result.scoringChanged = true;

  await upsertStocks(db, stockRows);
  await upsertFinancials(db, finRows);
  await upsertBars(db, barRows);
  await upsertWindows(db, windowRows);
  result.stocks = stockRows.length;
  result.financials = finRows.length;
  result.bars = barRows.length;
  result.windows = after;
  return result;
}

/** The quote a stock row shows: the live quote when it is for a session after the last bar, else the last bar's. */

/** New York date of a quote's timestamp (memoised: a refresh's quotes share one). */
let lastStamp = '';
let lastDay = '';
function quoteDay(timestamp: string): string {
  if (timestamp !== lastStamp) {
    lastDay = newYorkTime(new Date(timestamp)).date;
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
    ...fundamentalsToColumns(f),
    // The stock's own beta (a profile fact) wins over the fundamentals' copy.
    beta: p.beta,
    updated_at: updatedAt,
  };
}
