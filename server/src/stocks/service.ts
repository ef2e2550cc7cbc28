/**
 * The stock use cases behind the routes, as one service object built from the process's
 * dependencies: query the repository, shape API responses, and keep the answers worth
 * keeping in the cache under the requirements' keys (`cache/keys.ts`) and lifetimes.
 * Every method takes the request's scope last, optionally, and sets `scope.cache` when a
 * cache lookup answered (the route layer sends it as X-Cache). Cached answers are
 * deep-frozen and shared by every later hit: nothing may mutate a result.
 */
import type { Knex } from 'knex';
import type { z } from 'zod';
import { sma } from '../analysis/indicators.ts';
import { grossMarginApplies, notApplicableFundamentals } from '../analysis/industry.ts';
import {
  FUNDAMENTAL_FIELDS,
  type MetricKey,
  metricInfo,
  STOCK_METRICS,
  STRATEGY_METRIC_FORMATS,
} from '../api/metrics.ts';
import { cacheKeys, cacheTtls } from '../cache/keys.ts';
import type { Cache, CacheResult } from '../cache/types.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { ScoreRow, StockRow } from '../db/tables.ts';
import { clip, NotFoundError } from '../errors.ts';
import type { RequestScope } from '../http/scope.ts';
import type { Logger } from '../logger.ts';
import { fundamentalsFromRow } from '../market/repository.ts';
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
import type { StockMetrics, Explanation as StoredExplanation } from '../scoring/types.ts';
import type * as ss from '../screener/schemas.ts';
import type { StrategyList, StrategyResult, StrategySummary } from '../screener/schemas.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import type {
  ComponentScores,
  Explanation,
  Leaderboard,
  PriceHistory,
  ScoreHistory,
  SectorList,
  StockDetail,
  StockListItem,
  StockMetricsBody,
  StockPage,
  TopStocks,
} from './schemas.ts';

const TICKER_RE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/;

/** Normalise a ticker from a URL; anything that cannot be a ticker is simply not found. */
export function normaliseTicker(raw: string): string {
  const t = raw.trim().toUpperCase();
  if (!TICKER_RE.test(t)) throw new NotFoundError(`stock ${clip(raw)} not found`, 'stock_not_found');
  return t;
}

const round = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function components(row: ComponentScores): ComponentScores {
  return {
    value: row.value,
    quality: row.quality,
    growth: row.growth,
    momentum: row.momentum,
    risk: row.risk,
    dividend: row.dividend,
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

const RANGE_MONTHS: Record<string, number> = { '1m': 1, '3m': 3, '6m': 6, '1y': 12, '2y': 24 };

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** A strategy's description with today's counts over the screened universe. */
function summary(st: Strategy, rows: readonly StrategyRow[]): StrategySummary {
  const ctx = strategyContext(rows);
  return {
    id: st.id,
    name: st.name,
    description: st.description,
    source: st.source,
    rules: st.rules,
    ranking: st.ranking,
    matches: rows.reduce((n, r) => n + (st.filter(r, ctx) ? 1 : 0), 0),
    screened: rows.length,
    excluded_by: ruleFailures(st, rows, ctx),
  };
}

/** Stored metrics (StockMetrics JSON) → the contract's typed metrics, labelled from the registry. */
export function metricsBody(stored: Partial<StockMetrics>): StockMetricsBody {
  const out = {} as StockMetricsBody;
  for (const key of Object.keys(STOCK_METRICS) as MetricKey[]) {
    const v = stored[key];
    const value = (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' ? v : null;
    out[key] = { ...STOCK_METRICS[key], value };
  }
  return out;
}

/** Stored explanation → the contract's, each driver with its format from the registry. */
function explanationBody(stored: StoredExplanation): Explanation {
  return {
    ...stored,
    components: stored.components.map((c) => ({
      ...c,
      drivers: c.drivers.map((d) => ({ ...d, format: metricInfo(d.metric).format })),
    })),
  };
}

/** What the screener evaluates: parsed strategy rows and the quote fields its answer adds. */
interface StrategyUniverse {
  rows: StrategyRow[];
  quotes: Record<string, { change_pct: number | null; market_cap: number | null }>;
}

type Query<S extends z.ZodType> = z.output<S>;

export interface StockService {
  list(query: Query<typeof s.StockListQuery>, scope?: RequestScope): Promise<StockPage>;
  top(query: Query<typeof s.LimitQuery>, scope?: RequestScope): Promise<TopStocks>;
  leaderboard(query: Query<typeof s.LeaderboardQuery>, scope?: RequestScope): Promise<Leaderboard>;
  detail(ticker: string, scope?: RequestScope): Promise<StockDetail>;
  prices(ticker: string, query: Query<typeof s.PriceQuery>, scope?: RequestScope): Promise<PriceHistory>;
  scores(
    ticker: string,
    query: Query<typeof s.ScoreHistoryQuery>,
    scope?: RequestScope,
  ): Promise<ScoreHistory>;
  strategies(scope?: RequestScope): Promise<StrategyList>;
  strategy(id: string, query: Query<typeof ss.StrategyQuery>, scope?: RequestScope): Promise<StrategyResult>;
  sectors(scope?: RequestScope): Promise<SectorList>;
}

export interface StockServiceDeps {
  db: Knex;
  cache: Cache;
  logger: Logger;
  clock: Clock;
  /** The cache lifetimes (CACHE_TTL_DEFAULT, CACHE_TTL_SCORES, CACHE_TTL_RANKINGS). */
  config: Pick<Config, 'cache'>;
}

/** The most score snapshots one request may ask for (ScoreHistoryQuery's limit): what `stocks:score:*` holds. */
const MAX_SCORE_SNAPSHOTS = 2000;

export function createStockService({ db, cache, config }: StockServiceDeps): StockService {
  const ttl = cacheTtls(config);

  /** Answer from the cache (or the loader, stored) and tell the scope what happened. */
  async function cached<T>(
    key: string,
    seconds: number,
    load: () => Promise<T>,
    scope: RequestScope | undefined,
  ): Promise<T> {
    const { value, outcome }: CacheResult<T> = await cache.getOrSet(key, seconds, load);
    if (scope) scope.cache = outcome;
    return value;
  }

  async function requireStock(rawTicker: string): Promise<string> {
    const ticker = normaliseTicker(rawTicker);
    if (!(await repo.stockExists(db, ticker)))
      throw new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');
    return ticker;
  }

  async function loadList(q: Query<typeof s.StockListQuery>): Promise<StockPage> {
    const order = q.order ?? repo.defaultOrder(q.sort);
    const { rows, total } = await repo.listStocks(
      db,
      { sector: q.sector, q: q.q, minScore: q.min_score, maxScore: q.max_score },
      q.sort,
      order,
      q.limit,
      (q.page - 1) * q.limit,
    );
    const { page, limit } = q;
    return {
      items: rows.map(toListItem),
      page,
      limit,
      size: limit,
      total,
      pages: Math.ceil(total / limit),
    };
  }

  async function loadLeaderboard(q: Query<typeof s.LeaderboardQuery>): Promise<Leaderboard> {
    if (q.sector) {
      return {
        sector: q.sector,
        items: (await repo.topStocks(db, q.limit, q.sector)).map(toListItem),
        groups: [],
      };
    }
    const rows = await repo.topPerSector(db, q.limit);
    const groups = SECTORS.map((sector) => ({
      sector: sector as string,
      items: rows.filter((r) => r.sector === sector).map(toListItem),
    })).filter((g) => g.items.length > 0);
    return { sector: null, items: [], groups };
  }

  async function loadDetail(ticker: string): Promise<StockDetail> {
    const [stock, score, universe] = await Promise.all([
      repo.findStock(db, ticker),
      repo.findScore(db, ticker),
      repo.countStocks(db),
    ]);
    if (!stock) throw new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');
    return stockDetailBody(stock, score, universe);
  }

  async function loadScores(ticker: string): Promise<ScoreHistory> {
    await requireStock(ticker);
    const rows = await repo.scoreSnapshots(db, ticker, MAX_SCORE_SNAPSHOTS);
    return {
      ticker,
      items: rows.map((r) => ({ date: r.date, score: r.score, rank: r.rank, components: components(r) })),
    };
  }

  /** A strategy's ranked matches over the stored scores (parsed once per cached answer). */
  async function loadStrategy(strategy: Strategy, limit: number): Promise<StrategyResult> {
    const { rows, quotes } = await loadUniverse();
    const matches = runStrategy(strategy.id, rows, rows.length);
    const format = STRATEGY_METRIC_FORMATS[strategy.id] ?? 'num';
    return {
      strategy: summary(strategy, rows),
      total_matches: matches.length,
      items: matches.slice(0, limit).map((m) => {
        const quote = quotes[m.ticker];
        return {
          rank: m.rank,
          ticker: m.ticker,
          name: m.name,
          sector: m.sector,
          price: m.price,
          change_pct: round(quote?.change_pct, 4),
          market_cap: quote?.market_cap ?? null,
          score: m.score,
          metric: { label: m.metric.label, value: m.metric.value, format },
          reasons: m.reasons ?? [],
        };
      }),
    };
  }

  /** Parsed strategy rows and the quote fields the screener's answer adds. */
  async function loadUniverse(): Promise<StrategyUniverse> {
    const raw = await repo.strategyRows(db);
    const quotes: StrategyUniverse['quotes'] = {};
    const rows: StrategyRow[] = raw.map(({ stock, score }) => {
      quotes[stock.ticker] = { change_pct: stock.change_pct, market_cap: stock.market_cap };
      return {
        ticker: stock.ticker,
        name: stock.name,
        sector: stock.sector,
        price: stock.price,
        score: score.score,
        components: components(score),
        metrics: JSON.parse(score.metrics) as StockMetrics,
        fundamentals: fundamentalsFromRow(stock),
      };
    });
    return { rows, quotes };
  }

  return {
    list(q, scope) {
      return cached(cacheKeys.stockList(q), ttl.list, () => loadList(q), scope);
    },

    top(q, scope) {
      return cached(
        cacheKeys.top(q.limit),
        ttl.top,
        async () => ({ items: (await repo.topStocks(db, q.limit)).map(toListItem) }),
        scope,
      );
    },

    leaderboard(q, scope) {
      return cached(
        cacheKeys.leaderboard(q.limit, q.sector),
        ttl.leaderboard,
        () => loadLeaderboard(q),
        scope,
      );
    },

    async detail(rawTicker, scope) {
      const ticker = normaliseTicker(rawTicker);
      return cached(cacheKeys.stockDetail(ticker), ttl.detail, () => loadDetail(ticker), scope);
    },

    async prices(rawTicker, q) {
      const ticker = await requireStock(rawTicker);
      const bars = await repo.priceBars(db, ticker);
      const closes = bars.map((b) => b.close);
      const sma50 = sma(closes, 50);
      const sma200 = sma(closes, 200);
      const last = bars.length ? bars[bars.length - 1].date : null;
      // The effective range: a missing end is the data's own first or last day.
      let from = q.from ?? bars[0]?.date ?? null;
      const to = q.to ?? last;
      if (!q.from && !q.to && last) {
        const range = q.range ?? '1y';
        from = range === 'max' ? bars[0].date : monthsBefore(last, RANGE_MONTHS[range]);
      }
      const items: PriceHistory['items'] = [];
      for (let i = 0; i < bars.length; i++) {
        const b = bars[i];
        if ((from && b.date < from) || (to && b.date > to)) continue;
        items.push({ ...b, sma50: round(sma50[i], 4), sma200: round(sma200[i], 4) });
      }
      return { ticker, from, to, items };
    },

    async scores(rawTicker, q, scope) {
      const ticker = normaliseTicker(rawTicker);
      // One entry per stock holds its longest history; a shorter one is its tail.
      const all = await cached(cacheKeys.stockScore(ticker), ttl.score, () => loadScores(ticker), scope);
      return all.items.length <= q.limit ? all : { ticker, items: all.items.slice(-q.limit) };
    },

    async strategies(scope) {
      // The summaries count each strategy's matches today, so they are cached like its results.
      return cached(
        cacheKeys.screenerSummaries(),
        ttl.screener,
        async () => {
          const { rows } = await loadUniverse();
          return { items: STRATEGIES.map((st) => summary(st, rows)) };
        },
        scope,
      );
    },

    async strategy(id, q, scope) {
      const strategy = getStrategy(id);
      if (!strategy) {
        throw new NotFoundError(
          `unknown strategy ${clip(id)}; one of ${STRATEGIES.map((x) => x.id).join(', ')}`,
          'strategy_not_found',
        );
      }
      return cached(
        cacheKeys.screener(strategy.id, q.limit),
        ttl.screener,
        () => loadStrategy(strategy, q.limit),
        scope,
      );
    },

    async sectors() {
      const { stats, leaders } = await repo.sectorSummaries(db);
      const leaderBy = new Map(leaders.map((l) => [l.sector, l]));
      return {
        items: stats.map((st) => {
          const lead = leaderBy.get(st.sector);
          return {
            sector: st.sector,
            count: st.count,
            avg_score: round(st.avg_score, 1),
            avg_change_pct: round(st.avg_change_pct, 3),
            market_cap: st.market_cap,
            top: lead ? { ticker: lead.ticker, name: lead.name, score: lead.score } : null,
          };
        }),
      };
    },
  };
}

/** A stock row and its score row → the StockDetail contract (every field typed). */
function stockDetailBody(stock: StockRow, score: ScoreRow | undefined, universe: number): StockDetail {
  const fundamentals = {} as StockDetail['fundamentals'];
  for (const f of FUNDAMENTAL_FIELDS) fundamentals[f.column] = stock[f.column];
  // Null also for data stored before gross margin was marked not applicable.
  if (!grossMarginApplies(stock.sector, stock.industry)) fundamentals.gross_margin = null;
  return {
    ticker: stock.ticker,
    name: stock.name,
    sector: stock.sector,
    industry: stock.industry,
    exchange: stock.exchange,
    description: stock.description ?? '',
    source: stock.source,
    score: score?.score ?? null,
    rank: score?.rank ?? null,
    sector_rank: score?.sector_rank ?? null,
    universe_size: universe,
    components: score ? components(score) : null,
    explanation: score ? explanationBody(JSON.parse(score.explanation)) : null,
    metrics: score ? metricsBody(JSON.parse(score.metrics)) : null,
    score_as_of: score?.as_of ?? null,
    quote: {
      price: stock.price,
      change: stock.change,
      change_pct: stock.change_pct,
      open: stock.open,
      day_high: stock.day_high,
      day_low: stock.day_low,
      previous_close: stock.previous_close,
      volume: stock.volume,
      avg_volume: stock.avg_volume,
      year_high: stock.year_high,
      year_low: stock.year_low,
      as_of: stock.quote_date,
    },
    fundamentals,
    not_applicable: notApplicableFundamentals(stock.sector, stock.industry),
  };
}
