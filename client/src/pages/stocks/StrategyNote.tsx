/** Filters that came from a named strategy: which of its rules they express and which they cannot. */

import { strategiesCached } from '../../api/client.ts';
import { useApi } from '../../lib/hooks.ts';
import { strategyFilters } from '../../lib/screen-filters.ts';
import { type Catalog, wordsCatalog } from './catalog.ts';

export function StrategyNote(props: { id: string; catalog: Catalog }) {
  const list = useApi(() => strategiesCached(), []);
  const s = list.data?.items.find((x) => x.id === props.id);
  if (!s) return null;
  const m = strategyFilters(s.rules, wordsCatalog(props.catalog));
  return (
    <div class="strategy-note card" role="note" aria-label={`From the strategy ${s.name}`}>
      <p>
        From the strategy <a href={`/screener/${encodeURIComponent(s.id)}`}>{s.name}</a>: {m.expressed.length}{' '}
        of {s.rules.length} rules are filters below; edit them freely.
      </p>
      {m.notExpressed.length > 0 && (
        <>
          <p class="muted small">
            No filter expresses these rules, so they are left out (the strategy page applies them):
          </p>
          <ul class="small">
            {m.notExpressed.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
