/** The active filters as chips: each names its filter, opens it in the panel, and removes it. */
import { describeFilter, filtersOf, removeFilter } from '../../lib/screen-filters.ts';
import type { StocksViewState } from '../../lib/stocks-url.ts';
import { type Catalog, metricInfo } from './catalog.ts';

export function FilterChips(props: {
  state: StocksViewState;
  catalog: Catalog | undefined;
  go: (next: StocksViewState) => void;
  onEdit: (key: string) => void;
}) {
  const filters = filtersOf(props.state);
  if (filters.length === 0) return null;
  return (
    <ul class="filter-chips" aria-label="Active filters">
      {filters.map((f) => {
        const text = describeFilter(f, metricInfo(props.catalog, f.key));
        return (
          <li key={f.key} class="chip">
            <button
              type="button"
              class="chip-edit"
              onClick={() => props.onEdit(f.key)}
              title="Change this filter in the filter panel"
            >
              {text}
            </button>
            <button type="button" class="chip-remove" onClick={() => props.go(removeFilter(props.state, f))}>
              <span aria-hidden="true">×</span>
              <span class="visually-hidden">Remove {text}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
