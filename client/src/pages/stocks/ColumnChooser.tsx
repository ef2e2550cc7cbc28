/**
 * The column chooser: finviz-like views (Overview, Valuation, Financial, Performance,
 * Technical, Scores, from the catalog's presets), the default view, and custom columns chosen
 * metric by metric. The choice is `columns=` in the URL.
 */
import type { StocksViewState } from '../../lib/stocks-url.ts';
import { withFilters } from '../../lib/stocks-url.ts';
import type { Catalog } from './catalog.ts';

/** The default view's metric columns (the rows carry them without `columns=`). */
const DEFAULT_COLUMN_KEYS = [
  'rank',
  'sector',
  'price',
  'change_pct',
  'market_cap',
  'pe',
  'dividend_yield',
  'value',
  'quality',
  'growth',
  'momentum',
  'risk',
  'dividend',
] as const;

const same = (a: readonly string[] | null, b: readonly string[]) =>
  !!a && a.length === b.length && a.every((k, i) => k === b[i]);

export function ColumnChooser(props: {
  state: StocksViewState;
  catalog: Catalog | undefined;
  go: (next: StocksViewState) => void;
}) {
  const { state, catalog } = props;
  const presets = catalog?.presets ?? [];
  const current = state.columns ?? DEFAULT_COLUMN_KEYS;
  const preset =
    state.columns === null ? 'default' : presets.find((p) => same(state.columns, p.columns))?.key;
  const setColumns = (columns: readonly string[] | null) => {
    // A sort on a column that goes away stays (the API sorts by any metric); the page stays too.
    props.go(withFilters(props.state, { columns, page: props.state.page }));
  };
  const toggle = (key: string, on: boolean) => {
    const next = on ? [...current, key] : current.filter((k) => k !== key);
    setColumns(next.length > 0 ? next : null);
  };
  return (
    <div class="column-chooser">
      <fieldset class="view-buttons">
        <legend class="views-label">Columns</legend>
        <button
          type="button"
          class="btn btn-small btn-toggle"
          aria-pressed={preset === 'default'}
          onClick={() => setColumns(null)}
        >
          Default
        </button>
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            class="btn btn-small btn-toggle"
            aria-pressed={preset === p.key}
            onClick={() => setColumns(p.columns)}
          >
            {p.label}
          </button>
        ))}
        {catalog && (
          <details class="custom-columns">
            <summary class="btn btn-small btn-toggle">
              Custom{preset === undefined ? ' (in use)' : ''}
            </summary>
            <div class="custom-columns-body">
              {catalog.groups.map((g) => (
                <fieldset key={g}>
                  <legend>{g}</legend>
                  {catalog.metrics
                    .filter((m) => m.group === g && m.key !== 'score')
                    .map((m) => (
                      <label key={m.key} class="check">
                        <input
                          type="checkbox"
                          checked={current.includes(m.key)}
                          onChange={(e) => toggle(m.key, (e.currentTarget as HTMLInputElement).checked)}
                        />
                        {m.label}
                      </label>
                    ))}
                </fieldset>
              ))}
              <p class="muted small">Ticker, name and the score are always shown.</p>
            </div>
          </details>
        )}
      </fieldset>
    </div>
  );
}
