/**
 * The price chart's view state and its URL form (`/stocks/AAPL?range=2y&ind=rsi,macd&log=1&cmp=MSFT,NVDA`),
 * so Back and Forward step through the panes chosen and a shared link reopens them. Defaults
 * are left out of the URL; anything unparseable falls back to its default.
 */
import { RANGES } from '../api/constants.ts';
import type { PriceRange } from '../api/types.ts';

/**
 * The chart's optional panes and overlays: RSI(14) and MACD(12,26,9) panes, Bollinger
 * bands (20, 2) on the price, the score history pane. The first three are the prices
 * route's `indicators=` values.
 */
export const CHART_INDICATORS = ['rsi', 'macd', 'bb', 'score'] as const;
export type ChartIndicator = (typeof CHART_INDICATORS)[number];
/** The indicators the prices route computes (`indicators=`). */
export const SERVER_INDICATORS = ['rsi', 'macd', 'bb'] as const;

export const INDICATOR_LABELS: Record<ChartIndicator, string> = {
  rsi: 'RSI 14',
  macd: 'MACD 12 26 9',
  bb: 'Bollinger bands',
  score: 'Score history',
};

/** At most this many tickers are compared with the page's own. */
export const MAX_COMPARE = 4;

export interface ChartView {
  range: PriceRange;
  kind: 'candles' | 'line';
  indicators: ChartIndicator[];
  log: boolean;
  /** Other tickers drawn normalised to 100 at the start of the range. */
  compare: string[];
}

export const DEFAULT_CHART_VIEW: Readonly<ChartView> = Object.freeze({
  range: '1y',
  kind: 'candles',
  indicators: [],
  log: false,
  compare: [],
});

const TICKER = /^[A-Z0-9][A-Z0-9.-]{0,15}$/;

/** A ticker as typed (any case, spaces around), or null when it cannot be one. */
export function parseTicker(input: string): string | null {
  const t = input.trim().toUpperCase();
  return TICKER.test(t) ? t : null;
}

/** Read the view from a URL query (`useLocation().query` or URLSearchParams entries). */
export function readChartView(query: Record<string, string | undefined>): ChartView {
  const range = (RANGES as readonly string[]).includes(query.range ?? '')
    ? (query.range as PriceRange)
    : DEFAULT_CHART_VIEW.range;
  const wanted = new Set((query.ind ?? '').split(',').map((s) => s.trim().toLowerCase()));
  const compare: string[] = [];
  for (const part of (query.cmp ?? '').split(',')) {
    const t = parseTicker(part);
    if (t && !compare.includes(t) && compare.length < MAX_COMPARE) compare.push(t);
  }
  return {
    range,
    kind: query.chart === 'line' ? 'line' : 'candles',
    indicators: CHART_INDICATORS.filter((i) => wanted.has(i)),
    log: query.log === '1',
    compare,
  };
}

/** The query string of a view (`?…`, or '' for the default view). */
export function chartQueryString(view: ChartView, ticker?: string): string {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_CHART_VIEW.range) params.set('range', view.range);
  if (view.kind !== DEFAULT_CHART_VIEW.kind) params.set('chart', view.kind);
  const indicators = CHART_INDICATORS.filter((i) => view.indicators.includes(i));
  if (indicators.length) params.set('ind', indicators.join(','));
  if (view.log) params.set('log', '1');
  const compare = view.compare.filter((t) => t !== ticker).slice(0, MAX_COMPARE);
  if (compare.length) params.set('cmp', compare.join(','));
  const s = params.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}

/** The view with one indicator switched on or off. */
export function toggleIndicator(view: ChartView, indicator: ChartIndicator): ChartView {
  const on = view.indicators.includes(indicator);
  return {
    ...view,
    indicators: on
      ? view.indicators.filter((i) => i !== indicator)
      : CHART_INDICATORS.filter((i) => i === indicator || view.indicators.includes(i)),
  };
}

/** Closes as a percentage of the first one (100 = the range's start); none without a positive start. */
export function normalise(
  points: readonly { date: string; close: number }[],
): { time: string; value: number }[] {
  const base = points[0]?.close;
  if (!base || base <= 0) return [];
  return points.map((p) => ({ time: p.date, value: (p.close / base) * 100 }));
}
