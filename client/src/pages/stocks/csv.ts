/** The stocks table's CSV export: its columns and every row of the current view. */
import { api } from '../../api/client.ts';
import type { StockListItem } from '../../api/types.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { type StocksViewState, toApiParams } from '../../lib/stocks-url.ts';

export const STOCK_CSV_COLUMNS: CsvColumn<StockListItem>[] = [
  { header: 'rank', value: (s) => s.rank },
  { header: 'ticker', value: (s) => s.ticker },
  { header: 'name', value: (s) => s.name },
  { header: 'sector', value: (s) => s.sector },
  { header: 'industry', value: (s) => s.industry },
  { header: 'price', value: (s) => s.price },
  { header: 'change', value: (s) => s.change },
  { header: 'change_pct', value: (s) => s.change_pct },
  { header: 'market_cap', value: (s) => s.market_cap },
  { header: 'pe', value: (s) => s.pe },
  { header: 'dividend_yield', value: (s) => s.dividend_yield },
  { header: 'score', value: (s) => s.score },
  { header: 'value', value: (s) => s.components?.value },
  { header: 'quality', value: (s) => s.components?.quality },
  { header: 'growth', value: (s) => s.components?.growth },
  { header: 'momentum', value: (s) => s.components?.momentum },
  { header: 'risk', value: (s) => s.components?.risk },
  { header: 'dividend', value: (s) => s.components?.dividend },
];

/** Every row of a view (all pages, in the view's order), for the CSV export. */
export async function fetchAllRows(state: StocksViewState): Promise<StockListItem[]> {
  const rows: StockListItem[] = [];
  const base = toApiParams(state);
  for (let page = 1; page <= 100; page++) {
    const res = await api.stocks({ ...base, page, size: 100 });
    rows.push(...res.items);
    if (page >= res.pages || res.items.length === 0) break;
  }
  return rows;
}

/** The CSV columns of a view with chosen columns: ticker, name, those metrics (by key) and the score. */
export function screenCsvColumns(columns: readonly string[]): CsvColumn<StockListItem>[] {
  const keys = ['ticker', 'name', ...columns.filter((k) => k !== 'score'), 'score'];
  return keys.map((key) => ({ header: key, value: (s) => (s as unknown as Record<string, unknown>)[key] }));
}
