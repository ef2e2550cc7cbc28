/**
 * Turns a stock's component scores and driver percentiles into plain language: a short
 * summary, concrete strengths and weaknesses, and per-component notes. Deterministic
 * (no locale-dependent formatting, stable ordering).
 */
import { ALTMAN_ZONES, type AltmanModel } from '../analysis/financial-models.ts';
import type { Sector } from '../market/types.ts';
import type { ComponentExplanation, ComponentKey, Driver, Explanation } from './types.ts';

/** How a driver's value is printed. */
export type Format = 'pct' | 'signedPct' | 'multiple' | 'decimal' | 'fscore' | 'years';
/** What a driver's percentile is relative to. */
export type Scope = 'sector' | 'universe' | 'absolute';

/** Static facts about a driver the explanation needs to print it. */
export interface DriverMeta {
  /** The ranking group the driver is designed for. */
  designScope: Scope;
  format: Format;
}

export interface ComponentDetail {
  key: ComponentKey;
  label: string;
  weight: number;
  /** 0-100, one decimal. */
  score: number;
  /** The drivers as they go out (reused, not copied). */
  drivers: Driver[];
  /** Per driver, aligned with `drivers`. */
  meta: readonly DriverMeta[];
  /**
   * Per driver: the ranking group actually used (a sector driver falls back to the universe
   * when peers are few). Read only: may be shared between stocks.
   */
  scopes: readonly Scope[];
  /** Momentum only: points taken off for an extreme RSI (0 when none or another component). */
  rsiPenalty: number;
  /** Momentum only: the RSI(14) behind the penalty (null elsewhere). */
  rsi: number | null;
}

export interface ExplainInput {
  sector: Sector;
  rank: number;
  universeSize: number;
  components: ComponentDetail[];
  paysDividend: boolean;
  /** Drivers (by metric) that do not apply to the company, each with the sentence saying why. */
  notApplicable?: Readonly<Record<string, string>>;
  /** The Altman model behind the `altmanZ` driver, when one applies. */
  altmanModel?: AltmanModel | null;
}

/** Component score at or above which the summary calls it a strength, and at or below which a weakness. */
const STRONG_COMPONENT = 65;
const WEAK_COMPONENT = 35;
/** Driver percentile at or above which it is listed as a strength, and at or below which a weakness. */
const STRONG_DRIVER = 80;
const WEAK_DRIVER = 20;
/** At most this many strengths and weaknesses are listed. */
const MAX_LISTED = 4;

const STRONG_PHRASE: Record<ComponentKey, string> = {
  value: 'cheap on value',
  quality: 'high quality',
  growth: 'strong growth',
  momentum: 'strong momentum',
  risk: 'low risk',
  dividend: 'an attractive dividend',
};
const WEAK_PHRASE: Record<ComponentKey, string> = {
  value: 'expensive on value',
  quality: 'weak quality',
  growth: 'weak growth',
  momentum: 'weak momentum',
  risk: 'high risk',
  dividend: 'little dividend appeal',
};

/** Build the explanation of one stock. */
export function buildExplanation(input: ExplainInput): Explanation {
  const { components, sector } = input;
  const strong = components.filter((c) => c.score >= STRONG_COMPONENT).map((c) => STRONG_PHRASE[c.key]);
  const weak = components
    .filter((c) => c.score <= WEAK_COMPONENT)
    .map((c) => (c.key === 'dividend' && !input.paysDividend ? 'no dividend' : WEAK_PHRASE[c.key]));
  const unknown = components.filter((c) => c.drivers.every((d) => d.percentile === null)).map((c) => c.label);

  let profile: string;
  if (strong.length > 0 && weak.length > 0) profile = `${capitalize(joinWords(strong))}; ${joinWords(weak)}.`;
  else if (strong.length > 0) profile = `${capitalize(joinWords(strong))}.`;
  else if (weak.length > 0) profile = `${capitalize(joinWords(weak))}.`;
  else profile = 'A balanced profile with no standout factor.';
  const parts = [profile, rankSentence(input.rank, input.universeSize)];
  if (unknown.length > 0)
    parts.push(`Not enough data for ${joinWords(unknown.map(lower))}: scored a neutral 50.`);

  const { strengths, weaknesses } = listDrivers(components, sector);
  return {
    summary: parts.join(' '),
    strengths,
    weaknesses,
    components: components.map((c) => componentExplanation(c, input)),
  };
}

function rankSentence(rank: number, size: number): string {
  const top = Math.max(1, Math.ceil((rank / size) * 100));
  const where =
    top <= 50
      ? `in the top ${top} %`
      : `in the bottom ${Math.max(1, Math.ceil(((size - rank + 1) / size) * 100))} %`;
  return `Ranks #${thousands(rank)} of ${thousands(size)}, ${where} of the universe.`;
}

/** A candidate strength or weakness: a driver (described only if listed) or a ready text. */
interface Listed {
  driver?: Driver;
  format?: Format;
  scope?: Scope;
  text?: string;
  strength: number;
  order: number;
}

function listDrivers(
  components: ComponentDetail[],
  sector: Sector,
): { strengths: string[]; weaknesses: string[] } {
  const good: Listed[] = [];
  const bad: Listed[] = [];
  let order = 0;
  for (const c of components) {
    for (let j = 0; j < c.drivers.length; j++) {
      order++;
      const d = c.drivers[j];
      const p = d.percentile;
      if (p === null) continue;
      const meta = c.meta[j];
      // An absolute score (payout sustainability) is only worth mentioning when it is poor.
      if (p >= STRONG_DRIVER && meta.designScope !== 'absolute') {
        good.push({ driver: d, format: meta.format, scope: c.scopes[j], strength: p, order });
      } else if (p <= WEAK_DRIVER) {
        bad.push({ driver: d, format: meta.format, scope: c.scopes[j], strength: 100 - p, order });
      }
    }
    if (c.rsiPenalty > 0 && c.rsi !== null) {
      const state = c.rsi > 50 ? 'overbought' : 'oversold';
      bad.push({ text: `RSI ${c.rsi.toFixed(0)} (${state})`, strength: 50 + c.rsiPenalty, order: order++ });
    }
  }
  const top = (list: Listed[], kind: 'strength' | 'weakness') =>
    list
      .sort((a, b) => b.strength - a.strength || a.order - b.order)
      .slice(0, MAX_LISTED)
      .map(
        (l) =>
          l.text ?? describeDriver(l.driver as Driver, l.format as Format, l.scope as Scope, sector, kind),
      );
  return { strengths: top(good, 'strength'), weaknesses: top(bad, 'weakness') };
}

/** "ROE 45 % (top 5 % of Information Technology)"; for a weakness "... (bottom 10 % of all stocks)". */
function describeDriver(
  d: Driver,
  format: Format,
  scope: Scope,
  sector: Sector,
  kind: 'strength' | 'weakness',
): string {
  const value = formatValue(d.value, format);
  if (scope === 'absolute') {
    if (d.metric === 'payoutRatio') {
      if (kind === 'strength') return `Payout ratio ${value} (covered by earnings)`;
      return d.value === null
        ? 'Dividend paid out of losses'
        : `Payout ratio ${value} (thinly covered by earnings)`;
    }
    return `${d.label} ${value}`;
  }
  const p = d.percentile as number;
  const group = scope === 'sector' ? sector : 'all stocks';
  const share = kind === 'strength' ? Math.max(1, Math.ceil(100 - p)) : Math.max(1, Math.ceil(p));
  return `${d.label} ${value} (${kind === 'strength' ? 'top' : 'bottom'} ${share} % of ${group})`;
}

function componentExplanation(c: ComponentDetail, input: ExplainInput): ComponentExplanation {
  const notes: string[] = [];
  const missing: string[] = [];
  const inSector: string[] = [];
  const fellBack: string[] = [];
  const notApplicable: string[] = [];
  for (let j = 0; j < c.drivers.length; j++) {
    const d = c.drivers[j];
    const reason = input.notApplicable?.[d.metric];
    if (reason !== undefined) {
      notApplicable.push(reason);
    } else if (d.percentile === null) {
      if (!(d.metric === 'payoutRatio' && !input.paysDividend)) missing.push(d.label);
    } else if (c.meta[j].designScope === 'sector') {
      (c.scopes[j] === 'sector' ? inSector : fellBack).push(d.label);
    }
  }
  if (missing.length + notApplicable.length === c.drivers.length) {
    notes.push('No data for any of its metrics: neutral 50.');
  } else {
    notes.push(...notApplicable);
    if (input.altmanModel && c.drivers.some((d) => d.metric === 'altmanZ' && d.percentile !== null)) {
      notes.push(altmanNote(input.altmanModel));
    }
    if (missing.length > 0) notes.push(`No data for ${joinWords(missing)}; scored on the rest.`);
    if (inSector.length > 0) notes.push(`${joinWords(inSector)} ranked within ${input.sector}.`);
    if (fellBack.length > 0) {
      notes.push(
        `${joinWords(fellBack)} ranked against all stocks (too few ${input.sector} peers with data).`,
      );
    }
  }
  if (c.key === 'dividend' && !input.paysDividend) notes.push('Pays no dividend.');
  if (c.rsiPenalty > 0 && c.rsi !== null) {
    const bound = c.rsi > 50 ? 'above 70 (overbought)' : 'below 30 (oversold)';
    notes.push(`RSI ${c.rsi.toFixed(0)} is ${bound}: −${c.rsiPenalty.toFixed(1)} points.`);
  }
  const out: ComponentExplanation = {
    key: c.key,
    label: c.label,
    score: c.score,
    weight: c.weight,
    drivers: c.drivers,
  };
  if (notes.length > 0) out.note = notes.join(' ');
  return out;
}

/** The sentence naming the Altman model used, for the risk note. */
export function altmanNote(model: AltmanModel): string {
  const { distress, safe } = ALTMAN_ZONES[model];
  const zones = `distress below ${distress.toFixed(2)}, safe above ${safe.toFixed(2)}`;
  return model === 'manufacturer'
    ? `Altman Z: the 1968 model for manufacturers (${zones}).`
    : `Altman Z'': the model for non-manufacturers, without sales / assets and with book equity (${zones}); ranked with other companies' Z by its place in its zones.`;
}

/** Print a metric value: "45 %", "+12 %", "14.2", "1.05", "8/9", "4 years"; "n/a" for null. */
export function formatValue(v: number | null, format: Format): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  switch (format) {
    case 'pct':
      return `${pct(v)} %`;
    case 'signedPct':
      return `${v > 0 ? '+' : ''}${pct(v)} %`;
    case 'multiple':
      return v.toFixed(1);
    case 'decimal':
      return v.toFixed(2);
    case 'fscore':
      return `${v.toFixed(0)}/9`;
    case 'years':
      return v === 1 ? '1 year' : `${v.toFixed(0)} years`;
  }
}

function pct(v: number): string {
  const x = v * 100;
  return Math.abs(x) < 10 ? x.toFixed(1) : x.toFixed(0);
}

/** 5000 → "5,000" without locale data. */
export function thousands(n: number): string {
  const s = String(Math.trunc(n));
  return Math.abs(n) < 1000 ? s : s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lower(s: string): string {
  return s.toLowerCase();
}
