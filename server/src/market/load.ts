/**
 * Writes provider data (StockData) into the database: the stock row with its derived
 * latest quote and fundamentals, its annual financials and its daily bars. Upserts, so the
 * seed and the refresh job share it and a re-run changes nothing.
 */
import type { Knex } from 'knex';
import { deriveFundamentals, deriveQuote } from '../analysis/fundamentals.ts';
import type { AnnualFinancials, DailyBar, StockData } from './types.ts';

/** Rows per INSERT: keeps SQLite under its bound-variable limit. */
const CHUNK = 400;

export interface LoadResult {
  stocks: number;
  financials: number;
  bars: number;
}

/** Insert or update stocks, financials and bars. Run inside a transaction for all-or-nothing. */
export async function loadStockData(
  db: Knex | Knex.Transaction,
  data: StockData[],
  source: 'sample' | 'fmp',
  now = new Date(),
): Promise<LoadResult> {
  const updatedAt = now.toISOString();
  const result: LoadResult = { stocks: 0, financials: 0, bars: 0 };
  const stockRows = data.map((d) => stockRow(d, source, updatedAt));
  for (let i = 0; i < stockRows.length; i += CHUNK) {
    await db('stocks')
      .insert(stockRows.slice(i, i + CHUNK))
      .onConflict('ticker')
      .merge();
  }
  result.stocks = stockRows.length;
  const finRows = data.flatMap((d) => d.financials.map((f) => financialRow(d.profile.ticker, f)));
  for (let i = 0; i < finRows.length; i += CHUNK) {
    await db('financials')
      .insert(finRows.slice(i, i + CHUNK))
      .onConflict(['ticker', 'fiscal_year'])
      .merge();
  }
  result.financials = finRows.length;
  for (const d of data) {
    const rows = d.bars.map((b) => barRow(d.profile.ticker, b));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db('daily_prices')
        .insert(rows.slice(i, i + CHUNK))
        .onConflict(['ticker', 'date'])
        .merge();
    }
    result.bars += rows.length;
  }
  return result;
}

function stockRow(d: StockData, source: string, updatedAt: string) {
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
    beta: p.beta,
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
    market_cap: f?.marketCap ?? null,
    pe: f?.pe ?? null,
    pb: f?.pb ?? null,
    ps: f?.ps ?? null,
    ev_to_ebitda: f?.evToEbitda ?? null,
    peg: f?.peg ?? null,
    dividend_yield: f?.dividendYield ?? null,
    payout_ratio: f?.payoutRatio ?? null,
    gross_margin: f?.grossMargin ?? null,
    operating_margin: f?.operatingMargin ?? null,
    net_margin: f?.netMargin ?? null,
    roe: f?.roe ?? null,
    roa: f?.roa ?? null,
    roic: f?.roic ?? null,
    revenue_growth: f?.revenueGrowth ?? null,
    eps_growth: f?.epsGrowth ?? null,
    debt_to_equity: f?.debtToEquity ?? null,
    current_ratio: f?.currentRatio ?? null,
    eps: f?.eps ?? null,
    updated_at: updatedAt,
  };
}

/** AnnualFinancials (camelCase) ↔ financials table row (snake_case). */
const FIN_COLUMNS: Array<[keyof AnnualFinancials, string]> = [
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
];

function financialRow(ticker: string, f: AnnualFinancials): Record<string, unknown> {
  const row: Record<string, unknown> = { ticker };
  for (const [key, col] of FIN_COLUMNS) row[col] = f[key];
  return row;
}

/** A financials row read back from the database. */
export function financialFromRow(row: Record<string, unknown>): AnnualFinancials {
  const f = {} as Record<keyof AnnualFinancials, number>;
  for (const [key, col] of FIN_COLUMNS) f[key] = Number(row[col]);
  return f;
}

function barRow(ticker: string, b: DailyBar) {
  return { ticker, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
}
