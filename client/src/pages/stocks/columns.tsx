/** The stocks table's columns: one entry per column the API sorts by, in display order. */
import type { JSX } from 'preact';
import type { SortColumn, StockListItem } from '../../api/types.ts';
import { ScoreBadge, StarButton } from '../../components/Score.tsx';
import { Change, TickerLink } from '../../components/StockList.tsx';
import { formatMarketCap, formatMoney, formatMultiple, formatRatio, formatScore } from '../../lib/format.ts';

/** A column of the stocks table: the sort key it heads, its label and how a row's cell renders. */
interface Column {
  key: SortColumn;
  label: string;
  title?: string;
  num?: boolean;
  /** Extra cell classes (the sticky ticker and score columns). */
  cls?: string;
  cell: (s: StockListItem) => JSX.Element | string;
}

const comp = (k: keyof NonNullable<StockListItem['components']>) => (s: StockListItem) =>
  formatScore(s.components?.[k]);

export const STOCK_COLUMNS: Column[] = [
  {
    key: 'rank',
    label: '#',
    title: 'Rank by score',
    num: true,
    cell: (s) => (s.rank === null ? '—' : String(s.rank)),
  },
  {
    key: 'ticker',
    label: 'Ticker',
    cls: 'col-sticky-left',
    cell: (s) => (
      <span class="ticker-cell">
        <StarButton ticker={s.ticker} compact />
        <TickerLink ticker={s.ticker} />
      </span>
    ),
  },
  {
    key: 'name',
    label: 'Name',
    cell: (s) => (
      <span class="cell-name" title={s.name}>
        {s.name}
      </span>
    ),
  },
  {
    key: 'sector',
    label: 'Sector',
    cell: (s) => (
      <span class="cell-sector" title={s.sector}>
        {s.sector}
      </span>
    ),
  },
  { key: 'price', label: 'Price', num: true, cell: (s) => formatMoney(s.price) },
  {
    key: 'change_pct',
    label: 'Day',
    title: 'Day change',
    num: true,
    cell: (s) => <Change pct={s.change_pct} />,
  },
  {
    key: 'market_cap',
    label: 'Mkt cap',
    title: 'Market capitalisation (USD)',
    num: true,
    cell: (s) => formatMarketCap(s.market_cap),
  },
  { key: 'pe', label: 'P/E', title: 'Price / earnings', num: true, cell: (s) => formatMultiple(s.pe) },
  {
    key: 'dividend_yield',
    label: 'Yield',
    title: 'Dividend yield',
    num: true,
    cell: (s) => formatRatio(s.dividend_yield, { digits: 2 }),
  },
  { key: 'value', label: 'Value', num: true, cell: comp('value') },
  { key: 'quality', label: 'Quality', num: true, cell: comp('quality') },
  { key: 'growth', label: 'Growth', num: true, cell: comp('growth') },
  { key: 'momentum', label: 'Mom.', title: 'Momentum', num: true, cell: comp('momentum') },
  { key: 'risk', label: 'Risk', title: 'Risk (higher is safer)', num: true, cell: comp('risk') },
  { key: 'dividend', label: 'Div.', title: 'Dividend', num: true, cell: comp('dividend') },
  // Last and sticky: the overall score stays in view however far the table scrolls.
  {
    key: 'score',
    label: 'Score',
    num: true,
    cls: 'col-score col-sticky-right',
    cell: (s) => <ScoreBadge score={s.score} />,
  },
];

/** The cell classes of a column: `num` for right-aligned figures, plus its own. */
export const cellClass = (c: Column) => [c.num ? 'num' : '', c.cls ?? ''].join(' ').trim() || undefined;
