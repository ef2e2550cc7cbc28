/**
 * The filter panel: every metric of the catalog, by its groups, with min/max boxes typed in the
 * unit the user thinks in (percent for fractions, 10B for money), and the sector, industry and
 * exchange lists. Changes make a draft; a debounced request counts the draft's matches as the
 * user types, and "Show" puts the draft in the URL (one history entry, so Back undoes it).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api/client.ts';
import { useApi, useDebounced } from '../../lib/hooks.ts';
import { boundText, inputUnit, isBounded } from '../../lib/screen-filters.ts';
import { parseBoundInput, type Unit } from '../../lib/screen-words.ts';
import {
  boundOf,
  isFiltered,
  parseStocksQuery,
  type StocksViewState,
  splitList,
  stocksQueryString,
  toApiParams,
  withBound,
  withFilters,
  withoutFilters,
} from '../../lib/stocks-url.ts';
import type { Catalog, CatalogMetric } from './catalog.ts';

const fieldId = (key: string, end: string) => `f-${key}-${end}`;

/** The id to focus to edit a metric's filter in the panel. */
const filterFocusId = (key: string) =>
  key === 'sector' || key === 'exchange' || key === 'industry' ? fieldId(key, 'list') : fieldId(key, 'min');

function RangeBox(props: {
  metric: CatalogMetric;
  end: 'min' | 'max';
  value: number | null;
  onValue: (v: number | null) => void;
}) {
  const { metric, end } = props;
  const unit = metric.unit as Unit;
  const shown = boundText(unit, props.value);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // Follow the draft when it changes from elsewhere (a reset), not while the text means the same.
    if (parseBoundInput(unit, text) !== props.value) {
      setText(shown);
      setBad(false);
    }
  }, [shown]);
  const id = fieldId(metric.key, end);
  return (
    <>
      <label for={id} class="visually-hidden">
        {metric.label} {end === 'min' ? 'minimum' : 'maximum'}
        {inputUnit(unit) ? ` (${inputUnit(unit) === 'x' ? 'a multiple' : inputUnit(unit)})` : ''}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        class={`range-input${bad ? ' invalid' : ''}`}
        placeholder={end}
        value={text}
        aria-invalid={bad ? 'true' : undefined}
        onInput={(e) => {
          const t = (e.currentTarget as HTMLInputElement).value;
          setText(t);
          const v = parseBoundInput(unit, t);
          setBad(v === undefined);
          if (v !== undefined) props.onValue(v);
        }}
      />
    </>
  );
}

type SetDraft = (update: (draft: StocksViewState) => StocksViewState) => void;

function RangeRow(props: { metric: CatalogMetric; draft: StocksViewState; set: SetDraft }) {
  const { metric, draft } = props;
  const b = boundOf(draft, metric.key);
  const unit = inputUnit(metric.unit as Unit);
  return (
    <div class={`range-row${b.min !== null || b.max !== null ? ' active' : ''}`} title={metric.description}>
      <span class="range-label" aria-hidden="true">
        {metric.label}
      </span>
      <RangeBox
        metric={metric}
        end="min"
        value={b.min}
        onValue={(v) =>
          props.set((d) => withBound(d, metric.key, { min: v, max: boundOf(d, metric.key).max }))
        }
      />
      <span class="range-dash" aria-hidden="true">
        –
      </span>
      <RangeBox
        metric={metric}
        end="max"
        value={b.max}
        onValue={(v) =>
          props.set((d) => withBound(d, metric.key, { min: boundOf(d, metric.key).min, max: v }))
        }
      />
      <span class="range-unit" aria-hidden="true">
        {unit}
      </span>
    </div>
  );
}

function ListChoice(props: { metric: CatalogMetric; draft: StocksViewState; set: SetDraft }) {
  const key = props.metric.key as 'sector' | 'industry' | 'exchange';
  const chosen = splitList(props.draft[key]);
  const values = props.metric.values ?? [];
  const setChosen = (next: string[]) => props.set((d) => withFilters(d, { [key]: next.join(',') }));
  if (key === 'industry') {
    return (
      <div class="list-choice">
        <label for={fieldId(key, 'list')}>{props.metric.label}</label>
        <select
          id={fieldId(key, 'list')}
          multiple
          size={6}
          onChange={(e) =>
            setChosen([...(e.currentTarget as HTMLSelectElement).selectedOptions].map((o) => o.value))
          }
        >
          {values.map((v) => (
            <option key={v.value} value={v.value} selected={chosen.includes(v.value)}>
              {v.value} ({v.count})
            </option>
          ))}
        </select>
        <span class="muted small">Ctrl or Shift with a click or the arrows chooses several.</span>
      </div>
    );
  }
  return (
    <fieldset class="list-choice">
      <legend>{props.metric.label}</legend>
      <div class="checks">
        {values.map((v, i) => (
          <label key={v.value} class="check">
            <input
              type="checkbox"
              id={i === 0 ? fieldId(key, 'list') : undefined}
              checked={chosen.includes(v.value)}
              onChange={(e) =>
                setChosen(
                  (e.currentTarget as HTMLInputElement).checked
                    ? [...chosen, v.value]
                    : chosen.filter((c) => c !== v.value),
                )
              }
            />
            {v.value} <span class="muted">({v.count})</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Whether a group of the panel holds a filter of the view. */
function activeIn(catalog: Catalog, state: StocksViewState, group: string): boolean {
  return catalog.metrics.some(
    (m) =>
      m.group === group &&
      (m.unit === 'text' ? !!state[m.key as 'sector' | 'industry' | 'exchange'] : isBounded(state, m.key)),
  );
}

export function FilterPanel(props: {
  state: StocksViewState;
  catalog: Catalog;
  go: (next: StocksViewState) => void;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** A metric to bring into view and focus (a chip's edit). */
  focus: { key: string; n: number } | null;
}) {
  const { state, catalog } = props;
  const [draft, setDraft] = useState(state);
  const stateKey = stocksQueryString(state);
  useEffect(() => setDraft(state), [stateKey]);

  // The live count: the draft's matches, asked for 300 ms after the last change.
  const draftKey = stocksQueryString({ ...draft, page: 1, columns: null });
  const asked = useDebounced(draftKey, 300);
  const count = useApi(
    (signal) =>
      api.stocks({ ...toApiParams(parseStocksQuery(new URLSearchParams(asked))), page: 1, size: 1 }, signal),
    [asked],
    { keepPrevious: true },
  );
  const pending = asked !== draftKey || count.loading;
  const changed = draftKey !== stocksQueryString({ ...state, page: 1, columns: null });

  const groupOf = (key: string) => catalog.metrics.find((m) => m.key === key)?.group;
  // Open at first: the descriptive group and every group with a filter; then as the user leaves them.
  const [openGroups, setOpenGroups] = useState<Set<string>>(
    () => new Set(['Descriptive', ...catalog.groups.filter((g) => activeIn(catalog, state, g))]),
  );
  useEffect(() => {
    if (!props.focus) return;
    const g = groupOf(props.focus.key);
    if (g && !openGroups.has(g)) setOpenGroups(new Set([...openGroups, g]));
    const id = filterFocusId(props.focus.key);
    // After the group opens.
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
  }, [props.focus?.n]);

  const active = (group: string) => activeIn(catalog, draft, group);
  const countText =
    count.error !== undefined
      ? `Could not count: ${errorMessage(count.error)}`
      : count.data === undefined
        ? 'Counting…'
        : `${count.data.total} of ${catalog.universe} stocks match${pending ? ' (updating…)' : ''}`;

  return (
    <details
      class="card filter-panel"
      open={props.open}
      onToggle={(e) => props.onToggle((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span class="summary-title">Filter on any metric</span>
        <span class="muted small">
          {' '}
          {catalog.metrics.length} metrics in {catalog.groups.length} groups
        </span>
      </summary>
      <div class="filter-groups">
        {catalog.groups.map((g) => (
          <details
            key={g}
            class={`filter-group${active(g) ? ' has-active' : ''}`}
            open={openGroups.has(g)}
            onToggle={(e) => {
              const open = (e.currentTarget as HTMLDetailsElement).open;
              const next = new Set(openGroups);
              if (open) next.add(g);
              else next.delete(g);
              if (open !== openGroups.has(g)) setOpenGroups(next);
            }}
          >
            <summary>
              {g}
              {active(g) && <span class="visually-hidden"> (filtered)</span>}
              {active(g) && (
                <span class="dot" aria-hidden="true">
                  {' '}
                  ●
                </span>
              )}
            </summary>
            <div class="filter-group-body">
              {catalog.metrics
                .filter((m) => m.group === g)
                .map((m) =>
                  m.unit === 'text' ? (
                    <ListChoice key={m.key} metric={m} draft={draft} set={setDraft} />
                  ) : (
                    <RangeRow key={m.key} metric={m} draft={draft} set={setDraft} />
                  ),
                )}
            </div>
          </details>
        ))}
      </div>
      <div class="filter-actions">
        <p class="match-count-live" role="status" aria-live="polite">
          {countText}
        </p>
        <button type="button" class="btn btn-quiet" onClick={() => setDraft(state)} disabled={!changed}>
          Undo changes
        </button>
        <button
          type="button"
          class="btn btn-quiet"
          onClick={() => setDraft(withoutFilters(draft))}
          disabled={!isFiltered(draft)}
        >
          Clear all
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => {
            props.go({ ...draft, page: 1 });
            // On a phone the open panel hides the table it just filtered.
            if (window.matchMedia('(max-width: 640px)').matches) props.onToggle(false);
          }}
          disabled={!changed}
        >
          Show {count.data && !pending ? count.data.total : ''} stocks
        </button>
      </div>
    </details>
  );
}
