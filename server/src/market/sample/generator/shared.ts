/**
 * What every part of the sample generator shares: the default seed, the label shown next
 * to generated data, the options of a generated window, and rounding to cents.
 */

/** The default seed of the built-in sample data. */
export const SAMPLE_SEED = 'vibeapp';

/** Options shared by all generators. */
export interface GenerateOptions {
  /** Any number or string; defaults to `SAMPLE_SEED`. */
  seed?: number | string;
  /** Last calendar date of the bar history (ISO); the last bar is the last trading day ≤ endDate. */
  endDate: string;
  /** Years of daily bars back from endDate (integer, 1-30); default 2. */
  years?: number;
  /** First calendar date of the bars instead of `years` back (any window gives the same bar for a day). */
  startDate?: string;
}

/** Rounds to cents. */
export const round2 = (x: number) => Math.round(x * 100) / 100;
