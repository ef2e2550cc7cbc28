/**
 * The screener's answers (`schemas.ts`): a strategy's description with today's counts, and
 * its ranked matches. Pure functions, run inside the screener's cache loaders (the cache
 * keeps the presented body).
 */
import {
  CAP_BUCKETS,
  CATALOG,
  GROUPS,
  type NumericKey,
  PRESETS,
  presetsOf,
  type TextKey,
  UNIT_DESCRIPTIONS,
  UNITS,
} from '../api/catalog.ts';
import { STRATEGY_METRIC_FORMATS } from '../api/metrics.ts';
import {
  type RankedMatch,
  ruleFailures,
  type Strategy,
  type StrategyRow,
  strategyContext,
} from '../scoring/strategies.ts';
import { round } from '../stocks/presenters.ts';
import type { ScreenTable } from './columns.ts';
import type { Heatmap, ScreenerCatalog, StrategyResult, StrategySummary } from './schemas.ts';

/** The day-change and market-cap fields a match shows beside the strategy's own numbers, by ticker. */
export type QuoteFields = Record<string, { change_pct: number | null; market_cap: number | null }>;

/** A strategy's description with today's counts over the screened universe. */
export function strategySummary(st: Strategy, rows: readonly StrategyRow[]): StrategySummary {
  const ctx = strategyContext(rows);
  return {
    id: st.id,
    name: st.name,
    description: st.description,
    source: st.source,
    rules: st.rules,
    ranking: st.ranking,
    matches: rows.reduce((n, r) => n + (st.filter(r, ctx) ? 1 : 0), 0),
    screened: rows.length,
    excluded_by: ruleFailures(st, rows, ctx),
  };
}

/** A strategy's first `limit` matches out of all of them, with the universe's counts. */
export function strategyResult(
  strategy: Strategy,
  rows: readonly StrategyRow[],
  quotes: QuoteFields,
  matches: readonly RankedMatch[],
  limit: number,
): StrategyResult {
  const format = STRATEGY_METRIC_FORMATS[strategy.id] ?? 'num';
  return {
    strategy: strategySummary(strategy, rows),
    total_matches: matches.length,
    items: matches.slice(0, limit).map((m) => {
      const quote = quotes[m.ticker];
      return {
        rank: m.rank,
        ticker: m.ticker,
        name: m.name,
        sector: m.sector,
        price: m.price,
        change_pct: round(quote?.change_pct, 4),
        market_cap: quote?.market_cap ?? null,
        score: m.score,
        metric: { label: m.metric.label, value: m.metric.value, format },
        reasons: m.reasons ?? [],
      };
    }),
  };
}

/** The metric catalog with what today's data holds: each numeric metric's range, each text metric's values. */
export function screenerCatalog(t: ScreenTable): ScreenerCatalog {
  return {
    universe: t.size,
    metrics: CATALOG.map((m) => {
      const text = m.unit === 'text';
      return {
        key: m.key,
        label: m.label,
        unit: m.unit,
        format: m.format,
        group: m.group,
        description: m.description,
        presets: presetsOf(m.key),
        filter: text
          ? { kind: 'values' as const, params: [m.key] }
          : { kind: 'range' as const, params: [`${m.key}_min`, `${m.key}_max`] },
        stats: text ? null : columnStats(t.numbers[m.key as NumericKey]),
        values: text ? valueCounts(t, m.key as TextKey) : null,
      };
    }),
    units: UNITS.map((key) => ({ key, description: UNIT_DESCRIPTIONS[key] })),
    groups: [...GROUPS],
    presets: PRESETS.map((p) => ({ key: p.key, label: p.label, columns: [...p.columns] })),
    caps: CAP_BUCKETS.map((b) => ({ key: b.key, label: b.label, min: b.min, max: b.max })),
  };
}

function columnStats(col: Float64Array): { count: number; min: number | null; max: number | null } {
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of col) {
    if (Number.isNaN(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count ? { count, min, max } : { count, min: null, max: null };
}

function valueCounts(t: ScreenTable, key: TextKey): { value: string; count: number }[] {
  const { codes, values } = t.text[key];
  const counts = new Array<number>(values.length).fill(0);
  for (const c of codes) counts[c]++;
  return values.map((value, i) => ({ value, count: counts[i] }));
}

/**
 * The map of the market: every stock with a market cap, grouped by sector and industry, each
 * group's total cap, largest first at every level (a treemap lays them out in that order).
 */
export function heatmap(t: ScreenTable): Heatmap {
  const num = (key: 'market_cap' | 'price' | 'change_pct' | 'perf_1w' | 'perf_1m' | 'score', i: number) => {
    const v = t.numbers[key][i];
    return Number.isFinite(v) ? v : null;
  };
  const text = (key: 'sector' | 'industry', i: number) => t.text[key].values[t.text[key].codes[i]] ?? '';
  const sectors = new Map<string, Map<string, Heatmap['sectors'][number]['industries'][number]['stocks']>>();
  let count = 0;
  for (let i = 0; i < t.size; i++) {
    const cap = num('market_cap', i);
    if (cap === null || cap <= 0) continue;
    const sector = text('sector', i);
    const industry = text('industry', i);
    let industries = sectors.get(sector);
    if (!industries) {
      industries = new Map();
      sectors.set(sector, industries);
    }
    let stocks = industries.get(industry);
    if (!stocks) {
      stocks = [];
      industries.set(industry, stocks);
    }
    stocks.push({
      ticker: t.tickers[i],
      name: t.names[i],
      market_cap: cap,
      price: num('price', i),
      change_pct: num('change_pct', i),
      perf_1w: num('perf_1w', i),
      perf_1m: num('perf_1m', i),
      score: num('score', i),
    });
    count++;
  }
  const total = (xs: Array<{ market_cap: number }>) => xs.reduce((a, x) => a + x.market_cap, 0);
  const bySize = (a: { market_cap: number }, b: { market_cap: number }) => b.market_cap - a.market_cap;
  return {
    stocks: count,
    sectors: [...sectors]
      .map(([sector, industries]) => {
        const list = [...industries]
          .map(([industry, stocks]) => ({ industry, market_cap: total(stocks), stocks: stocks.sort(bySize) }))
          .sort(bySize);
        return { sector, market_cap: total(list), industries: list };
      })
      .sort(bySize),
  };
}
