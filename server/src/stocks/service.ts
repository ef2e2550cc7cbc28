/**
 * The stock use cases behind the routes: query the repository, shape API responses.
 * (The cache tier slots in here, below the routes, keyed per use case.)
 */
import type { Knex } from 'knex';
import { sma } from '../analysis/indicators.ts';
import type {
  ComponentScores,
  Leaderboard,
  PriceHistory,
  ScoreHistory,
  SectorList,
  StockDetail,
  StockListItem,
  StockListQuery,
  StockPage,
  StrategyList,
  StrategyResult,
  StrategySummary,
} from '../api/schemas.ts';
import { BadRequestError, NotFoundError } from '../http/errors.ts';
import { SECTORS } from '../market/types.ts';
import {
  getStrategy,
  ruleFailures,
  runStrategy,
  STRATEGIES,
  type Strategy,
  type StrategyRow,
  strategyContext,
} from '../scoring/strategies.ts';
import * as repo from './repository.ts';

const TICKER_RE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/;

/** Normalise a ticker from a URL; anything that cannot be a ticker is simply not found. */
export function normaliseTicker(raw: string): string {
  const t = raw.trim().toUpperCase();
  if (!TICKER_RE.test(t)) throw new NotFoundError(`stock "${raw}" not found`, 'stock_not_found');
  return t;
}

const round = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function components(row: {
  score?: number | null;
  value?: number | null;
  c_value?: number | null;
  quality?: number | null;
  growth?: number | null;
  momentum?: number | null;
  risk?: number | null;
  dividend?: number | null;
}): ComponentScores | null {
  if (row.score === null || row.score === undefined) return null;
  return {
    value: Number(row.c_value ?? row.value),
    quality: Number(row.quality),
    growth: Number(row.growth),
    momentum: Number(row.momentum),
    risk: Number(row.risk),
    dividend: Number(row.dividend),
  };
}

export function toListItem(r: repo.ListRow): StockListItem {
  return {
    ticker: r.ticker,
    name: r.name,
    sector: r.sector,
    industry: r.industry,
    price: r.price,
    change: round(r.change, 4),
    change_pct: round(r.change_pct, 4),
    market_cap: r.market_cap,
    pe: round(r.pe, 4),
    dividend_yield: round(r.dividend_yield, 6),
    score: r.score,
    rank: r.rank,
    components: components(r),
  };
}

export async function listStocks(db: Knex, q: StockListQuery): Promise<StockPage> {
  const order = q.order ?? repo.defaultOrder(q.sort);
  const { rows, total } = await repo.listStocks(
    db,
    { sector: q.sector, q: q.q, minScore: q.min_score, maxScore: q.max_score },
    q.sort,
    order,
    q.size,
    (q.page - 1) * q.size,
  );
  return { items: rows.map(toListItem), page: q.page, size: q.size, total, pages: Math.ceil(total / q.size) };
}

export async function topStocks(db: Knex, limit: number) {
  return { items: (await repo.topStocks(db, limit)).map(toListItem) };
}

export async function leaderboard(db: Knex, limit: number, sector?: string): Promise<Leaderboard> {
  if (sector) {
    return { sector, items: (await repo.topStocks(db, limit, sector)).map(toListItem), groups: [] };
  }
  const rows = await repo.topPerSector(db, limit);
  const groups = SECTORS.map((s) => ({
    sector: s as string,
    items: rows.filter((r) => r.sector === s).map(toListItem),
  })).filter((g) => g.items.length > 0);
  return { sector: null, items: [], groups };
}

const parseJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));

export async function stockDetail(db: Knex, rawTicker: string): Promise<StockDetail> {
  const ticker = normaliseTicker(rawTicker);
  const [r, universe] = await Promise.all([repo.findStock(db, ticker), repo.countStocks(db)]);
  if (!r) throw new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');
  const n = (k: string) => (r[k] === null || r[k] === undefined ? null : Number(r[k]));
  return {
    ticker: String(r.ticker),
    name: String(r.name),
    sector: String(r.sector),
    industry: String(r.industry),
    exchange: String(r.exchange),
    description: String(r.description ?? ''),
    source: String(r.source),
    score: n('score'),
    rank: n('rank'),
    sector_rank: n('sector_rank'),
    universe_size: universe,
    components: components(r as Parameters<typeof components>[0]),
    explanation: parseJson(r.explanation),
    metrics: parseJson(r.metrics),
    score_as_of: (r.as_of as string | null) ?? null,
    quote: {
      price: n('price'),
      change: n('change'),
      change_pct: n('change_pct'),
      open: n('open'),
      day_high: n('day_high'),
      day_low: n('day_low'),
      previous_close: n('previous_close'),
      volume: n('volume'),
      avg_volume: n('avg_volume'),
      year_high: n('year_high'),
      year_low: n('year_low'),
      as_of: (r.quote_date as string | null) ?? null,
    },
    fundamentals: {
      market_cap: n('market_cap'),
      pe: n('pe'),
      pb: n('pb'),
      ps: n('ps'),
      ev_to_ebitda: n('ev_to_ebitda'),
      peg: n('peg'),
      dividend_yield: n('dividend_yield'),
      payout_ratio: n('payout_ratio'),
      gross_margin: n('gross_margin'),
      operating_margin: n('operating_margin'),
      net_margin: n('net_margin'),
      roe: n('roe'),
      roa: n('roa'),
      roic: n('roic'),
      revenue_growth: n('revenue_growth'),
      eps_growth: n('eps_growth'),
      debt_to_equity: n('debt_to_equity'),
      current_ratio: n('current_ratio'),
      eps: n('eps'),
      beta: n('beta'),
    },
  };
}

async function requireStock(db: Knex, rawTicker: string): Promise<string> {
  const ticker = normaliseTicker(rawTicker);
  const found = await db('stocks').select('ticker').where('ticker', ticker).first();
  if (!found) throw new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');
  return ticker;
}

const RANGE_MONTHS: Record<string, number> = { '1m': 1, '3m': 3, '6m': 6, '1y': 12, '2y': 24 };

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** Daily bars with SMA 50/200 computed over the full history (so the first visible points have them). */
export async function priceHistory(
  db: Knex,
  rawTicker: string,
  q: { range?: string; from?: string; to?: string },
): Promise<PriceHistory> {
  const ticker = await requireStock(db, rawTicker);
  const bars = await repo.priceBars(db, ticker);
  const closes = bars.map((b) => b.close);
  const sma50 = sma(closes, 50);
  const sma200 = sma(closes, 200);
  const last = bars.length ? bars[bars.length - 1].date : null;
  let from = q.from ?? null;
  let to = q.to ?? null;
  if (!q.from && !q.to && last) {
    const range = q.range ?? '1y';
    from = range === 'max' ? bars[0].date : monthsBefore(last, RANGE_MONTHS[range]);
    to = last;
  }
  const items = [];
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i];
    if ((from && b.date < from) || (to && b.date > to)) continue;
    items.push({ ...b, sma50: round(sma50[i], 4), sma200: round(sma200[i], 4) });
  }
  return { ticker, from, to, items };
}

export async function scoreHistory(db: Knex, rawTicker: string, limit: number): Promise<ScoreHistory> {
  const ticker = await requireStock(db, rawTicker);
  const rows = await repo.scoreSnapshots(db, ticker, limit);
  return {
    ticker,
    items: rows.map((r) => ({
      date: r.date,
      score: r.score,
      rank: r.rank,
      components: components(r)!,
    })),
  };
}

function summary(s: Strategy, rows: readonly StrategyRow[]): StrategySummary {
  const ctx = strategyContext(rows);
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    source: s.source,
    rules: s.rules,
    ranking: s.ranking,
    matches: rows.reduce((n, r) => n + (s.filter(r, ctx) ? 1 : 0), 0),
    screened: rows.length,
    excluded_by: ruleFailures(s, rows, ctx),
  };
}

export async function listStrategies(db: Knex): Promise<StrategyList> {
  const { rows } = await strategyUniverse(db);
  return { items: STRATEGIES.map((s) => summary(s, rows)) };
}

type StrategyUniverse = {
  rows: StrategyRow[];
  byTicker: Map<string, { change_pct: number | null; market_cap: number | null }>;
};
/**
 * Parsed strategy rows, kept per database until the scores change (`scores_computed_at`):
 * parsing every stock's metrics on each request would dominate the screener's time. This
 * is exact, not a TTL cache: a recompute (seed, refresh job) changes the version.
 */
const universeMemo = new WeakMap<Knex, { version: string; value: Promise<StrategyUniverse> }>();

async function strategyUniverse(db: Knex): Promise<StrategyUniverse> {
  const version = (await repo.datasetInfo(db)).scores_computed_at ?? '';
  const memo = universeMemo.get(db);
  if (memo && memo.version === version) return memo.value;
  const value = loadStrategyUniverse(db);
  universeMemo.set(db, { version, value });
  value.catch(() => universeMemo.delete(db));
  return value;
}

async function loadStrategyUniverse(db: Knex): Promise<StrategyUniverse> {
  const raw = await repo.strategyRows(db);
  const byTicker = new Map(
    raw.map((r) => [
      r.ticker as string,
      { change_pct: r.change_pct ?? null, market_cap: r.market_cap ?? null },
    ]),
  );
  const rows: StrategyRow[] = raw.map((r) => ({
    ticker: r.ticker,
    name: r.name,
    sector: r.sector,
    price: r.price,
    score: r.score,
    components: components(r)!,
    metrics: parseJson(r.metrics),
    fundamentals: {
      marketCap: r.market_cap,
      pe: r.pe,
      pb: r.pb,
      ps: r.ps,
      evToEbitda: r.ev_to_ebitda,
      peg: r.peg,
      dividendYield: r.dividend_yield ?? 0,
      payoutRatio: r.payout_ratio,
      grossMargin: r.gross_margin,
      operatingMargin: r.operating_margin,
      netMargin: r.net_margin,
      roe: r.roe,
      roa: r.roa,
      roic: r.roic,
      revenueGrowth: r.revenue_growth,
      epsGrowth: r.eps_growth,
      debtToEquity: r.debt_to_equity,
      currentRatio: r.current_ratio,
      eps: r.eps ?? 0,
      beta: r.beta ?? 1,
    },
  }));
  return { rows, byTicker };
}

export async function runScreener(db: Knex, id: string, limit: number): Promise<StrategyResult> {
  const strategy = getStrategy(id);
  if (!strategy) {
    throw new BadRequestError(
      `strategy: unknown strategy "${id}"; one of ${STRATEGIES.map((s) => s.id).join(', ')}`,
    );
  }
  const { rows, byTicker } = await strategyUniverse(db);
  const matches = runStrategy(strategy.id, rows, rows.length);
  return {
    strategy: summary(strategy, rows),
    total_matches: matches.length,
    items: matches.slice(0, limit).map((m) => {
      const r = byTicker.get(m.ticker);
      return {
        rank: m.rank,
        ticker: m.ticker,
        name: m.name,
        sector: m.sector,
        price: m.price,
        change_pct: round(r?.change_pct, 4),
        market_cap: r?.market_cap ?? null,
        score: m.score,
        metric: { label: m.metric.label, value: m.metric.value },
        reasons: m.reasons ?? [],
      };
    }),
  };
}

export async function sectors(db: Knex): Promise<SectorList> {
  const { stats, leaders } = await repo.sectorSummaries(db);
  const leaderBy = new Map(leaders.map((l) => [l.sector, l]));
  return {
    items: stats.map((s) => {
      const lead = leaderBy.get(s.sector);
      return {
        sector: String(s.sector),
        count: Number(s.count),
        avg_score: round(s.avg_score === null ? null : Number(s.avg_score), 1),
        avg_change_pct: round(s.avg_change_pct === null ? null : Number(s.avg_change_pct), 3),
        market_cap: s.market_cap === null ? null : Number(s.market_cap),
        top: lead ? { ticker: lead.ticker, name: lead.name, score: lead.score } : null,
      };
    }),
  };
}
