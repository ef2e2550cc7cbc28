/**
 * The stocks page, a screener: sort by any metric, filter on any metric (the filter panel, or a
 * screen in words), choose the columns (finviz-like views or custom), save screens by name,
 * open a strategy's rules as filters, search, paginate. The whole view lives in the URL
 * (`/stocks?sector=Energy&pe_max=15&columns=pe,pb&sort=pe&order=asc&page=2`), so a shared link
 * reopens the same view and Back/Forward walk through views. The parts are in ./stocks/.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorMessage, screenerMetricsCached, sectorsCached, strategiesCached } from '../api/client.ts';
import type { StockListItem } from '../api/types.ts';
import { useHealth } from '../components/HealthContext.tsx';
import { ScoreLegend } from '../components/Score.tsx';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { ScrollRegion } from '../components/StockList.tsx';
import { csvFileName, downloadCsv, exportColumns, toCsv } from '../lib/csv.ts';
import { useApi, useDebounced, useTitle } from '../lib/hooks.ts';
import { applyFilters, strategyFilters } from '../lib/screen-filters.ts';
import {
  isFiltered,
  PAGE_SIZES,
  parseStocksQuery,
  type StocksViewState,
  stocksQueryString,
  toApiParams,
  toggleSort,
  withFilters,
  withoutFilters,
} from '../lib/stocks-url.ts';
import { ColumnChooser } from './stocks/ColumnChooser.tsx';
import { wordsCatalog } from './stocks/catalog.ts';
import { cellClass, STOCK_COLUMNS } from './stocks/columns.tsx';
import { fetchAllRows, STOCK_CSV_COLUMNS, screenCsvColumns } from './stocks/csv.ts';
import { FilterChips } from './stocks/FilterChips.tsx';
import { FilterPanel } from './stocks/FilterPanel.tsx';
import { Pagination } from './stocks/Pagination.tsx';
import { SavedScreensBar } from './stocks/SavedScreensBar.tsx';
import { ScoreInput } from './stocks/ScoreInput.tsx';
import { ScreenTable } from './stocks/ScreenTable.tsx';
import { ScreenWords } from './stocks/ScreenWords.tsx';
import { StrategyNote } from './stocks/StrategyNote.tsx';
import './Stocks.css';
import './stocks/Screen.css';

export default function Stocks() {
  useTitle('Stocks');
  const { query, route } = useLocation();
  const state = parseStocksQuery(query);
  const go = (next: StocksViewState, replace = false) => route(`/stocks${stocksQueryString(next)}`, replace);

  const key = stocksQueryString(state);
  const data = useApi((signal) => api.screen(toApiParams(state), signal), [key], { keepPrevious: true });
  const sectors = useApi(() => sectorsCached(), []);
  const catalogState = useApi(() => screenerMetricsCached(), []);
  const catalog = catalogState.data;
  const [panelOpen, setPanelOpen] = useState(false);
  const [focus, setFocus] = useState<{ key: string; n: number } | null>(null);
  const editFilter = (k: string) => {
    setPanelOpen(true);
    setFocus({ key: k, n: (focus?.n ?? 0) + 1 });
  };

  // `?strategy=<id>` (a link from the screener): the strategy's rules become editable filters.
  const strategyId = (query.strategy ?? '').trim();
  const strategies = useApi(() => (strategyId ? strategiesCached() : Promise.resolve(null)), [strategyId]);
  useEffect(() => {
    if (!strategyId || !catalog || strategies.data === undefined) return;
    const s = strategies.data?.items.find((x) => x.id === strategyId);
    const base = withoutFilters(state);
    const next = s
      ? { ...applyFilters(base, strategyFilters(s.rules, wordsCatalog(catalog)).filters), from: s.id }
      : base;
    route(`/stocks${stocksQueryString(next)}`, true);
  }, [strategyId, catalog, strategies.data]);

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
        toCsv(
          exportColumns(state.columns ? screenCsvColumns(state.columns) : STOCK_CSV_COLUMNS, sample),
          rows,
        ),
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

  const filtered = isFiltered(state);
  return (
    <div class="stocks-page">
      <div class="page-head">
        <h1>Stocks</h1>
        <p class="muted">
          Every stock in the universe: filter on any metric, choose the columns, save the screen. Click a
          column heading to sort by it.
        </p>
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
              <option value={state.sector}>
                {state.sector.includes(',') ? `${state.sector.split(',').length} sectors` : state.sector}
              </option>
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
      <div class="screen-tools">
        <div class="card screen-words-card">
          <ScreenWords state={state} catalog={catalog} go={(n) => go(n)} />
        </div>
        <div class="card saved-card">
          <SavedScreensBar state={state} />
        </div>
      </div>
      {strategyId && <p class="muted">Opening the strategy's rules as filters…</p>}
      {state.from && catalog && <StrategyNote id={state.from} catalog={catalog} />}
      <FilterChips state={state} catalog={catalog} go={(n) => go(n)} onEdit={editFilter} />
      {catalog ? (
        <FilterPanel
          state={state}
          catalog={catalog}
          go={(n) => go(n)}
          open={panelOpen}
          onToggle={setPanelOpen}
          focus={focus}
        />
      ) : catalogState.error !== undefined ? (
        <p class="inline-error">Could not load the metric catalog: {errorMessage(catalogState.error)}</p>
      ) : null}
      <ColumnChooser state={state} catalog={catalog} go={(n) => go(n)} />
      <AsyncView
        state={data}
        label="stocks"
        isEmpty={(d) => d.total === 0}
        empty={
          <EmptyState title="No stocks match these filters.">
            <a href="/stocks">Clear the filters</a> or widen a bound (the chips above list them).
          </EmptyState>
        }
      >
        {(d) => (
          <>
            <p class="match-total muted" aria-live="polite">
              {d.total} stock{d.total === 1 ? '' : 's'} match
            </p>
            <ScrollRegion label="Stocks table (scrolls sideways; ticker and score stay in view)">
              {state.columns && catalog ? (
                <ScreenTable
                  rows={d.items}
                  columns={state.columns}
                  catalog={catalog}
                  state={state}
                  go={(n) => go(n)}
                  caption={`Stocks sorted by ${catalog.metrics.find((m) => m.key === state.sort)?.label ?? state.sort}, ${state.order === 'asc' ? 'ascending' : 'descending'}; page ${d.page} of ${d.pages}`}
                />
              ) : (
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
                    {(d.items as unknown as StockListItem[]).map((s) => (
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
              )}
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
    </div>
  );
}
