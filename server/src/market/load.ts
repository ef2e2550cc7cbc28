/**
 * Writes provider data (StockData) through the market repository: the stock row with its
 * derived latest quote and fundamentals, its annual financials and its daily bars.
 * Upserts, so the seed and the refresh job share it and a re-run changes nothing.
 */
import { deriveFundamentals, deriveQuote } from '../analysis/fundamentals.ts';
import type { StockRow } from '../db/tables.ts';
import type { DataSource } from './provider.ts';
import {
  barToRow,
  type Db,
  financialToRow,
  fundamentalsToColumns,
  upsertBars,
  upsertFinancials,
  upsertStocks,
} from './repository.ts';
import type { StockData } from './types.ts';

export interface LoadResult {
  stocks: number;
  financials: number;
  bars: number;
}

/** Insert or update stocks, financials and bars. Run inside a transaction for all-or-nothing. */
export async function loadStockData(
  db: Db,
  data: StockData[],
  source: DataSource,
  now = new Date(),
): Promise<LoadResult> {
  const updatedAt = now.toISOString();
  const stockRows = data.map((d) => stockRow(d, source, updatedAt));
  await upsertStocks(db, stockRows);
  const finRows = data.flatMap((d) => d.financials.map((f) => financialToRow(d.profile.ticker, f)));
  await upsertFinancials(db, finRows);
  let bars = 0;
  for (const d of data) {
    const rows = d.bars.map((b) => barToRow(d.profile.ticker, b));
    await upsertBars(db, rows);
    bars += rows.length;
  }
  return { stocks: stockRows.length, financials: finRows.length, bars };
}

function stockRow(d: StockData, source: DataSource, updatedAt: string): StockRow {
  const p = d.profile;
  const quote = d.bars.length > 0 ? deriveQuote(d.bars) : null;
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
