/**
 * Display formatting. Every helper takes `null`/`undefined`/NaN and shows an em dash, so the
 * views never print "null" or "NaN". Two kinds of percentages exist in the API: `change_pct`
 * is already in percent (1.5 = +1.5 %), ratios are fractions (0.25 = 25 %).
 */
export const MISSING = '—';

type Num = number | null | undefined;

const isNum = (n: Num): n is number => typeof n === 'number' && Number.isFinite(n);

const fixed = (n: number, digits: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** `$1,234.56`; negative: `-$1,234.56`. */
export function formatMoney(n: Num, digits = 2): string {
  if (!isNum(n)) return MISSING;
  const s = `$${fixed(Math.abs(n), digits)}`;
  return n < 0 ? `-${s}` : s;
}

/** A signed money change: `+$1.20` / `-$0.35`. */
export function formatChange(n: Num, digits = 2): string {
  if (!isNum(n)) return MISSING;
  if (n === 0) return `$${fixed(0, digits)}`;
  return `${n > 0 ? '+' : '-'}$${fixed(Math.abs(n), digits)}`;
}

const UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Compact magnitude: 3.5e12 → `3.50T`, 812.3e9 → `812.30B`, 950 → `950`. */
export function formatCompact(n: Num, digits = 2): string {
  if (!isNum(n)) return MISSING;
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  // UNITS is largest first; -1 means below 1,000. Rounding can carry into the next unit (999.999B → 1.00T).
  let i = UNITS.findIndex(([size]) => abs >= size);
  if (i === -1 && Number(abs.toFixed(digits)) >= 1000) i = UNITS.length - 1;
  if (i === -1) return `${sign}${Number.isInteger(abs) ? String(abs) : abs.toFixed(digits)}`;
  if (i > 0 && Number((abs / UNITS[i][0]).toFixed(digits)) >= 1000) i -= 1;
  const [size, unit] = UNITS[i];
  return `${sign}${(abs / size).toFixed(digits)}${unit}`;
}

/** Market capitalisation in USD: `3.50T`, `45.20B`. */
export function formatMarketCap(n: Num): string {
  return formatCompact(n, 2);
}

/** Share volume: `12.3M`. */
export function formatVolume(n: Num): string {
  return formatCompact(n, 1);
}

/** A value already in percent (the API's `change_pct`): 1.5 → `+1.50%` (signed by default). */
export function formatPercent(n: Num, opts: { digits?: number; signed?: boolean } = {}): string {
  if (!isNum(n)) return MISSING;
  const digits = opts.digits ?? 2;
  const signed = opts.signed ?? true;
  const s = `${fixed(Math.abs(n), digits)}%`;
  if (n < 0) return `-${s}`;
  if (signed && n > 0) return `+${s}`;
  return s;
}

/** A fraction as a percentage (the API's ratios): 0.253 → `25.3%`. Unsigned by default. */
export function formatRatio(n: Num, opts: { digits?: number; signed?: boolean } = {}): string {
  if (!isNum(n)) return MISSING;
  return formatPercent(n * 100, { digits: opts.digits ?? 1, signed: opts.signed ?? false });
}

/** A plain number: `1,234.5`. */
export function formatNumber(n: Num, digits = 2): string {
  if (!isNum(n)) return MISSING;
  return fixed(n, digits);
}

/** A valuation multiple: 23.456 → `23.5x`. */
export function formatMultiple(n: Num, digits = 1): string {
  if (!isNum(n)) return MISSING;
  return `${fixed(n, digits)}x`;
}

/** A 0-100 score with one decimal. */
export function formatScore(n: Num): string {
  if (!isNum(n)) return MISSING;
  return n.toFixed(1);
}

/** `up` / `down` / `flat` for colouring a change. */
export function changeClass(n: Num): 'up' | 'down' | 'flat' {
  if (!isNum(n) || n === 0) return 'flat';
  return n > 0 ? 'up' : 'down';
}

/** The score colour bands' lower bounds: below 30, then every 10 points, then 80 and up. */
export const SCORE_BANDS = [0, 30, 40, 50, 60, 70, 80] as const;
export type ScoreBand = `b${(typeof SCORE_BANDS)[number]}` | 'none';

/**
 * A score's colour band (`b0`, `b30` … `b80`, or `none`): seven steps of the viridis scale,
 * dark to light, so neighbouring bands differ in lightness as well as hue (readable with any
 * colour vision, and in greyscale). The number is always printed too: colour is never alone.
 */
export function scoreBand(n: Num): ScoreBand {
  if (!isNum(n)) return 'none';
  let band: (typeof SCORE_BANDS)[number] = 0;
  for (const lo of SCORE_BANDS) if (n >= lo) band = lo;
  return `b${band}`;
}

/** The legend's label of a band: `< 30`, `40–49`, `80+`. */
export function scoreBandLabel(lo: (typeof SCORE_BANDS)[number]): string {
  if (lo === 0) return `< ${SCORE_BANDS[1]}`;
  if (lo === SCORE_BANDS[SCORE_BANDS.length - 1]) return `${lo}+`;
  return `${lo}–${lo + 9}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-27` → `Nov 27, 2026`; timestamps keep their date part (UTC). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

/** A timestamp as `Nov 27, 2026 14:05 UTC`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(d.toISOString())} ${hh}:${mm} UTC`;
}

/** How long ago: `just now`, `5 minutes ago`, `3 hours ago`, `2 days ago`. */
export function formatAge(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return MISSING;
  const t = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso).getTime();
  if (Number.isNaN(t)) return MISSING;
  const s = Math.round((now.getTime() - t) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return 'just now';
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (s >= size) {
      const k = Math.floor(s / size);
      return `${k} ${name}${k === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** Seconds as `3d 4h`, `2h 5m`, `45s`. */
export function formatDuration(seconds: Num): string {
  if (!isNum(seconds) || seconds < 0) return MISSING;
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}
