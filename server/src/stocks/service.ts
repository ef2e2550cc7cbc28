/**
 * The stock use cases behind the routes, as one service object built from the process's
 * dependencies: query the repository, shape API responses, and use the cache where an
 * answer is worth keeping (the screener's parsed universe today; the cache tier adds more).
 * Every method takes the request's scope last, optionally, and sets `scope.cache` when a
 * cache lookup answered.
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
import type * as s from '../api/schemas.ts';
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
  StrategyList,
  StrategyResult,
  StrategySummary,
  TopStocks,
} from '../api/schemas.ts';
import { clip } from '../api/schemas.ts';
import type { Cache } from '../cache/types.ts';
import type { Clock } from '../clock.ts';
import type { ScoreRow, StockRow } from '../db/tables.ts';
import { BadRequestError, NotFoundError } from '../http/errors.ts';
import type { RequestScope } from '../http/scope.ts';
import type { Logger } from '../logger.ts';
import { fundamentalsFromRow, scoresComputedAt } from '../market/repository.ts';
import { SECTORS } from '../market/types.ts';
import {
  getStrategy,
  runStrategy,
  STRATEGIES,
  type Strategy,
  type StrategyRow,
} from '../scoring/strategies.ts';
import type { StockMetrics, Explanation as StoredExplanation } from '../scoring/types.ts';
import * as repo from './repository.ts';

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

function summary(st: Strategy): StrategySummary {
  return {
    id: st.id,
    name: st.name,
    description: st.description,
    source: st.source,
    rules: st.rules,
    ranking: st.ranking,
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

/** What the screener evaluates, JSON-shaped so any cache tier can hold it. */
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
  strategy(id: string, query: Query<typeof s.StrategyQuery>, scope?: RequestScope): Promise<StrategyResult>;
  sectors(scope?: RequestScope): Promise<SectorList>;
}

export interface StockServiceDeps {
  db: Knex;
  cache: Cache;
  logger: Logger;
  clock: Clock;
  /** How long derived score data may be cached (CACHE_TTL_SCORES); default 900 s. */
  scoresTtlSeconds?: number;
}

export function createStockService({ db, cache, scoresTtlSeconds = 900 }: StockServiceDeps): StockService {
  async function requireStock(rawTicker: string): Promise<string> {
    const ticker = normaliseTicker(rawTicker);
    if (!(await repo.stockExists(db, ticker)))
      throw new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');
    return ticker;
  }

  /**
   * Parsed strategy rows: parsing every stock's metrics on each request would dominate the
   * screener's time. Keyed on `scores_computed_at`, so a recompute (seed, refresh job)
   * gives a new key even before the ingest's invalidation of `screener:*` lands.
   */
  async function strategyUniverse(scope?: RequestScope): Promise<StrategyUniverse> {
    const version = (await scoresComputedAt(db)) ?? 'none';
    const { value, outcome } = await cache.getOrSet(
      `screener:universe:${version}`,
      scoresTtlSeconds,
      loadUniverse,
    );
    if (scope) scope.cache = outcome;
    return value;
  }

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
    async list(q) {
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
    },

    async top(q) {
      return { items: (await repo.topStocks(db, q.limit)).map(toListItem) };
    },

    async leaderboard(q) {
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
    },

    async detail(rawTicker) {
      const ticker = normaliseTicker(rawTicker);
      const [stock, score, universe] = await Promise.all([
        repo.findStock(db, ticker),
        repo.findScore(db, ticker),
        repo.countStocks(db),
      ]);
      if (!stock) throw new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');
      return stockDetailBody(stock, score, universe);
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

    async scores(rawTicker, q) {
      const ticker = await requireStock(rawTicker);
      const rows = await repo.scoreSnapshots(db, ticker, q.limit);
      return {
        ticker,
        items: rows.map((r) => ({ date: r.date, score: r.score, rank: r.rank, components: components(r) })),
      };
    },

    async strategies() {
      return { items: STRATEGIES.map(summary) };
    },

    async strategy(id, q, scope) {
      const strategy = getStrategy(id);
      if (!strategy) {
        throw new BadRequestError(
          `strategy: unknown strategy ${clip(id)}; one of ${STRATEGIES.map((x) => x.id).join(', ')}`,
        );
      }
      const { rows, quotes } = await strategyUniverse(scope);
      const matches = runStrategy(strategy.id, rows, rows.length);
      const format = STRATEGY_METRIC_FORMATS[strategy.id] ?? 'num';
      return {
        strategy: summary(strategy),
        total_matches: matches.length,
        items: matches.slice(0, q.limit).map((m) => {
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
