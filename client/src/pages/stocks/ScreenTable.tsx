/**
 * The stocks table for a chosen set of columns (`columns=`): ticker with its watch star (sticky
 * left), name, the chosen metrics formatted by the catalog, and the score (sticky right).
 */
import type { JSX } from 'preact';
import type { ScreenRow, SortColumn } from '../../api/types.ts';
import { ScoreBadge, StarButton } from '../../components/Score.tsx';
import { Change, TickerLink } from '../../components/StockList.tsx';
import { formatCompact, MISSING } from '../../lib/format.ts';
import { formatAs } from '../../lib/metrics.ts';
import { type StocksViewState, toggleSort } from '../../lib/stocks-url.ts';
import type { Catalog, CatalogMetric } from './catalog.ts';

interface Col {
  key: string;
  label: string;
  title: string;
  num: boolean;
  cls?: string;
  cell: (r: ScreenRow) => JSX.Element | string;
}

/** Short headings for long labels (the full label is the button's title). */
const SHORT: Record<string, string> = {
  change_pct: 'Day',
  market_cap: 'Mkt cap',
  avg_volume: 'Avg vol',
  rel_volume: 'Rel vol',
  earnings_yield: 'E. yield',
  dividend_yield: 'Yield',
  payout_ratio: 'Payout',
  gross_margin: 'Gross m.',
  operating_margin: 'Oper. m.',
  net_margin: 'Net m.',
  return_on_capital: 'ROC',
  revenue_growth: 'Rev. gr.',
  eps_growth: 'EPS gr.',
  revenue_cagr: 'Rev. CAGR',
  debt_to_equity: 'D/E',
  current_ratio: 'Curr. r.',
  piotroski: 'Piotr.',
  altman_z: 'Altman',
  price_vs_sma20: 'vs SMA20',
  price_vs_sma50: 'vs SMA50',
  price_vs_sma200: 'vs SMA200',
  from_52w_high: 'From high',
  from_52w_low: 'From low',
  momentum_12_1: 'Mom. 12-1',
  perf_1w: 'Perf 1W',
  perf_1m: 'Perf 1M',
  perf_3m: 'Perf 3M',
  perf_6m: 'Perf 6M',
  perf_1y: 'Perf 1Y',
  perf_ytd: 'Perf YTD',
  value: 'Value',
  quality: 'Quality',
  growth: 'Growth',
  momentum: 'Mom.',
  risk: 'Risk',
  dividend: 'Div.',
  volatility: 'Vol.',
};

function metricCol(m: CatalogMetric): Col {
  const get = (r: ScreenRow) => (r as Record<string, unknown>)[m.key];
  const text = m.unit === 'text';
  return {
    key: m.key,
    label: SHORT[m.key] ?? m.label,
    title: m.label,
    num: !text,
    cell: (r) => {
      const v = get(r);
      if (text) {
        const s = typeof v === 'string' && v ? v : MISSING;
        return (
          <span class="cell-text" title={s}>
            {s}
          </span>
        );
      }
      if (m.key === 'change_pct') return <Change pct={v as number | null} />;
      // Share counts read better as 2.55M than 2554471.
      if (m.unit === 'shares') return formatCompact(v as number | null);
      return formatAs(m.format, v as number | null);
    },
  };
}

function screenColumns(keys: readonly string[], catalog: Catalog): Col[] {
  const byKey = new Map(catalog.metrics.map((m) => [m.key as string, m]));
  const middle = keys.flatMap((k) => {
    const m = byKey.get(k);
    return m && k !== 'score' ? [metricCol(m)] : [];
  });
  return [
    {
      key: 'ticker',
      label: 'Ticker',
      title: 'Ticker',
      num: false,
      cls: 'col-sticky-left',
      cell: (r) => (
        <span class="ticker-cell">
          <StarButton ticker={r.ticker} compact />
          <TickerLink ticker={r.ticker} />
        </span>
      ),
    },
    {
      key: 'name',
      label: 'Name',
      title: 'Name',
      num: false,
      cell: (r) => (
        <span class="cell-name" title={r.name}>
          {r.name}
        </span>
      ),
    },
    ...middle,
    {
      key: 'score',
      label: 'Score',
      title: 'Score',
      num: true,
      cls: 'col-score col-sticky-right',
      cell: (r) => <ScoreBadge score={(r as { score?: number | null }).score ?? null} />,
    },
  ];
}

const cls = (c: Col) => [c.num ? 'num' : '', c.cls ?? ''].join(' ').trim() || undefined;

export function ScreenTable(props: {
  rows: readonly ScreenRow[];
  columns: readonly string[];
  catalog: Catalog;
  state: StocksViewState;
  go: (next: StocksViewState) => void;
  caption: string;
}) {
  const cols = screenColumns(props.columns, props.catalog);
  const { state } = props;
  return (
    <table class="data stocks-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {cols.map((c) => {
            const sorted = state.sort === c.key;
            return (
              <th
                key={c.key}
                scope="col"
                class={cls(c)}
                aria-sort={sorted ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  type="button"
                  class={`sort${sorted ? ' sorted' : ''}`}
                  title={`Sort by ${c.title}`}
                  onClick={() => props.go(toggleSort(state, c.key as SortColumn))}
                >
                  {c.label}
                  <span class="sort-icon" aria-hidden="true">
                    {sorted ? (state.order === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.ticker}>
            {cols.map((c) =>
              c.key === 'ticker' ? (
                <th key={c.key} scope="row" class={cls(c)}>
                  {c.cell(r)}
                </th>
              ) : (
                <td key={c.key} class={cls(c)}>
                  {c.cell(r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
