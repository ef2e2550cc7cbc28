/**
 * Metric values shown as the API says: every metric, score driver and screen value arrives
 * with its `format` (from the server's one field registry), so nothing here guesses from a
 * name. Ratios arrive as fractions and are shown as %, multiples as `12.3x`.
 */
import type { Metric, MetricFormat } from '../api/types.ts';
import { formatCompact, formatMoney, formatMultiple, formatNumber, formatRatio, MISSING } from './format.ts';

export type { MetricFormat };

/** A number in the given format; missing or non-finite values show as an em dash. */
export function formatAs(fmt: MetricFormat, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  switch (fmt) {
    case 'pct':
      return formatRatio(value);
    case 'x':
      return formatMultiple(value);
    case 'money':
      return formatMoney(value);
    case 'big_money':
      return `${value < 0 ? '-' : ''}$${formatCompact(Math.abs(value))}`;
    case 'int':
      return String(Math.round(value));
    case 'score':
      return formatNumber(value, 1);
    default:
      return formatNumber(value, 2);
  }
}

/** A metric of the contract (`{ label, value, format }`), formatted; `text` values as they are. */
export function formatMetric(metric: Pick<Metric, 'value' | 'format'>): string {
  if (typeof metric.value === 'string') return metric.value || MISSING;
  return formatAs(metric.format, metric.value);
}

/** The `metrics` of a stock as label/text rows, in the API's order. */
export function metricRows(metrics: Record<string, Metric> | null | undefined): Array<[string, string]> {
  return Object.values(metrics ?? {}).map((m) => [m.label, formatMetric(m)]);
}
