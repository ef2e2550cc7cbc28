/**
 * The composite score. Every stock gets six factor scores (0-100) from percentile ranks of
 * its metrics within the universe — within its sector for valuation, profitability and
 * leverage ratios, which differ by industry (a bank's P/B is compared with other banks') —
 * and a composite that is their weighted mean. Pure and deterministic: the same inputs give
 * the same output whatever their order.
 *
 * Which metrics make each factor, their weights and directions are the table in
 * `components.ts`; percentiles are defined in `percentiles.ts` (higher is always better, so
 * lower-is-better metrics are flipped); the order of stocks is `ranking.ts`. A factor score
 * is the weighted mean of the percentiles of its metrics that are known; a factor with no
 * known metric scores a neutral 50 (and the explanation says so).
 *
 * `scoreUniverse` runs these steps, defined below in the same order:
 *   1. `stockContexts`     each stock's metrics, latest price and latest fiscal year
 *   2. `peerGroups`        the universe and each sector, as lists of stock indexes
 *   3. `driverColumns`     per driver: each stock's shown value, percentile and peer group used
 *   4. `componentScores`   per stock: each factor's weighted mean percentile, momentum less the RSI penalty
 *   5. `compositeScore`    per stock: the weighted mean of its factor scores
 *   6. `rankOrder`         best first (score descending, then ticker; see ranking.ts)
 *   7. `explainStock`      the plain-language explanation, with the stock's rank
 */
import type { Sector } from '../market/types.ts';
import {
  COMPONENTS,
  type ComponentSpec,
  notApplicableDrivers,
  rsiPenalty,
  type StockContext,
  WEIGHTS,
} from './components.ts';
import { buildExplanation, type ComponentDetail, type DriverMeta, type Scope } from './explain.ts';
import { computeMetrics, latestPrice } from './metrics.ts';
import { percentileRanks, rankWithinSectors } from './percentiles.ts';
import { rankOrder } from './ranking.ts';
import type { ComponentScores, Driver, Explanation, ScoreInput, ScoreResult } from './types.ts';

export type { ScoreInput, ScoreResult } from './types.ts';

export interface ScoreOptions {
  /**
   * Build the plain-language explanations (default true). Skipping them saves about a
   * quarter of the time when only scores are needed (e.g. back-filling score history);
   * `explanation` is then empty.
   */
  explain?: boolean;
}

/**
 * Score every stock of the universe against the others. Returns one result per input,
 * best first (`rankOrder`: score descending, then ticker), with `rank` 1 for the best.
 */
export function scoreUniverse(inputs: readonly ScoreInput[], options: ScoreOptions = {}): ScoreResult[] {
  const explain = options.explain ?? true;
  if (inputs.length === 0) return [];
  const stocks = stockContexts(inputs);
  const columns = driverColumns(stocks, peerGroups(inputs));
  const scored = stocks.map((stock, i) => {
    const factors = componentScores(i, stock, columns);
    return { i, ticker: stock.input.ticker, score: round1(compositeScore(factors.scores)), factors };
  });
  const order = rankOrder(scored);
  const rankOf = new Array<number>(stocks.length);
  order.forEach(({ i }, position) => {
    rankOf[i] = position + 1;
  });
  // Explained in input order, the order of the driver columns: reading them in rank order costs ~5 %.
  const explanations = explain
    ? scored.map(({ i, factors }) => explainStock(i, stocks[i], factors, columns, rankOf[i], stocks.length))
    : null;
  return order.map(({ i, score, factors }) => ({
    ticker: stocks[i].input.ticker,
    score,
    rank: rankOf[i],
    components: rounded(factors.scores),
    metrics: stocks[i].metrics,
    explanation: explanations?.[i] ?? { summary: '', strengths: [], weaknesses: [], components: [] },
  }));
}

/** A component of the table with where its drivers start in `DRIVERS`, and the facts its explanation prints. */
interface PlannedComponent {
  spec: ComponentSpec;
  /** Index of its first driver in `DRIVERS` (and in the driver columns). */
  first: number;
  meta: readonly DriverMeta[];
  /** Each driver's designed peer group. */
  designScopes: readonly Scope[];
}

/** Every driver of the table, component after component. */
const DRIVERS = COMPONENTS.flatMap((c) => c.drivers);

const PLAN: readonly PlannedComponent[] = COMPONENTS.map((spec, c) => ({
  spec,
  first: COMPONENTS.slice(0, c).reduce((n, prior) => n + prior.drivers.length, 0),
  meta: spec.drivers.map((d) => ({ designScope: d.scope, format: d.format })),
  designScopes: spec.drivers.map((d) => d.scope),
}));

const round1 = (x: number) => Math.round(x * 10) / 10;

// 1. ---------------------------------------------------------------------------------

/** What the drivers read about each stock, computed once. */
function stockContexts(inputs: readonly ScoreInput[]): StockContext[] {
  return inputs.map((input) => ({
    input,
    metrics: computeMetrics(input),
    price: latestPrice(input),
    latest: input.financials.length > 0 ? input.financials[input.financials.length - 1] : null,
  }));
}

// 2. ---------------------------------------------------------------------------------

/** The groups a stock is ranked in, as indexes into the inputs. */
interface PeerGroups {
  all: readonly number[];
  bySector: ReadonlyMap<Sector, number[]>;
}

function peerGroups(inputs: readonly ScoreInput[]): PeerGroups {
  const bySector = new Map<Sector, number[]>();
  inputs.forEach((input, i) => {
    const list = bySector.get(input.sector);
    if (list) list.push(i);
    else bySector.set(input.sector, [i]);
  });
  return { all: inputs.map((_, i) => i), bySector };
}

// 3. ---------------------------------------------------------------------------------

/** One driver over the universe, indexed like the inputs; NaN = unknown. */
interface DriverColumn {
  /** The value shown. */
  shown: Float64Array;
  /** 0-100, higher is better. */
  percentile: Float64Array;
  /** The group each stock was ranked in: the designed one, or the universe when a sector has too few peers. */
  scope: Scope[];
}

/** Read every driver of every stock and rank it within its peer group (or take its absolute score). */
function driverColumns(stocks: readonly StockContext[], groups: PeerGroups): DriverColumn[] {
  const n = stocks.length;
  return DRIVERS.map((spec) => {
    const shown = new Float64Array(n);
    const ranked = new Float64Array(n); // what is ranked, higher = better
    for (let i = 0; i < n; i++) {
      const v = spec.value(stocks[i]);
      shown[i] = v === null || !Number.isFinite(v) ? Number.NaN : v;
      const r = spec.rank ? spec.rank(stocks[i]) : v;
      ranked[i] = r === null || Number.isNaN(r) ? Number.NaN : spec.rank || spec.better === 'higher' ? r : -r;
    }
    const scope = new Array<Scope>(n).fill(spec.scope);
    if (spec.scope === 'absolute') return { shown, percentile: ranked, scope };
    const percentile = new Float64Array(n).fill(Number.NaN);
    if (spec.scope === 'universe') percentileRanks(ranked, groups.all, percentile);
    else rankWithinSectors(ranked, groups.all, groups.bySector, percentile, scope);
    return { shown, percentile, scope };
  });
}

// 4. ---------------------------------------------------------------------------------

/** One stock's factor scores before rounding, in `COMPONENTS` order. */
interface FactorScores {
  scores: number[];
  /** Momentum points taken off for an extreme RSI (0 when none). */
  rsiPenalty: number;
}

/** Each factor: the weighted mean of its known percentiles, 50 when none is known; momentum less the RSI penalty. */
function componentScores(i: number, stock: StockContext, columns: readonly DriverColumn[]): FactorScores {
  const scores: number[] = [];
  let penalty = 0;
  for (const { spec, first } of PLAN) {
    let sumW = 0;
    let sumWP = 0;
    for (let j = 0; j < spec.drivers.length; j++) {
      const p = columns[first + j].percentile[i];
      if (Number.isNaN(p)) continue;
      sumW += spec.drivers[j].weight;
      sumWP += spec.drivers[j].weight * p;
    }
    let score = sumW > 0 ? sumWP / sumW : 50;
    if (spec.key === 'momentum' && sumW > 0) {
      penalty = rsiPenalty(stock.metrics.rsi14);
      score = Math.max(0, score - penalty);
    }
    scores.push(score);
  }
  return { scores, rsiPenalty: penalty };
}

/** The factor scores as published: one decimal. */
function rounded(scores: readonly number[]): ComponentScores {
  const out: ComponentScores = { value: 0, quality: 0, growth: 0, momentum: 0, risk: 0, dividend: 0 };
  PLAN.forEach(({ spec }, c) => {
    out[spec.key] = round1(scores[c]);
  });
  return out;
}

// 5. ---------------------------------------------------------------------------------

/** The composite before rounding: the factor scores (unrounded) weighted by `WEIGHTS`. */
function compositeScore(scores: readonly number[]): number {
  let composite = 0;
  PLAN.forEach(({ spec }, c) => {
    composite += WEIGHTS[spec.key] * scores[c];
  });
  return composite;
}

// 6. is `rankOrder` (ranking.ts). -----------------------------------------------------

// 7. ---------------------------------------------------------------------------------

/** The explanation of stock `i`, ranked `rank` of `universeSize`. */
function explainStock(
  i: number,
  stock: StockContext,
  factors: FactorScores,
  columns: readonly DriverColumn[],
  rank: number,
  universeSize: number,
): Explanation {
  const components = PLAN.map(({ spec, first, meta, designScopes }, c): ComponentDetail => {
    const drivers: Driver[] = [];
    // The designed scopes, copied only when a sector driver fell back to the universe.
    let fellBack: Scope[] | null = null;
    for (let j = 0; j < spec.drivers.length; j++) {
      const driver = spec.drivers[j];
      const column = columns[first + j];
      const v = column.shown[i];
      const p = column.percentile[i];
      drivers.push({
        metric: driver.metric,
        label: driver.label,
        value: Number.isNaN(v) ? null : v,
        percentile: Number.isNaN(p) ? null : round1(p),
        better: driver.better,
      });
      if (column.scope[i] !== driver.scope) {
        fellBack ??= [...designScopes];
        fellBack[j] = column.scope[i];
      }
    }
    const momentum = spec.key === 'momentum';
    return {
      key: spec.key,
      label: spec.label,
      weight: WEIGHTS[spec.key],
      score: round1(factors.scores[c]),
      drivers,
      meta,
      scopes: fellBack ?? designScopes,
      rsiPenalty: momentum ? factors.rsiPenalty : 0,
      rsi: momentum ? stock.metrics.rsi14 : null,
    };
  });
  return buildExplanation({
    sector: stock.input.sector,
    rank,
    universeSize,
    components,
    paysDividend: (stock.latest?.dividendsPerShare ?? 0) > 0,
    notApplicable: notApplicableDrivers(stock.input),
    altmanModel: stock.metrics.altmanModel,
  });
}
