/**
 * The composite score. Every stock gets six factor scores (0-100) from percentile ranks of
 * its metrics within the universe — within its sector for valuation, profitability and
 * leverage ratios, which differ by industry (a bank's P/B is compared with other banks') —
 * and a composite that is their weighted mean. Pure and deterministic: the same inputs give
 * the same output whatever their order.
 *
 * Percentile rank of a value among the k stocks with data: (its 0-based rank in ascending
 * order, ties sharing their average rank) / (k − 1) × 100, flipped for lower-is-better
 * metrics, so 100 is always the best; 50 when k = 1. A factor score is the weighted mean of
 * the percentiles of its metrics that are known; a factor with no known metric scores a
 * neutral 50 (and the explanation says so).
 */
import { altmanZonePosition } from '../analysis/financial-models.ts';
import { GROSS_MARGIN_NOT_APPLICABLE, grossMarginApplies } from '../analysis/industry.ts';
import type { AnnualFinancials, Sector } from '../market/types.ts';
import {
  buildExplanation,
  type ComponentDetail,
  type DriverMeta,
  type Format,
  type Scope,
} from './explain.ts';
import { computeMetrics, latestPrice } from './metrics.ts';
import type {
  ComponentKey,
  ComponentScores,
  Driver,
  ScoreInput,
  ScoreResult,
  StockMetrics,
} from './types.ts';

export type {
  ComponentKey,
  ComponentScores,
  Driver,
  Explanation,
  ScoreInput,
  ScoreResult,
  StockMetrics,
} from './types.ts';

/** Weights of the composite (sum 1). Value and quality lead; momentum and risk temper; dividend is a tilt. */
export const WEIGHTS: Readonly<ComponentScores> = {
  value: 0.25,
  quality: 0.25,
  growth: 0.2,
  momentum: 0.15,
  risk: 0.1,
  dividend: 0.05,
};

/** A sector ranking needs at least this many stocks with the metric; fewer rank against the universe. */
export const MIN_SECTOR_PEERS = 5;

/**
 * RSI penalty on the momentum score: 0.5 points per RSI point above 70 (overbought) or below
 * 30 (oversold), at most 15 points (RSI 100 or 0). Extremes tend to mean-revert short term.
 */
export const RSI_PENALTY = { overbought: 70, oversold: 30, pointsPerRsiPoint: 0.5 } as const;

/** Payout ratio up to which a dividend counts as fully sustainable (100), falling linearly to 0 at 100 %. */
export const SUSTAINABLE_PAYOUT = 0.6;

interface Ctx {
  input: ScoreInput;
  m: StockMetrics;
  price: number | null;
  latest: AnnualFinancials | null;
}

interface DriverSpec {
  metric: string;
  label: string;
  better: 'higher' | 'lower';
  scope: Scope;
  weight: number;
  format: Format;
  /** The value shown. */
  value: (c: Ctx) => number | null;
  /**
   * What is ranked, higher = better (for `absolute` scope: the 0-100 score itself).
   * Defaults to `value`, negated when lower is better.
   */
  rank?: (c: Ctx) => number | null;
}

interface ComponentSpec {
  key: ComponentKey;
  label: string;
  drivers: DriverSpec[];
}

const over = (num: number | undefined, den: number | undefined): number | null =>
  num === undefined || den === undefined || !(den > 0) ? null : num / den;

/** The factor definitions. Valuation multiples are ranked by their inverse (a yield), so losses rank last. */
export const COMPONENTS: readonly ComponentSpec[] = [
  {
    key: 'value',
    label: 'Value',
    drivers: [
      {
        metric: 'pe',
        label: 'P/E',
        better: 'lower',
        scope: 'sector',
        weight: 1,
        format: 'multiple',
        value: (c) => c.input.fundamentals.pe,
        rank: (c) => (c.latest ? over(c.input.fundamentals.eps, c.price ?? undefined) : null), // E/P
      },
      {
        metric: 'pb',
        label: 'P/B',
        better: 'lower',
        scope: 'sector',
        weight: 1,
        format: 'multiple',
        value: (c) => c.input.fundamentals.pb,
        rank: (c) => over(c.latest?.shareholdersEquity, c.input.fundamentals.marketCap), // book yield B/P
      },
      {
        metric: 'ps',
        label: 'P/S',
        better: 'lower',
        scope: 'sector',
        weight: 1,
        format: 'multiple',
        value: (c) => c.input.fundamentals.ps,
        rank: (c) => over(c.latest?.revenue, c.input.fundamentals.marketCap), // sales yield S/P
      },
      {
        metric: 'evToEbitda',
        label: 'EV/EBITDA',
        better: 'lower',
        scope: 'sector',
        weight: 1,
        format: 'multiple',
        value: (c) => c.input.fundamentals.evToEbitda,
        rank: (c) => {
          const l = c.latest;
          if (!l) return null;
          return over(
            l.operatingIncome + l.depreciation,
            c.input.fundamentals.marketCap + l.totalDebt - l.cash,
          );
        },
      },
      {
        metric: 'fcfYield',
        label: 'FCF yield',
        better: 'higher',
        scope: 'sector',
        weight: 1,
        format: 'pct',
        value: (c) => c.m.fcfYield,
      },
    ],
  },
  {
    key: 'quality',
    label: 'Quality',
    drivers: [
      sectorRatio('roe', 'ROE', (c) => c.input.fundamentals.roe),
      sectorRatio('roic', 'ROIC', (c) => c.input.fundamentals.roic),
      // Not for companies without cost of goods sold (banks, insurers): 100 % by construction.
      sectorRatio('grossMargin', 'Gross margin', (c) =>
        grossMarginApplies(c.input.sector, c.input.industry) ? c.input.fundamentals.grossMargin : null,
      ),
      sectorRatio('operatingMargin', 'Operating margin', (c) => c.input.fundamentals.operatingMargin),
      {
        metric: 'piotroskiF',
        label: 'Piotroski F-score',
        better: 'higher',
        scope: 'universe',
        weight: 1,
        format: 'fscore',
        value: (c) => c.m.piotroskiF,
      },
    ],
  },
  {
    key: 'growth',
    label: 'Growth',
    drivers: [
      universe(
        'revenueGrowth',
        'Revenue growth (YoY)',
        'signedPct',
        1,
        (c) => c.input.fundamentals.revenueGrowth,
      ),
      universe('epsGrowth', 'EPS growth (YoY)', 'signedPct', 1, (c) => c.input.fundamentals.epsGrowth),
      universe('revenueCagr', 'Revenue CAGR', 'signedPct', 1, (c) => c.m.revenueCagr),
    ],
  },
  {
    key: 'momentum',
    label: 'Momentum',
    drivers: [
      universe('momentum12_1', '12-1 month momentum', 'signedPct', 0.5, (c) => c.m.momentum12_1),
      universe('return6m', '6-month return', 'signedPct', 0.25, (c) => c.m.return6m),
      universe('priceVsSma200', 'Price vs 200-day average', 'signedPct', 0.25, (c) =>
        c.price !== null && c.m.sma200 !== null && c.m.sma200 > 0 ? c.price / c.m.sma200 - 1 : null,
      ),
    ],
  },
  {
    key: 'risk',
    label: 'Risk',
    drivers: [
      {
        metric: 'volatility',
        label: 'Volatility',
        better: 'lower',
        scope: 'universe',
        weight: 1,
        format: 'pct',
        value: (c) => c.m.volatility,
      },
      {
        metric: 'beta',
        label: 'Beta',
        better: 'lower',
        scope: 'universe',
        weight: 1,
        format: 'decimal',
        value: (c) => (Number.isFinite(c.input.fundamentals.beta) ? c.input.fundamentals.beta : null),
      },
      {
        metric: 'debtToEquity',
        label: 'Debt/equity',
        better: 'lower',
        scope: 'sector',
        weight: 1,
        format: 'decimal',
        value: (c) => c.input.fundamentals.debtToEquity,
        rank: (c) => {
          const l = c.latest;
          if (!l) return null;
          if (l.shareholdersEquity > 0) return -l.totalDebt / l.shareholdersEquity;
          return l.totalDebt > 0 ? Number.NEGATIVE_INFINITY : null; // debt with negative equity ranks last
        },
      },
      {
        metric: 'altmanZ',
        label: 'Altman Z-score',
        better: 'higher',
        scope: 'universe',
        weight: 1,
        format: 'decimal',
        value: (c) => c.m.altmanZ,
        // Z (manufacturers) and Z'' (others) have different scales: rank their place in their zones.
        rank: (c) =>
          c.m.altmanZ === null || c.m.altmanModel === null
            ? null
            : altmanZonePosition({ model: c.m.altmanModel, z: c.m.altmanZ }),
      },
    ],
  },
  {
    key: 'dividend',
    label: 'Dividend',
    drivers: [
      universe('dividendYield', 'Dividend yield', 'pct', 0.5, (c) =>
        c.latest ? c.input.fundamentals.dividendYield : null,
      ),
      {
        metric: 'payoutRatio',
        label: 'Payout ratio',
        better: 'lower',
        scope: 'absolute',
        weight: 0.25,
        format: 'pct',
        value: (c) => c.input.fundamentals.payoutRatio,
        rank: (c) => payoutSustainability(c.latest),
      },
      universe('dividendGrowthYears', 'Years of dividend growth', 'years', 0.25, (c) =>
        c.latest ? c.m.dividendGrowthYears : null,
      ),
    ],
  },
];

function sectorRatio(metric: string, label: string, value: (c: Ctx) => number | null): DriverSpec {
  return { metric, label, better: 'higher', scope: 'sector', weight: 1, format: 'pct', value };
}

function universe(
  metric: string,
  label: string,
  format: Format,
  weight: number,
  value: (c: Ctx) => number | null,
): DriverSpec {
  return { metric, label, better: 'higher', scope: 'universe', weight, format, value };
}

/**
 * Payout sustainability, 0-100 on an absolute scale: 100 up to a 60 % payout, falling
 * linearly to 0 at 100 %; 0 when a dividend is paid out of losses; null without a dividend.
 */
export function payoutSustainability(latest: AnnualFinancials | null): number | null {
  if (!latest || !(latest.dividendsPerShare > 0)) return null;
  if (!(latest.eps > 0)) return 0;
  const payout = latest.dividendsPerShare / latest.eps;
  if (payout <= SUSTAINABLE_PAYOUT) return 100;
  if (payout >= 1) return 0;
  return ((1 - payout) / (1 - SUSTAINABLE_PAYOUT)) * 100;
}

/** Momentum points taken off for an extreme RSI (see `RSI_PENALTY`). */
export function rsiPenalty(rsi14: number | null): number {
  if (rsi14 === null) return 0;
  const beyond = Math.max(rsi14 - RSI_PENALTY.overbought, RSI_PENALTY.oversold - rsi14, 0);
  return beyond * RSI_PENALTY.pointsPerRsiPoint;
}

/**
 * Percentile ranks (0-100, ties averaged) of `values[i]` for `i` in `idx`, written to `out`;
 * NaN marks a missing value (left NaN in `out`). Returns how many values were known.
 */
export function percentileRanks(values: Float64Array, idx: readonly number[], out: Float64Array): number {
  // Native numeric sort of the known values, then each value's tie range by binary search.
  const buffer = new Float64Array(idx.length);
  let k = 0;
  for (const i of idx) if (!Number.isNaN(values[i])) buffer[k++] = values[i];
  if (k === 0) return 0;
  const sorted = buffer.subarray(0, k).sort();
  for (const i of idx) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const first = bound(sorted, v, false);
    const end = bound(sorted, v, true);
    out[i] = k === 1 ? 50 : ((first + end - 1) / 2 / (k - 1)) * 100;
  }
  return k;
}

/** First index whose value is ≥ v (or > v when `after`). */
function bound(sorted: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v || (after && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

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
 * best first (score descending, then ticker), with `rank` 1 for the best.
 */
export function scoreUniverse(inputs: readonly ScoreInput[], options: ScoreOptions = {}): ScoreResult[] {
  const explain = options.explain ?? true;
  const n = inputs.length;
  if (n === 0) return [];
  const ctxs: Ctx[] = inputs.map((input) => ({
    input,
    m: computeMetrics(input),
    price: latestPrice(input),
    latest: input.financials.length > 0 ? input.financials[input.financials.length - 1] : null,
  }));

  const all = inputs.map((_, i) => i);
  const bySector = new Map<Sector, number[]>();
  inputs.forEach((inp, i) => {
    const list = bySector.get(inp.sector);
    if (list) list.push(i);
    else bySector.set(inp.sector, [i]);
  });

  // Per driver: the value shown, the percentile (NaN = unknown) and the scope each stock was ranked in.
  const specs = COMPONENTS.flatMap((c) => c.drivers);
  const shown = specs.map(() => new Float64Array(n));
  const pct = specs.map(() => new Float64Array(n).fill(Number.NaN));
  const usedScope: Scope[][] = specs.map((s) => new Array<Scope>(n).fill(s.scope));
  specs.forEach((spec, d) => {
    const raw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = spec.value(ctxs[i]);
      shown[d][i] = v === null || !Number.isFinite(v) ? Number.NaN : v;
      const r = spec.rank ? spec.rank(ctxs[i]) : v;
      raw[i] = r === null || Number.isNaN(r) ? Number.NaN : spec.rank || spec.better === 'higher' ? r : -r;
    }
    if (spec.scope === 'absolute') {
      pct[d] = raw;
    } else if (spec.scope === 'universe') {
      percentileRanks(raw, all, pct[d]);
    } else {
      rankWithinSectors(raw, all, bySector, pct[d], usedScope[d]);
    }
  });

  // Factor scores and the composite.
  const rows = ctxs.map((c, i) => {
    let d = 0;
    const details: ComponentDetail[] = [];
    const components: ComponentScores = {
      value: 0,
      quality: 0,
      growth: 0,
      momentum: 0,
      risk: 0,
      dividend: 0,
    };
    let composite = 0;
    for (const comp of COMPONENTS) {
      let sumW = 0;
      let sumWP = 0;
      const drivers: Driver[] = [];
      // The designed scopes, copied only when a sector driver fell back to the universe.
      let scopes = DESIGN_SCOPES[comp.key];
      for (let j = 0; j < comp.drivers.length; j++) {
        const spec = comp.drivers[j];
        const p = pct[d][i];
        if (!Number.isNaN(p)) {
          sumW += spec.weight;
          sumWP += spec.weight * p;
        }
        if (explain) {
          const v = shown[d][i];
          drivers.push({
            metric: spec.metric,
            label: spec.label,
            value: Number.isNaN(v) ? null : v,
            percentile: Number.isNaN(p) ? null : round1(p),
            better: spec.better,
          });
          if (usedScope[d][i] !== spec.scope) {
            if (scopes === DESIGN_SCOPES[comp.key]) scopes = [...scopes];
            scopes[j] = usedScope[d][i];
          }
        }
        d++;
      }
      let score = sumW > 0 ? sumWP / sumW : 50;
      let penalty = 0;
      if (comp.key === 'momentum' && sumW > 0) {
        penalty = rsiPenalty(c.m.rsi14);
        score = Math.max(0, score - penalty);
      }
      composite += WEIGHTS[comp.key] * score;
      components[comp.key] = round1(score);
      if (!explain) continue;
      details.push({
        key: comp.key,
        label: comp.label,
        weight: WEIGHTS[comp.key],
        score: round1(score),
        drivers,
        meta: META[comp.key],
        scopes,
        rsiPenalty: penalty,
        rsi: comp.key === 'momentum' ? c.m.rsi14 : null,
      });
    }
    return { i, score: round1(composite), components, details };
  });

  rows.sort((a, b) => b.score - a.score || compareTickers(inputs[a.i].ticker, inputs[b.i].ticker));
  return rows.map((r, pos) => {
    const c = ctxs[r.i];
    return {
      ticker: c.input.ticker,
      score: r.score,
      rank: pos + 1,
      components: r.components,
      metrics: c.m,
      explanation: explain
        ? buildExplanation({
            sector: c.input.sector,
            rank: pos + 1,
            universeSize: n,
            components: r.details,
            paysDividend: (c.latest?.dividendsPerShare ?? 0) > 0,
            notApplicable: notApplicable(c.input),
            altmanModel: c.m.altmanModel,
          })
        : { summary: '', strengths: [], weaknesses: [], components: [] },
    };
  });
}

/** The drivers that do not apply to this company, each with the sentence the explanation gives. */
function notApplicable(input: ScoreInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.sector === 'Financials' || input.sector === 'Real Estate') {
    out.altmanZ = `Altman Z-score does not apply to ${input.sector}: neither Z nor Z'' was fitted on such balance sheets.`;
  }
  if (!grossMarginApplies(input.sector, input.industry)) {
    out.grossMargin = `Gross margin does not apply: ${GROSS_MARGIN_NOT_APPLICABLE.replace(/^Not applicable: /, '')}`;
  }
  return out;
}

const META = {} as Record<ComponentKey, readonly DriverMeta[]>;
const DESIGN_SCOPES = {} as Record<ComponentKey, Scope[]>;
for (const c of COMPONENTS) {
  META[c.key] = c.drivers.map((d) => ({ designScope: d.scope, format: d.format }));
  DESIGN_SCOPES[c.key] = c.drivers.map((d) => d.scope);
}

/**
 * Percentiles within each sector that has at least `MIN_SECTOR_PEERS` known values; the
 * stocks of smaller sectors get their universe percentile (and `scope` is set to 'universe').
 */
function rankWithinSectors(
  raw: Float64Array,
  all: readonly number[],
  bySector: ReadonlyMap<Sector, number[]>,
  out: Float64Array,
  scope: Scope[],
): void {
  let universe: Float64Array | null = null;
  for (const idx of bySector.values()) {
    let known = 0;
    for (const i of idx) if (!Number.isNaN(raw[i])) known++;
    if (known >= MIN_SECTOR_PEERS) {
      percentileRanks(raw, idx, out);
      continue;
    }
    if (!universe) {
      universe = new Float64Array(raw.length).fill(Number.NaN);
      percentileRanks(raw, all, universe);
    }
    for (const i of idx) {
      out[i] = universe[i];
      scope[i] = 'universe';
    }
  }
}

function compareTickers(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
