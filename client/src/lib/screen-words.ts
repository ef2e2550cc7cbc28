/**
 * "A screen in words": turns a phrase such as "profitable tech with dividends over 2% and RSI
 * under 40" into screen filters, deterministically (no model, no network). A hand-written
 * tokenizer and a greedy longest-phrase matcher over a small lexicon: the catalog's metric
 * labels plus synonyms, comparisons (over/under/at least/between…, > ≥ < ≤), units (%, $,
 * K/M/B/T, million/billion, x), sector and industry names, exchanges and a few adjectives
 * (profitable, cheap, large cap…). Words it cannot place are returned, never guessed at.
 *
 * A parser generator (nearley, chevrotain) rejects a whole input at the first word outside its
 * grammar; here an unknown word must be skipped and reported while the rest still applies, which
 * a scanner over a phrase table does in a few lines.
 *
 * Values come out in the API's units (catalog.ts): a fraction metric (yield, margin, growth…)
 * is typed in percent ("2", "2%" → 0.02), money takes $ and K/M/B/T, ratios are plain numbers.
 */

export type Unit = 'usd' | 'fraction' | 'percent' | 'ratio' | 'shares' | 'count' | 'score' | 'index' | 'text';
type ListKey = 'sector' | 'industry' | 'exchange';

interface CatalogMetricLike {
  key: string;
  label: string;
  unit: Unit;
}

/** What the parser knows: the metrics, and the names stocks carry today. */
export interface WordsCatalog {
  metrics: readonly CatalogMetricLike[];
  sectors: readonly string[];
  industries: readonly string[];
  exchanges: readonly string[];
}

export type ScreenFilter =
  | { kind: 'range'; key: string; min: number | null; max: number | null }
  | { kind: 'values'; key: ListKey; values: string[] };

export interface ParseResult {
  filters: ScreenFilter[];
  /** Words (as typed) that were not understood, in order. */
  unknown: string[];
  /** Sentences about what was understood but could not be used as typed. */
  notes: string[];
}

// ---------------------------------------------------------------- tokens

type TokKind = 'word' | 'num' | 'op' | 'sep';
interface Token {
  kind: TokKind;
  /** Lower-case text (numbers: their text without $ and unit). */
  text: string;
  /** As typed. */
  raw: string;
  value?: number;
  /** A unit glued to a number: '%', 'x', 'k', 'm', 'b', 't'. */
  suffix?: string;
  dollar?: boolean;
}

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
const SUFFIXES: Record<string, string> = {
  '%': '%',
  x: 'x',
  k: 'k',
  m: 'm',
  mm: 'm',
  mn: 'm',
  mln: 'm',
  b: 'b',
  bn: 'b',
  bln: 'b',
  t: 't',
  tn: 't',
};
/** Unit words that may follow a number as their own word. */
const UNIT_WORDS: Record<string, string> = {
  '%': '%',
  percent: '%',
  pct: '%',
  x: 'x',
  times: 'x',
  thousand: 'k',
  k: 'k',
  million: 'm',
  millions: 'm',
  mln: 'm',
  mn: 'm',
  m: 'm',
  billion: 'b',
  billions: 'b',
  bn: 'b',
  bln: 'b',
  b: 'b',
  trillion: 't',
  t: 't',
  dollars: '$',
  usd: '$',
};

const TOKEN_RE =
  /<=|>=|≤|≥|=<|=>|<|>|=|[,;()]|(?<![\p{L}\p{N}])[-−]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?[a-z]*|[^\s,;()<>=≤≥]+/giu;
const NUM_RE = /^([-−]?)(\$?)(\d+(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)(%|[a-z]*)$/;

/** Splits a phrase into words, numbers (with a glued $ or unit), comparison signs and separators. */
export function tokenize(input: string): Token[] {
  const out: Token[] = [];
  for (const m of input.matchAll(TOKEN_RE)) {
    let raw = m[0];
    // A sentence's full stop or a trailing comma belongs to no word.
    raw = raw.replace(/[.!?]+$/, '');
    if (raw === '') continue;
    const text = raw.toLowerCase();
    if (/^(<=|>=|≤|≥|=<|=>|<|>|=)$/.test(text)) {
      out.push({ kind: 'op', text, raw });
      continue;
    }
    if (/^[,;()]$/.test(text)) {
      out.push({ kind: 'sep', text, raw });
      continue;
    }
    const n = NUM_RE.exec(text);
    if (n) {
      const suffix = n[4] ? SUFFIXES[n[4]] : undefined;
      if (n[4] && !suffix) {
        // "52w", "3rd": a word that starts with a digit.
        out.push({ kind: 'word', text, raw });
        continue;
      }
      const digits = (n[3] ?? '0').replace(/,/g, '');
      out.push({
        kind: 'num',
        text: `${n[1] ? '-' : ''}${digits}`,
        raw,
        value: (n[1] ? -1 : 1) * Number(digits),
        ...(suffix ? { suffix } : {}),
        ...(n[2] ? { dollar: true } : {}),
      });
      continue;
    }
    out.push({ kind: 'word', text, raw });
  }
  return out;
}

/** The words of a lexicon phrase, as the tokenizer splits them. */
const phraseWords = (phrase: string) => tokenize(phrase).map((t) => t.text);

// ---------------------------------------------------------------- lexicon

/** Extra names for the catalog's metrics (the labels themselves are always known). */
const METRIC_SYNONYMS: Record<string, readonly string[]> = {
  price: ['price', 'share price', 'stock price', 'priced'],
  change: ['change $', 'dollar change'],
  change_pct: ['change', 'day change', 'daily change', "today's change", 'change today', 'day', 'today'],
  market_cap: ['market cap', 'market capitalisation', 'market capitalization', 'mkt cap', 'cap', 'size'],
  volume: ['volume'],
  avg_volume: ['average volume', 'avg volume', 'avg vol'],
  rel_volume: ['relative volume', 'rel volume', 'rvol'],
  pe: [
    'p/e',
    'pe',
    'p/e ratio',
    'pe ratio',
    'price to earnings',
    'price/earnings',
    'price earnings',
    'earnings multiple',
  ],
  pb: ['p/b', 'pb', 'price to book', 'price/book', 'p/b ratio'],
  ps: ['p/s', 'ps', 'price to sales', 'price/sales', 'p/s ratio'],
  ev_to_ebitda: ['ev/ebitda', 'ev to ebitda', 'enterprise value to ebitda'],
  peg: ['peg', 'peg ratio'],
  earnings_yield: ['earnings yield', 'earnings yield (ebit/ev)'],
  fcf_yield: ['fcf yield', 'free cash flow yield', 'free-cash-flow yield'],
  eps: ['eps', 'earnings per share'],
  dividend_yield: ['dividend yield', 'dividends', 'dividend', 'yield', 'div yield', 'yielding', 'yields'],
  payout_ratio: ['payout ratio', 'payout', 'dividend payout'],
  gross_margin: ['gross margin', 'gross margins'],
  operating_margin: ['operating margin', 'operating margins', 'op margin'],
  net_margin: ['net margin', 'net margins', 'profit margin', 'profit margins', 'margin', 'margins'],
  roe: ['roe', 'return on equity'],
  roa: ['roa', 'return on assets'],
  roic: ['roic', 'return on invested capital'],
  return_on_capital: ['return on capital', 'roc', 'return on capital (ebit / (nwc + net ppe))'],
  revenue: ['revenue', 'revenues', 'sales', 'annual revenue'],
  revenue_growth: ['revenue growth', 'sales growth', 'growth', 'growing revenue'],
  eps_growth: ['eps growth', 'earnings growth'],
  revenue_cagr: ['revenue cagr', 'sales cagr'],
  eps_cagr: ['eps cagr', 'earnings cagr'],
  debt_to_equity: ['debt/equity', 'debt to equity', 'd/e', 'debt', 'leverage'],
  current_ratio: ['current ratio'],
  piotroski: ['piotroski', 'piotroski f-score', 'f-score', 'piotroski score'],
  altman_z: ['altman z', 'altman z-score', 'altman', 'z-score', 'z score'],
  beta: ['beta'],
  volatility: ['volatility', 'vol'],
  rsi14: ['rsi', 'rsi(14)', 'rsi (14)', 'rsi 14', 'relative strength index'],
  sma20: ['sma 20', 'sma20', '20-day sma', '20 day moving average'],
  sma50: ['sma 50', 'sma50', '50-day sma', '50 day moving average'],
  sma200: ['sma 200', 'sma200', '200-day sma', '200 day moving average'],
  price_vs_sma20: ['price vs sma 20', 'price vs sma20'],
  price_vs_sma50: ['price vs sma 50', 'price vs sma50'],
  price_vs_sma200: ['price vs sma 200', 'price vs sma200'],
  high_52w: ['52-week high', '52 week high', '52w high'],
  low_52w: ['52-week low', '52 week low', '52w low'],
  from_52w_high: [
    'from 52-week high',
    'from the 52-week high',
    'distance from 52-week high',
    'off the high',
    'off high',
  ],
  from_52w_low: [
    'from 52-week low',
    'from the 52-week low',
    'distance from 52-week low',
    'off the low',
    'off low',
  ],
  momentum_12_1: ['12-1 month momentum', '12-1 momentum', '12 month momentum'],
  perf_1w: [
    '1 week performance',
    'week performance',
    'performance 1w',
    'perf 1w',
    '1w',
    '1 week',
    'week',
    'weekly performance',
    'this week',
    '1-week performance',
  ],
  perf_1m: [
    '1 month performance',
    'month performance',
    'performance 1m',
    'perf 1m',
    '1m',
    '1 month',
    'month',
    'monthly performance',
    'this month',
    '1-month performance',
  ],
  perf_3m: [
    '3 month performance',
    '3 months performance',
    'performance 3m',
    'perf 3m',
    '3m',
    '3 months',
    'quarter',
    '3-month performance',
  ],
  perf_6m: [
    '6 month performance',
    '6 months performance',
    'performance 6m',
    'perf 6m',
    '6m',
    '6 months',
    'half year',
    '6-month performance',
  ],
  perf_1y: [
    '1 year performance',
    'year performance',
    'performance 1y',
    'perf 1y',
    '1y',
    '1 year',
    'year',
    'yearly performance',
    '1-year performance',
    '12 months',
  ],
  perf_ytd: ['ytd performance', 'performance ytd', 'perf ytd', 'ytd', 'year to date', 'this year'],
  score: ['score', 'total score', 'overall score', 'vibe score'],
  rank: ['rank', 'ranking'],
  value: ['value score'],
  quality: ['quality score', 'quality'],
  growth: ['growth score'],
  momentum: ['momentum score', 'momentum'],
  risk: ['risk score', 'safety score'],
  dividend: ['dividend score'],
};

/** Sector names by what people call them (the catalog's own names are always known). */
const SECTOR_SYNONYMS: Record<string, readonly string[]> = {
  'Communication Services': ['communication', 'communications', 'telecom', 'telecoms', 'media'],
  'Consumer Discretionary': ['discretionary', 'consumer discretionary', 'retail', 'retailers'],
  'Consumer Staples': ['staples', 'consumer staples'],
  Energy: ['energy', 'oil', 'oil and gas', 'oil & gas'],
  Financials: ['financials', 'financial', 'finance', 'banks', 'banking'],
  'Health Care': ['health care', 'healthcare', 'health', 'pharma', 'medical'],
  Industrials: ['industrials', 'industrial'],
  'Information Technology': ['tech', 'technology', 'information technology', 'software', 'semiconductors'],
  Materials: ['materials', 'mining', 'chemicals'],
  'Real Estate': ['real estate', 'reits', 'reit', 'property'],
  Utilities: ['utilities', 'utility'],
};

type Bounds = { min?: number; max?: number };
/** Adjectives and set phrases, each a fixed set of bounds in the API's units. */
const ADJECTIVES: Record<string, Record<string, Bounds>> = {
  profitable: { eps: { min: 0.01 } },
  'making money': { eps: { min: 0.01 } },
  unprofitable: { eps: { max: 0 } },
  'loss-making': { eps: { max: 0 } },
  cheap: { pe: { min: 0.01, max: 15 } },
  undervalued: { pe: { min: 0.01, max: 15 } },
  expensive: { pe: { min: 30 } },
  'mega cap': { market_cap: { min: 200e9 } },
  'large cap': { market_cap: { min: 10e9 } },
  'big cap': { market_cap: { min: 10e9 } },
  'mid cap': { market_cap: { min: 2e9, max: 10e9 } },
  'small cap': { market_cap: { min: 300e6, max: 2e9 } },
  'micro cap': { market_cap: { min: 50e6, max: 300e6 } },
  'nano cap': { market_cap: { max: 50e6 } },
  oversold: { rsi14: { max: 30 } },
  overbought: { rsi14: { min: 70 } },
  'dividend payers': { dividend_yield: { min: 0.0001 } },
  'dividend paying': { dividend_yield: { min: 0.0001 } },
  'pays dividends': { dividend_yield: { min: 0.0001 } },
  'pay dividends': { dividend_yield: { min: 0.0001 } },
  'high dividend': { dividend_yield: { min: 0.04 } },
  'high yield': { dividend_yield: { min: 0.04 } },
  'high yielding': { dividend_yield: { min: 0.04 } },
  growing: { revenue_growth: { min: 0.0001 } },
  'fast growing': { revenue_growth: { min: 0.15 } },
  'fast-growing': { revenue_growth: { min: 0.15 } },
  'high growth': { revenue_growth: { min: 0.15 } },
  'low debt': { debt_to_equity: { max: 0.5 } },
  'debt free': { debt_to_equity: { max: 0 } },
  'debt-free': { debt_to_equity: { max: 0 } },
  'low volatility': { volatility: { max: 0.25 } },
  'low beta': { beta: { max: 0.8 } },
  'high beta': { beta: { min: 1.5 } },
  uptrend: { price_vs_sma200: { min: 0 } },
  'above the 200-day': { price_vs_sma200: { min: 0 } },
  'above sma 200': { price_vs_sma200: { min: 0 } },
  'above sma200': { price_vs_sma200: { min: 0 } },
  'below sma 200': { price_vs_sma200: { max: 0 } },
  'below sma200': { price_vs_sma200: { max: 0 } },
  downtrend: { price_vs_sma200: { max: 0 } },
  'near 52-week high': { from_52w_high: { min: -0.05 } },
  'near the 52-week high': { from_52w_high: { min: -0.05 } },
  'near highs': { from_52w_high: { min: -0.05 } },
  'near 52-week low': { from_52w_low: { max: 0.05 } },
  'near lows': { from_52w_low: { max: 0.05 } },
  'high quality': { quality: { min: 70 } },
  'top rated': { score: { min: 70 } },
  'top-rated': { score: { min: 70 } },
};

/** A metric word with no comparison after it still means something for these. */
const BARE_METRIC: Record<string, Bounds> = {
  dividend_yield: { min: 0.0001 },
};

type Cmp = 'min' | 'max' | 'between' | 'eq';
const COMPARISONS: Record<string, Cmp> = {
  over: 'min',
  above: 'min',
  'more than': 'min',
  'greater than': 'min',
  'higher than': 'min',
  'bigger than': 'min',
  'larger than': 'min',
  'at least': 'min',
  'no less than': 'min',
  'not less than': 'min',
  'not below': 'min',
  'not under': 'min',
  min: 'min',
  minimum: 'min',
  exceeding: 'min',
  exceeds: 'min',
  '>': 'min',
  '>=': 'min',
  '=>': 'min',
  '≥': 'min',
  under: 'max',
  below: 'max',
  'less than': 'max',
  'lower than': 'max',
  'smaller than': 'max',
  'at most': 'max',
  'no more than': 'max',
  'not more than': 'max',
  'not above': 'max',
  'not over': 'max',
  'up to': 'max',
  max: 'max',
  maximum: 'max',
  within: 'max',
  '<': 'max',
  '<=': 'max',
  '=<': 'max',
  '≤': 'max',
  between: 'between',
  from: 'between',
  // "a yield of 2%" reads as at least 2 %.
  of: 'min',
  '=': 'eq',
  equals: 'eq',
  'equal to': 'eq',
  exactly: 'eq',
};

const FILLERS = new Set(
  [
    'a',
    'an',
    'the',
    'and',
    'with',
    'that',
    'which',
    'who',
    'where',
    'whose',
    'having',
    'have',
    'has',
    'is',
    'are',
    'its',
    'their',
    'in',
    'on',
    'stocks',
    'stock',
    'companies',
    'company',
    'shares',
    'names',
    'sector',
    'show',
    'me',
    'find',
    'list',
    'all',
    'any',
    'or',
    'plus',
    'also',
    'but',
    'than',
    'to',
    'per',
    'cent',
    'trading',
    'listed',
    'ratio',
    'very',
    'some',
    'for',
    'by',
    ',',
    ';',
    '(',
    ')',
  ].map((w) => w),
);
const NEGATIONS = new Set(['not', 'no', 'except', 'excluding', 'exclude', 'without', 'ex', 'ex-', 'outside']);

type Entry =
  | { type: 'metric'; key: string }
  | { type: 'list'; key: ListKey; value: string }
  | { type: 'adjective'; bounds: Record<string, Bounds> }
  | { type: 'cmp'; cmp: Cmp };

interface Lexicon {
  /** Phrases by their first word, longest first. */
  byFirst: Map<string, Array<{ words: string[]; entry: Entry }>>;
  units: Map<string, Unit>;
  labels: Map<string, string>;
  sectors: readonly string[];
}

function buildLexicon(catalog: WordsCatalog): Lexicon {
  const byFirst = new Map<string, Array<{ words: string[]; entry: Entry }>>();
  const add = (phrase: string, entry: Entry) => {
    const words = phraseWords(phrase);
    if (words.length === 0) return;
    const first = words[0] ?? '';
    const list = byFirst.get(first) ?? [];
    // The first meaning of a phrase wins (metrics before sectors before adjectives).
    if (list.some((e) => e.words.join(' ') === words.join(' '))) return;
    list.push({ words, entry });
    byFirst.set(first, list);
  };
  const units = new Map<string, Unit>();
  const labels = new Map<string, string>();
  for (const [phrase, cmp] of Object.entries(COMPARISONS)) add(phrase, { type: 'cmp', cmp });
  for (const [phrase, bounds] of Object.entries(ADJECTIVES)) {
    add(phrase, { type: 'adjective', bounds });
    if (phrase.includes(' cap')) add(phrase.replace(' cap', '-cap'), { type: 'adjective', bounds });
    if (phrase.includes(' cap')) add(`${phrase}s`, { type: 'adjective', bounds });
  }
  for (const m of catalog.metrics) {
    units.set(m.key, m.unit);
    labels.set(m.key, m.label);
    if (m.unit === 'text') continue;
    add(m.label, { type: 'metric', key: m.key });
    for (const s of METRIC_SYNONYMS[m.key] ?? []) add(s, { type: 'metric', key: m.key });
  }
  for (const s of catalog.sectors) add(s, { type: 'list', key: 'sector', value: s });
  for (const [sector, names] of Object.entries(SECTOR_SYNONYMS))
    if (catalog.sectors.includes(sector))
      for (const n of names) add(n, { type: 'list', key: 'sector', value: sector });
  for (const e of catalog.exchanges) add(e, { type: 'list', key: 'exchange', value: e });
  for (const i of catalog.industries) add(i, { type: 'list', key: 'industry', value: i });
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst, units, labels, sectors: catalog.sectors };
}

const lexicons = new WeakMap<WordsCatalog, Lexicon>();
function lexiconOf(catalog: WordsCatalog): Lexicon {
  let lex = lexicons.get(catalog);
  if (!lex) {
    lex = buildLexicon(catalog);
    lexicons.set(catalog, lex);
  }
  return lex;
}

// ---------------------------------------------------------------- values

const round = (n: number) => Number(n.toPrecision(12));

/**
 * A number as the user means it for a metric of this unit, in the API's unit: percent for
 * fractions, K/M/B/T for money and share counts. `error` says why it does not fit.
 */
export function valueFor(
  unit: Unit,
  value: number,
  suffix: string | undefined,
  dollar = false,
): { value: number } | { error: string } {
  if (!Number.isFinite(value)) return { error: 'not a number' };
  if (suffix && suffix in SCALE) {
    if (unit !== 'usd' && unit !== 'shares') return { error: 'K/M/B/T only fit money and volumes' };
    return { value: round(value * (SCALE[suffix] ?? 1)) };
  }
  if (dollar && unit !== 'usd') return { error: '$ only fits money' };
  if (suffix === '%') {
    if (unit === 'fraction') return { value: round(value / 100) };
    if (unit === 'percent') return { value };
    return { error: '% does not fit it' };
  }
  if (suffix === 'x' && unit !== 'ratio') return { error: 'x only fits multiples' };
  if (unit === 'fraction') return { value: round(value / 100) };
  return { value };
}

/**
 * A bound typed in the filter panel ("2.5", "10B", "$300M", "15%"), in the metric's unit;
 * null for an empty box, undefined when it cannot be read.
 */
export function parseBoundInput(unit: Unit, text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const neg = t.startsWith('-') || t.startsWith('−');
  const toks = tokenize(neg ? t.slice(1) : t);
  const num = toks[0];
  if (num?.kind !== 'num') return undefined;
  let suffix = num.suffix;
  const unitWord = toks[1]?.kind === 'word' ? UNIT_WORDS[toks[1].text] : undefined;
  if (toks.length === 2 && unitWord && !suffix) suffix = unitWord === '$' ? undefined : unitWord;
  else if (toks.length > 1) return undefined;
  const v = valueFor(unit, num.value ?? Number.NaN, suffix, num.dollar);
  if ('error' in v) return undefined;
  return neg ? -v.value : v.value;
}

// ---------------------------------------------------------------- parsing

/** Merges a bound into the filters: a second bound on one metric narrows it. */
function addRange(filters: ScreenFilter[], key: string, b: Bounds) {
  const f = filters.find(
    (x): x is Extract<ScreenFilter, { kind: 'range' }> => x.kind === 'range' && x.key === key,
  );
  if (!f) {
    filters.push({ kind: 'range', key, min: b.min ?? null, max: b.max ?? null });
    return;
  }
  if (b.min !== undefined) f.min = f.min === null ? b.min : Math.max(f.min, b.min);
  if (b.max !== undefined) f.max = f.max === null ? b.max : Math.min(f.max, b.max);
}

function addValues(filters: ScreenFilter[], key: ListKey, values: string[]) {
  const f = filters.find(
    (x): x is Extract<ScreenFilter, { kind: 'values' }> => x.kind === 'values' && x.key === key,
  );
  if (!f) filters.push({ kind: 'values', key, values: [...values] });
  else for (const v of values) if (!f.values.includes(v)) f.values.push(v);
}

/** Parses a phrase into filters; the same phrase and catalog always give the same answer. */
export function parseScreenWords(input: string, catalog: WordsCatalog): ParseResult {
  const lex = lexiconOf(catalog);
  // A long paste is read up to its first 500 characters, cut at a word's end.
  const toks = tokenize(input.length > 500 ? input.slice(0, 500).replace(/\S*$/, '') : input);
  const filters: ScreenFilter[] = [];
  const unknown: string[] = [];
  const notes: string[] = [];
  const excluded: string[] = [];

  /** The lexicon entry that starts at i (longest phrase), with the index after it. */
  const match = (i: number): { entry: Entry; next: number } | null => {
    const t = toks[i];
    if (!t) return null;
    for (const cand of lex.byFirst.get(t.text) ?? []) {
      if (cand.words.every((w, k) => toks[i + k]?.text === w))
        return { entry: cand.entry, next: i + cand.words.length };
    }
    return null;
  };

  /** A number at i with an optional unit word after it (`2 %`, `10 billion`, `$5`). */
  const number = (
    i: number,
  ): { value: number; suffix?: string; dollar: boolean; raw: string; next: number } | null => {
    let j = i;
    let dollar = false;
    let neg = false;
    if (toks[j]?.text === '$') {
      dollar = true;
      j++;
    }
    if (toks[j]?.text === '-' || toks[j]?.text === 'minus' || toks[j]?.text === 'negative') {
      neg = true;
      j++;
    }
    const t = toks[j];
    if (t?.kind !== 'num') return null;
    let suffix = t.suffix;
    let next = j + 1;
    let raw = t.raw;
    const unitWord =
      toks[next]?.kind === 'word' || toks[next]?.text === '%'
        ? UNIT_WORDS[toks[next]?.text ?? '']
        : undefined;
    if (unitWord === '$') {
      dollar = true;
      next++;
    } else if (unitWord && !suffix) {
      suffix = unitWord;
      raw = `${raw} ${toks[next]?.raw ?? ''}`;
      next++;
      if (toks[next]?.text === 'dollars' || toks[next]?.text === 'usd') {
        dollar = true;
        next++;
      }
    }
    return {
      value: (neg ? -1 : 1) * (t.value ?? Number.NaN),
      ...(suffix ? { suffix } : {}),
      dollar: dollar || !!t.dollar,
      raw,
      next,
    };
  };

  /** A comparison and its value(s) at i: `over 2%`, `between 10 and 50`, `> 0`, `2%+`. */
  const comparison = (
    i: number,
  ): { cmp: Cmp; values: NonNullable<ReturnType<typeof number>>[]; next: number } | null => {
    let j = i;
    if (toks[j]?.text === 'is' || toks[j]?.text === 'are') j++;
    const m = match(j);
    if (m?.entry.type !== 'cmp') return null;
    const cmp = m.entry.cmp;
    const a = number(m.next);
    if (!a) return null;
    if (cmp === 'between') {
      const sep = toks[a.next]?.text;
      if (sep !== 'and' && sep !== 'to' && sep !== '-') return null;
      const b = number(a.next + 1);
      if (!b) return null;
      return { cmp, values: [a, b], next: b.next };
    }
    // "10 to 50" after "of"/"=" reads as a range too.
    if (cmp === 'eq' && (toks[a.next]?.text === 'to' || toks[a.next]?.text === '-')) {
      const b = number(a.next + 1);
      if (b) return { cmp: 'between', values: [a, b], next: b.next };
    }
    return { cmp, values: [a], next: a.next };
  };

  const apply = (key: string, c: NonNullable<ReturnType<typeof comparison>>, said: string) => {
    const unit = lex.units.get(key) ?? 'ratio';
    const vals: number[] = [];
    for (const v of c.values) {
      // A lone % on a money or ratio metric is an error; a $ or B on a fraction too.
      const r = valueFor(unit, v.value, v.suffix, v.dollar);
      if ('error' in r) {
        notes.push(`"${said} ${v.raw}": ${r.error} (${lex.labels.get(key) ?? key} is ${unitName(unit)}).`);
        return;
      }
      vals.push(r.value);
    }
    const [a = Number.NaN, b = a] = vals;
    if (c.cmp === 'min') addRange(filters, key, { min: a });
    else if (c.cmp === 'max') addRange(filters, key, { max: a });
    else if (c.cmp === 'eq') addRange(filters, key, { min: a, max: a });
    else addRange(filters, key, { min: Math.min(a, b), max: Math.max(a, b) });
  };

  let last: string | null = null;
  let negate = false;
  let i = 0;
  for (let t = toks[i]; t !== undefined; t = toks[i]) {
    const m = match(i);
    if (!m && NEGATIONS.has(t.text)) {
      negate = true;
      i++;
      continue;
    }
    // "8 of 9", "8 out of 9": the whole a number is out of, not a bound.
    if ((t.text === 'of' || t.text === 'out') && toks[i - 1]?.kind === 'num') {
      const j = t.text === 'out' && toks[i + 1]?.text === 'of' ? i + 2 : i + 1;
      if (toks[j]?.kind === 'num') {
        i = j + 1;
        continue;
      }
    }
    if (m?.entry.type === 'metric') {
      const key = m.entry.key;
      const said = toks
        .slice(i, m.next)
        .map((x) => x.raw)
        .join(' ');
      const c = comparison(m.next);
      if (c) {
        apply(key, c, said);
        last = key;
        i = c.next;
        negate = false;
        continue;
      }
      // "2%+ yield", "yield of 2%+": a number with a trailing plus.
      const n = number(m.next);
      if (n && toks[n.next]?.text === '+') {
        apply(key, { cmp: 'min', values: [n], next: n.next + 1 }, said);
        i = n.next + 1;
        last = key;
        continue;
      }
      if (BARE_METRIC[key] && !negate) {
        addRange(filters, key, BARE_METRIC[key]);
        last = key;
        i = m.next;
        continue;
      }
      if (negate && BARE_METRIC[key]) {
        addRange(filters, key, { max: 0 });
        negate = false;
        i = m.next;
        continue;
      }
      notes.push(`"${said}" needs a comparison, e.g. "${said} over 10" or "${said} between 5 and 20".`);
      last = key;
      i = m.next;
      continue;
    }
    if (m?.entry.type === 'cmp') {
      // A comparison before its metric ("over 2% yield") or after "and" for the last one ("> 0 and ≤ 15").
      const c = comparison(i);
      if (c) {
        const after = match(c.next);
        if (after?.entry.type === 'metric' && !comparison(after.next)) {
          apply(after.entry.key, c, toks[after.next - 1]?.raw ?? '');
          last = after.entry.key;
          i = after.next;
          continue;
        }
        if (last) {
          apply(last, c, lex.labels.get(last) ?? last);
          i = c.next;
          continue;
        }
      }
    }
    if (m?.entry.type === 'adjective') {
      for (const [key, b] of Object.entries(m.entry.bounds))
        if (lex.units.has(key)) addRange(filters, key, b);
      i = m.next;
      negate = false;
      continue;
    }
    if (m?.entry.type === 'list') {
      if (negate && m.entry.key === 'sector') excluded.push(m.entry.value);
      else if (negate)
        notes.push(`Excluding an ${m.entry.key} is not supported: "${m.entry.value}" left out.`);
      else addValues(filters, m.entry.key, [m.entry.value]);
      i = m.next;
      // "not Financials, Utilities or Real Estate": the negation runs on through the list.
      const sep = toks[i]?.text;
      if (!(negate && (sep === ',' || sep === 'or' || sep === 'and' || sep === 'nor'))) negate = false;
      continue;
    }
    if (FILLERS.has(t.text) || t.text === '+' || t.text === 'sector' || t.text === 'sectors') {
      i++;
      continue;
    }
    unknown.push(t.raw);
    i++;
  }

  if (excluded.length > 0) {
    const existing = filters.find((f) => f.kind === 'values' && f.key === 'sector') as
      | Extract<ScreenFilter, { kind: 'values' }>
      | undefined;
    const base = existing ? existing.values : [...lex.sectors];
    const keep = base.filter((s) => !excluded.includes(s));
    if (existing) existing.values = keep;
    else addValues(filters, 'sector', keep);
  }
  for (const f of filters) {
    if (f.kind === 'range' && f.min !== null && f.max !== null && f.min > f.max)
      notes.push(
        `${lex.labels.get(f.key) ?? f.key}: the bounds contradict each other, so nothing can match.`,
      );
  }
  return { filters, unknown, notes };
}

function unitName(unit: Unit): string {
  switch (unit) {
    case 'usd':
      return 'in dollars';
    case 'fraction':
      return 'a percentage';
    case 'percent':
      return 'in percent';
    case 'shares':
      return 'a number of shares';
    case 'score':
      return 'a 0-100 score';
    case 'index':
      return 'a 0-100 index';
    case 'count':
      return 'a whole number';
    default:
      return 'a plain number or multiple';
  }
}
