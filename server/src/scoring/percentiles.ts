/**
 * Percentile ranks within peer groups. The percentile of a value among the k stocks with
 * data: (its 0-based rank in ascending order, ties sharing their average rank) / (k − 1) ×
 * 100; 50 when k = 1. NaN marks a missing value, which gets no percentile.
 */
import type { Sector } from '../market/types.ts';
import type { Scope } from './explain.ts';

/** A sector ranking needs at least this many stocks with the metric; fewer rank against the universe. */
const MIN_SECTOR_PEERS = 5;

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

/**
 * Percentiles within each sector that has at least `MIN_SECTOR_PEERS` known values; the
 * stocks of smaller sectors get their universe percentile (and `scope` is set to 'universe').
 */
export function rankWithinSectors(
  raw: Float64Array,
  all: readonly number[],
  sectors: ReadonlyMap<Sector, readonly number[]>,
  out: Float64Array,
  scope: Scope[],
): void {
  let universe: Float64Array | null = null;
  for (const idx of sectors.values()) {
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
