/**
 * The stocks table: sort by any column, filter by sector and score range, search, paginate.
 * The whole view lives in the URL (`/stocks?sector=Energy&sort=pe&order=asc&page=2`), so
 * a shared link reopens the same view and Back/Forward walk through views.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorMessage, sectorsCached } from '../api/client.ts';
import type { SortColumn, StockListItem } from '../api/types.ts';
import { useHealth } from '../components/HealthContext.tsx';
import { ScoreBadge, ScoreLegend, StarButton } from '../components/Score.tsx';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { Change, ScrollRegion, TickerLink } from '../components/StockList.tsx';
import { type CsvColumn, csvFileName, downloadCsv, exportColumns, toCsv } from '../lib/csv.ts';
import { formatMarketCap, formatMoney, formatMultiple, formatRatio, formatScore } from '../lib/format.ts';
import { useApi, useDebounced, useTitle } from '../lib/hooks.ts';
import {
  PAGE_SIZES,
  parseStocksQuery,
  type StocksViewState,
  stocksQueryString,
  toApiParams,
  toggleSort,
  withFilters,
} from '../lib/stocks-url.ts';
import './Stocks.css';

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

const cellClass = (c: Column) => [c.num ? 'num' : '', c.cls ?? ''].join(' ').trim() || undefined;

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
async function fetchAllRows(state: StocksViewState): Promise<StockListItem[]> {
  const rows: StockListItem[] = [];
  const base = toApiParams(state);
  for (let page = 1; page <= 100; page++) {
    const res = await api.stocks({ ...base, page, size: 100 });
    rows.push(...res.items);
    if (page >= res.pages || res.items.length === 0) break;
  }
  return rows;
}

function Pagination({ state, pages, total }: { state: StocksViewState; pages: number; total: number }) {
  const href = (page: number) => `/stocks${stocksQueryString({ ...state, page })}`;
  const first = total === 0 ? 0 : (state.page - 1) * state.size + 1;
  const last = Math.min(total, state.page * state.size);
  const link = (page: number, label: string, text: string, disabled: boolean) =>
    disabled ? (
      <span class="page-link disabled" aria-hidden="true">
        {text}
      </span>
    ) : (
      <a class="page-link" href={href(page)} aria-label={label}>
        {text}
      </a>
    );
  return (
    <nav class="pagination" aria-label="Pages">
      <p class="muted" aria-live="polite">
        {total === 0 ? 'No stocks' : `Showing ${first}–${last} of ${total} stocks`}
      </p>
      <div class="page-links">
        {link(1, 'First page', '«', state.page <= 1)}
        {link(state.page - 1, 'Previous page', '‹ Prev', state.page <= 1)}
        <span class="page-current" aria-current="page">
          Page {Math.min(state.page, Math.max(pages, 1))} of {Math.max(pages, 1)}
        </span>
        {link(state.page + 1, 'Next page', 'Next ›', state.page >= pages)}
        {link(pages, 'Last page', '»', state.page >= pages)}
      </div>
    </nav>
  );
}

/** A 0-100 score bound: typed freely, applied on change (Enter or leaving the field). */
function ScoreInput(props: {
  id: string;
  label: string;
  placeholder: string;
  value: number | null;
  onCommit: (value: number | null) => void;
}) {
  const shown = props.value === null ? '' : String(props.value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <div class="field field-narrow">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step={1}
        placeholder={props.placeholder}
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value.trim();
          const n = raw === '' ? null : Math.max(0, Math.min(100, Number(raw)));
          const next = n === null || Number.isNaN(n) ? null : n;
          if (next === props.value) setText(shown);
          else props.onCommit(next);
        }}
      />
    </div>
  );
}

export default function Stocks() {
  useTitle('Stocks');
  const { query, route } = useLocation();
  const state = parseStocksQuery(query);
  const go = (next: StocksViewState, replace = false) => route(`/stocks${stocksQueryString(next)}`, replace);

  const key = stocksQueryString(state);
  const data = useApi((signal) => api.stocks(toApiParams(state), signal), [key], { keepPrevious: true });
  const sectors = useApi(() => sectorsCached(), []);

  // The search box types freely; the URL follows after a short pause (replacing, not pushing, history).
  const [text, setText] = useState(state.q);
  const debounced = useDebounced(text, 300);
  useEffect(() => {
    if (state.q !== text.trim()) setText(state.q);
    // Follow the URL only (Back/Forward, links), not every keystroke.
  }, [state.q]);
  useEffect(() => {
    if (debounced.trim() !== state.q) go(withFilters(state, { q: debounced.trim() }), true);
    // React to the debounced text only.
  }, [debounced]);

  const [exporting, setExporting] = useState<'idle' | 'busy' | string>('idle');
  const sample = useHealth()?.data?.data?.sample ?? false;
  const exportCsv = async () => {
    setExporting('busy');
    try {
      const rows = await fetchAllRows(state);
      downloadCsv(
        csvFileName(state.sector ? `stocks-${state.sector}` : 'stocks', new Date(), sample),
        toCsv(exportColumns(STOCK_CSV_COLUMNS, sample), rows),
      );
      setExporting('idle');
    } catch (err) {
      setExporting(`Export failed: ${errorMessage(err)}`);
    }
  };

  const scoreInput = (name: 'minScore' | 'maxScore', label: string, id: string) => (
    <ScoreInput
      id={id}
      label={label}
      placeholder={name === 'minScore' ? '0' : '100'}
      value={state[name]}
      onCommit={(n) => go(withFilters(state, { [name]: n }))}
    />
  );

  const filtered = !!(state.q || state.sector || state.minScore !== null || state.maxScore !== null);
  return (
    <>
      <div class="page-head">
        <h1>Stocks</h1>
        <p class="muted">Every stock in the universe. Click a column heading to sort by it.</p>
        <ScoreLegend />
      </div>
      <form class="filters card" aria-label="Filter stocks" onSubmit={(e) => e.preventDefault()}>
        <div class="field field-grow">
          <label for="stocks-q">Search</label>
          <input
            id="stocks-q"
            type="search"
            placeholder="Ticker or company name"
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') go(withFilters(state, { q: text.trim() }), true);
            }}
          />
        </div>
        <div class="field">
          <label for="stocks-sector">Sector</label>
          <select
            id="stocks-sector"
            value={state.sector}
            onChange={(e) => go(withFilters(state, { sector: (e.currentTarget as HTMLSelectElement).value }))}
          >
            <option value="">All sectors</option>
            {(sectors.data?.items ?? []).map((s) => (
              <option key={s.sector} value={s.sector}>
                {s.sector} ({s.count})
              </option>
            ))}
            {state.sector && !sectors.data?.items.some((s) => s.sector === state.sector) && (
              <option value={state.sector}>{state.sector}</option>
            )}
          </select>
        </div>
        {scoreInput('minScore', 'Min score', 'stocks-min')}
        {scoreInput('maxScore', 'Max score', 'stocks-max')}
        <div class="field field-narrow">
          <label for="stocks-size">Rows</label>
          <select
            id="stocks-size"
            value={String(state.size)}
            onChange={(e) =>
              go(withFilters(state, { size: Number((e.currentTarget as HTMLSelectElement).value) }))
            }
          >
            {[...new Set([...PAGE_SIZES, state.size])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
          </select>
        </div>
        <div class="field field-actions">
          {filtered && (
            <a class="btn btn-quiet" href="/stocks">
              Reset
            </a>
          )}
          <button type="button" class="btn" onClick={exportCsv} disabled={exporting === 'busy'}>
            {exporting === 'busy' ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </form>
      {exporting !== 'idle' && exporting !== 'busy' && (
        <p class="inline-error" role="alert">
          {exporting}
        </p>
      )}
      <AsyncView
        state={data}
        label="stocks"
        isEmpty={(d) => d.total === 0}
        empty={
          <EmptyState title="No stocks match these filters.">
            <a href="/stocks">Clear the filters</a> or widen the score range.
          </EmptyState>
        }
      >
        {(d) => (
          <>
            <ScrollRegion label="Stocks table (scrolls sideways; ticker and score stay in view)">
              <table class="data stocks-table">
                <caption class="visually-hidden">
                  Stocks sorted by {STOCK_COLUMNS.find((c) => c.key === state.sort)?.title ?? state.sort},{' '}
                  {state.order === 'asc' ? 'ascending' : 'descending'}; page {d.page} of {d.pages}
                </caption>
                <thead>
                  <tr>
                    {STOCK_COLUMNS.map((c) => {
                      const sorted = state.sort === c.key;
                      return (
                        <th
                          key={c.key}
                          scope="col"
                          class={cellClass(c)}
                          aria-sort={sorted ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none'}
                        >
                          <button
                            type="button"
                            class={`sort${sorted ? ' sorted' : ''}`}
                            title={`Sort by ${c.title ?? c.label}`}
                            onClick={() => go(toggleSort(state, c.key))}
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
                  {d.items.map((s) => (
                    <tr key={s.ticker}>
                      {STOCK_COLUMNS.map((c) =>
                        c.key === 'ticker' ? (
                          <th key={c.key} scope="row" class={cellClass(c)}>
                            {c.cell(s)}
                          </th>
                        ) : (
                          <td key={c.key} class={cellClass(c)}>
                            {c.cell(s)}
                          </td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            {d.items.length === 0 && d.total > 0 && (
              <EmptyState title={`Page ${state.page} is past the end.`}>
                <a href={`/stocks${stocksQueryString({ ...state, page: 1 })}`}>Go to the first page</a>
              </EmptyState>
            )}
            <Pagination state={state} pages={d.pages} total={d.total} />
          </>
        )}
      </AsyncView>
    </>
  );
}
