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
import type { Heatmap, HeatmapQuery, ScreenerCatalog, StrategyResult, StrategySummary } from './schemas.ts';

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

/** A market cap to 0.01 of the unit the map shows it in (2.95T, 812.34B, 45.67M, 950.12K). */
export function roundCap(v: number): number {
  const abs = Math.abs(v);
  const unit = abs >= 1e12 ? 1e12 : abs >= 1e9 ? 1e9 : abs >= 1e6 ? 1e6 : abs >= 1e3 ? 1e3 : 1;
  // The step is a whole number from 1e3 up, so the product is exact; below, divide instead.
  return unit >= 1e3 ? Math.round(v / (unit / 100)) * (unit / 100) : Math.round(v * 100) / 100;
}

/** A group's running totals: every stock's count and cap, and cap-weighted sums of the colours. */
class Totals {
  count = 0;
  shown = 0;
  cap = 0;
  /** Per colour: the sum of cap × value and of cap over the stocks with a value. */
  readonly sums = [0, 0, 0, 0];
  readonly weights = [0, 0, 0, 0];

  add(cap: number, colours: readonly number[]): void {
    this.count++;
    this.cap += cap;
    for (let k = 0; k < colours.length; k++) {
      if (Number.isNaN(colours[k])) continue;
      this.sums[k] += cap * colours[k];
      this.weights[k] += cap;
    }
  }

  mean(k: number, digits: number): number | null {
    return this.weights[k] > 0 ? round(this.sums[k] / this.weights[k], digits) : null;
  }
}

/** The colour columns, in the order `Totals` keeps them. */
const COLOURS = ['change_pct', 'perf_1w', 'perf_1m', 'score'] as const;

/**
 * The map of the market (or of one sector): the `limit` largest stocks with a market cap,
 * grouped by sector and industry, largest first at every level (a treemap lays them out in
 * that order). Each sector and industry carries its count and total cap over ALL its stocks,
 * listed or not, and each sector its cap-weighted colours, so a sector's tile is as large and
 * as coloured as the whole sector is. Numbers are rounded to what the map shows.
 */
export function heatmap(t: ScreenTable, q: HeatmapQuery): Heatmap {
  const caps = t.numbers.market_cap;
  const colourColumns = COLOURS.map((key) => t.numbers[key]);
  const sectorCol = t.text.sector;
  const industryCol = t.text.industry;
  const wanted = q.sector === undefined ? -1 : sectorCol.values.indexOf(q.sector);

  type SectorTotals = { totals: Totals; rest: Totals; industries: Map<number, Totals> };
  const sectors = new Map<number, SectorTotals>();
  const members: number[] = [];
  const colours = [0, 0, 0, 0];
  for (let i = 0; i < t.size; i++) {
    const cap = caps[i];
    if (!(cap > 0) || !Number.isFinite(cap)) continue;
    const sc = sectorCol.codes[i];
    if (q.sector !== undefined && sc !== wanted) continue;
    members.push(i);
    let sector = sectors.get(sc);
    if (!sector) {
      sector = { totals: new Totals(), rest: new Totals(), industries: new Map() };
      sectors.set(sc, sector);
    }
    const ic = industryCol.codes[i];
    let industry = sector.industries.get(ic);
    if (!industry) {
      industry = new Totals();
      sector.industries.set(ic, industry);
    }
    for (let k = 0; k < colours.length; k++) colours[k] = colourColumns[k][i];
    sector.totals.add(cap, colours);
    industry.add(cap, colours);
  }

  // The largest `limit`, ties by ticker so that equal inputs give equal answers.
  members.sort((a, b) => caps[b] - caps[a] || (t.tickers[a] < t.tickers[b] ? -1 : 1));
  const listed = members.slice(0, q.limit);
  for (let m = listed.length; m < members.length; m++) {
    const i = members[m];
    for (let k = 0; k < colours.length; k++) colours[k] = colourColumns[k][i];
    (sectors.get(sectorCol.codes[i]) as SectorTotals).rest.add(caps[i], colours);
  }
  const stocksOf = new Map<Totals, Heatmap['sectors'][number]['industries'][number]['stocks']>();
  for (const i of listed) {
    const sector = sectors.get(sectorCol.codes[i]) as SectorTotals;
    const industry = sector.industries.get(industryCol.codes[i]) as Totals;
    sector.totals.shown++;
    industry.shown++;
    let stocks = stocksOf.get(industry);
    if (!stocks) {
      stocks = [];
      stocksOf.set(industry, stocks);
    }
    const value = (col: Float64Array, digits: number) => round(col[i], digits);
    stocks.push({
      ticker: t.tickers[i],
      name: t.names[i],
      market_cap: roundCap(caps[i]),
      price: value(t.numbers.price, 2),
      change_pct: value(colourColumns[0], 2),
      perf_1w: value(colourColumns[1], 4),
      perf_1m: value(colourColumns[2], 4),
      score: value(colourColumns[3], 1),
    });
  }

  const counts = (x: Totals) => ({ count: x.count, shown: x.shown, market_cap: roundCap(x.cap) });
  const means = (x: Totals) => ({
    change_pct: x.mean(0, 2),
    perf_1w: x.mean(1, 4),
    perf_1m: x.mean(2, 4),
    score: x.mean(3, 1),
  });
  const byCap = <T extends { cap: number }>(a: T, b: T) => b.cap - a.cap;
  return {
    sector: q.sector ?? null,
    limit: q.limit,
    count: members.length,
    shown: listed.length,
    sectors: [...sectors]
      .map(([code, sector]) => ({ code, cap: sector.totals.cap, ...sector }))
      .sort(byCap)
      .map(({ code, totals, rest, industries }) => ({
        sector: sectorCol.values[code] ?? '',
        ...counts(totals),
        ...means(totals),
        rest: rest.count ? { count: rest.count, market_cap: roundCap(rest.cap), ...means(rest) } : null,
        industries: [...industries]
          .filter(([, x]) => x.shown > 0)
          .map(([ic, x]) => ({ ic, cap: x.cap, x }))
          .sort(byCap)
          .map(({ ic, x }) => ({
            industry: industryCol.values[ic] ?? '',
            ...counts(x),
            stocks: stocksOf.get(x) ?? [],
          })),
      })),
  };
}
