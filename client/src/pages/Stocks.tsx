/**
 * The stocks table: sort by any column, filter by sector and score range, search, paginate.
 * The whole view lives in the URL (`/stocks?sector=Energy&sort=pe&order=asc&page=2`), so
 * a shared link reopens the same view and Back/Forward walk through views. The columns, the CSV
 * export, the pagination and the score inputs are in ./stocks/.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorMessage, sectorsCached } from '../api/client.ts';
import { useHealth } from '../components/HealthContext.tsx';
import { ScoreLegend } from '../components/Score.tsx';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { ScrollRegion } from '../components/StockList.tsx';
import { csvFileName, downloadCsv, exportColumns, toCsv } from '../lib/csv.ts';
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
import { cellClass, STOCK_COLUMNS } from './stocks/columns.tsx';
import { fetchAllRows, STOCK_CSV_COLUMNS } from './stocks/csv.ts';
import { Pagination } from './stocks/Pagination.tsx';
import { ScoreInput } from './stocks/ScoreInput.tsx';
import './Stocks.css';

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
