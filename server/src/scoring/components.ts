/**
 * The factor table: which metrics (drivers) make each component of the composite score, how
 * each is read, which way is better, against which peers it is ranked, its weight, and the
 * composite's weight of each component. The engine (`engine.ts`) only executes this table.
 */
import { altmanZonePosition } from '../analysis/financial-models.ts';
import { GROSS_MARGIN_NOT_APPLICABLE, grossMarginApplies } from '../analysis/industry.ts';
import type { AnnualFinancials } from '../market/types.ts';
import type { Format, Scope } from './explain.ts';
import type { ComponentKey, ComponentScores, ScoreInput, StockMetrics } from './types.ts';

/** Weights of the composite (sum 1). Value and quality lead; momentum and risk temper; dividend is a tilt. */
export const WEIGHTS: Readonly<ComponentScores> = {
  value: 0.25,
  quality: 0.25,
  growth: 0.2,
  momentum: 0.15,
  risk: 0.1,
  dividend: 0.05,
};

/**
 * RSI penalty on the momentum score: 0.5 points per RSI point above 70 (overbought) or below
 * 30 (oversold), at most 15 points (RSI 100 or 0). Extremes tend to mean-revert short term.
 */
const RSI_PENALTY = { overbought: 70, oversold: 30, pointsPerRsiPoint: 0.5 } as const;

/** Payout ratio up to which a dividend counts as fully sustainable (100), falling linearly to 0 at 100 %. */
const SUSTAINABLE_PAYOUT = 0.6;

/** One stock as the drivers read it: its input, its metrics, its latest price and fiscal year. */
export interface StockContext {
  input: ScoreInput;
  metrics: StockMetrics;
  price: number | null;
  latest: AnnualFinancials | null;
}

/** One metric of a component. */
interface DriverSpec {
  metric: string;
  label: string;
  better: 'higher' | 'lower';
  /** The peers it is ranked against, or `absolute` when `rank` is already a 0-100 score. */
  scope: Scope;
  /** Weight within its component (the component score is the weighted mean of the known percentiles). */
  weight: number;
  format: Format;
  /** The value shown. */
  value: (c: StockContext) => number | null;
  /**
   * What is ranked, higher = better (for `absolute` scope: the 0-100 score itself).
   * Defaults to `value`, negated when lower is better.
   */
  rank?: (c: StockContext) => number | null;
}

/** One component of the composite and its drivers. */
export interface ComponentSpec {
  key: ComponentKey;
  label: string;
  drivers: readonly DriverSpec[];
}

const over = (num: number | undefined, den: number | undefined): number | null =>
  num === undefined || den === undefined || !(den > 0) ? null : num / den;

/**
 * The components in composite order (that of `COMPONENT_KEYS`). Valuation multiples are
 * ranked by their inverse (a yield), so losses rank last.
 */
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
        value: (c) => c.metrics.fcfYield,
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
        value: (c) => c.metrics.piotroskiF,
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
      universe('revenueCagr', 'Revenue CAGR', 'signedPct', 1, (c) => c.metrics.revenueCagr),
    ],
  },
  {
    key: 'momentum',
    label: 'Momentum',
    drivers: [
      universe('momentum12_1', '12-1 month momentum', 'signedPct', 0.5, (c) => c.metrics.momentum12_1),
      universe('return6m', '6-month return', 'signedPct', 0.25, (c) => c.metrics.return6m),
      universe('priceVsSma200', 'Price vs 200-day average', 'signedPct', 0.25, (c) =>
        c.price !== null && c.metrics.sma200 !== null && c.metrics.sma200 > 0
          ? c.price / c.metrics.sma200 - 1
          : null,
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
        value: (c) => c.metrics.volatility,
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
        value: (c) => c.metrics.altmanZ,
        // Z (manufacturers) and Z'' (others) have different scales: rank their place in their zones.
        rank: (c) =>
          c.metrics.altmanZ === null || c.metrics.altmanModel === null
            ? null
            : altmanZonePosition({ model: c.metrics.altmanModel, z: c.metrics.altmanZ }),
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
        c.latest ? c.metrics.dividendGrowthYears : null,
      ),
    ],
  },
];

/** A higher-is-better percentage ranked within the sector. */
function sectorRatio(metric: string, label: string, value: (c: StockContext) => number | null): DriverSpec {
  return { metric, label, better: 'higher', scope: 'sector', weight: 1, format: 'pct', value };
}

/** A higher-is-better metric ranked against the whole universe. */
function universe(
  metric: string,
  label: string,
  format: Format,
  weight: number,
  value: (c: StockContext) => number | null,
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

/** The drivers (by metric) that do not apply to this company, each with the sentence the explanation gives. */
export function notApplicableDrivers(input: ScoreInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.sector === 'Financials' || input.sector === 'Real Estate') {
    out.altmanZ = `Altman Z-score does not apply to ${input.sector}: neither Z nor Z'' was fitted on such balance sheets.`;
  }
  if (!grossMarginApplies(input.sector, input.industry)) {
    out.grossMargin = `Gross margin does not apply: ${GROSS_MARGIN_NOT_APPLICABLE.replace(/^Not applicable: /, '')}`;
  }
  return out;
}
