/**
 * Between the stocks page's view state and its filters as the user sees them: chips ("Dividend
 * yield ≥ 2 %"), bounds typed in the unit the user thinks in (percent for fractions, 10B for
 * money), filters applied from words or a strategy, and a strategy's rules mapped to filters.
 */
import { parseScreenWords, type ScreenFilter, type Unit, type WordsCatalog } from './screen-words.ts';
import { boundOf, type StocksViewState, splitList, withBound, withFilters } from './stocks-url.ts';

const round = (n: number) => Number(n.toPrecision(12));

const BIG: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** 10e9 → "10B", 2.5e6 → "2.5M", 950 → "950". */
function compact(v: number): string {
  const abs = Math.abs(v);
  for (const [size, unit] of BIG) if (abs >= size) return `${round(v / size)}${unit}`;
  return String(round(v));
}

/** A bound as typed in the panel's box: percent for fractions, K/M/B/T for money and volumes. */
export function boundText(unit: Unit, v: number | null): string {
  if (v === null) return '';
  if (unit === 'fraction') return String(round(v * 100));
  if (unit === 'usd' || unit === 'shares') return compact(v);
  return String(round(v));
}

/** A bound as shown on a chip: "2 %", "$10B", "1.5M", "15". */
export function boundLabel(unit: Unit, v: number): string {
  switch (unit) {
    case 'fraction':
      return `${round(v * 100)} %`;
    case 'percent':
      return `${round(v)} %`;
    case 'usd':
      return `${v < 0 ? '-' : ''}$${compact(Math.abs(v))}`;
    case 'shares':
      return compact(v);
    default:
      return String(round(v));
  }
}

/** The unit a panel box is typed in, for its label ("%", "$", "x"). */
export function inputUnit(unit: Unit): string {
  switch (unit) {
    case 'fraction':
    case 'percent':
      return '%';
    case 'usd':
      return '$';
    case 'ratio':
      return 'x';
    default:
      return '';
  }
}

export interface MetricInfo {
  key: string;
  label: string;
  unit: Unit;
}

/** A chip's words: "P/E 10 to 20", "Dividend yield ≥ 2 %", "Sector: Energy, Utilities". */
export function describeFilter(f: ScreenFilter, metric: MetricInfo | undefined): string {
  const label = metric?.label ?? f.key;
  if (f.kind === 'values') return `${label}: ${f.values.join(', ')}`;
  const unit = metric?.unit ?? 'ratio';
  if (f.min !== null && f.max !== null)
    return f.min === f.max
      ? `${label} = ${boundLabel(unit, f.min)}`
      : `${label} ${boundLabel(unit, f.min)} to ${boundLabel(unit, f.max)}`;
  if (f.min !== null) return `${label} ≥ ${boundLabel(unit, f.min)}`;
  return `${label} ≤ ${boundLabel(unit, f.max ?? 0)}`;
}

/** The view's filters, in a stable order: lists first, then bounds (score first). */
export function filtersOf(state: StocksViewState): ScreenFilter[] {
  const out: ScreenFilter[] = [];
  for (const key of ['sector', 'industry', 'exchange'] as const)
    if (state[key]) out.push({ kind: 'values', key, values: splitList(state[key]) });
  if (state.minScore !== null || state.maxScore !== null)
    out.push({ kind: 'range', key: 'score', min: state.minScore, max: state.maxScore });
  for (const [key, b] of Object.entries(state.ranges))
    out.push({ kind: 'range', key, min: b.min, max: b.max });
  return out;
}

/** A view with these filters added: each replaces the view's filter on the same metric. */
export function applyFilters(state: StocksViewState, filters: readonly ScreenFilter[]): StocksViewState {
  let next = state;
  for (const f of filters) {
    if (f.kind === 'values') next = withFilters(next, { [f.key]: f.values.join(',') });
    else next = withBound(next, f.key, { min: f.min, max: f.max });
  }
  return next;
}

/** A view without one filter. */
export function removeFilter(state: StocksViewState, f: ScreenFilter): StocksViewState {
  if (f.kind === 'values') return withFilters(state, { [f.key]: '' });
  return withBound(state, f.key, { min: null, max: null });
}

/** Whether a metric is bounded in the view. */
export const isBounded = (state: StocksViewState, key: string) => {
  const b = boundOf(state, key);
  return b.min !== null || b.max !== null;
};

export interface StrategyMapping {
  filters: ScreenFilter[];
  /** The rules the filters express. */
  expressed: string[];
  /** The rules no catalog filter expresses (left out). */
  notExpressed: string[];
}

/**
 * A strategy's rules as filters: each rule is read by the words parser; a rule becomes filters
 * only when every word of it is understood, otherwise it is reported as not expressed. A strict
 * bound ("> 0") becomes an inclusive one (the API's bounds include their value).
 */
export function strategyFilters(rules: readonly string[], catalog: WordsCatalog): StrategyMapping {
  const filters: ScreenFilter[] = [];
  const expressed: string[] = [];
  const notExpressed: string[] = [];
  for (const rule of rules) {
    // "(latest year)" says which figure the metric already is.
    const words = rule.replace(/\((latest year|safe zone)\)/gi, ' ');
    const r = parseScreenWords(words, catalog);
    // "A or B" over different metrics is a disjunction the screen's filters (all must hold) cannot say.
    const disjunction =
      /\bor\b/i.test(words) && (r.filters.length > 1 || r.filters.some((f) => f.kind === 'range'));
    if (r.filters.length === 0 || r.unknown.length > 0 || r.notes.length > 0 || disjunction) {
      notExpressed.push(rule);
      continue;
    }
    expressed.push(rule);
    for (const f of r.filters) {
      const same = filters.find((x) => x.kind === f.kind && x.key === f.key);
      if (!same) filters.push(f);
      else if (same.kind === 'range' && f.kind === 'range') {
        if (f.min !== null) same.min = same.min === null ? f.min : Math.max(same.min, f.min);
        if (f.max !== null) same.max = same.max === null ? f.max : Math.min(same.max, f.max);
      } else if (same.kind === 'values' && f.kind === 'values')
        same.values = same.values.filter((v) => f.values.includes(v));
    }
  }
  return { filters, expressed, notExpressed };
}
