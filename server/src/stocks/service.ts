/**
 * The stock use cases behind the stock routes, as one service object built from the
 * process's dependencies: read the repository, and keep the answers worth keeping in the
 * cache under the requirements' keys (`cache/keys.ts`) and lifetimes. A cached use case
 * answers with what the cache did (`{ value, outcome }`: the route sends the outcome as
 * X-Cache); its value is the presented body, deep-frozen and shared by every later hit,
 * so nothing may mutate a result. Tickers arrive validated and upper-cased by the route's
 * schema. An unknown stock is a `NotFoundError` (`stock_not_found`).
 */
import type { Knex } from 'knex';
import { bollinger, macd, rsi, sma } from '../analysis/indicators.ts';
import { NUMERIC_KEYS } from '../api/catalog.ts';
import { cacheKeys, cacheTtls } from '../cache/keys.ts';
import type { Cache, CacheResult } from '../cache/types.ts';
import type { Config } from '../config.ts';
import { NotFoundError } from '../errors.ts';
import { type Bound, defaultOrder, screen } from '../screener/columns.ts';
import type { ScreenTableSource } from '../screener/screen-table.ts';
import * as present from './presenters.ts';
import * as repo from './repository.ts';
import type {
  Leaderboard,
  LeaderboardQuery,
  LimitQuery,
  PriceHistory,
  PriceQuery,
  ScoreHistory,
  ScoreHistoryQuery,
  SectorList,
  StockDetail,
  StockListQuery,
  StockPage,
  TopStocks,
} from './schemas.ts';

export interface StockService {
  list(query: StockListQuery): Promise<CacheResult<StockPage>>;
  top(query: LimitQuery): Promise<CacheResult<TopStocks>>;
  leaderboard(query: LeaderboardQuery): Promise<CacheResult<Leaderboard>>;
  detail(ticker: string): Promise<CacheResult<StockDetail>>;
  /**
   * Daily bars with their indicators. The whole series is computed once per data change
   * (`stocks:prices:{ticker}`); a named range is cached as its body, a from/to cut is made
   * from the series on each request (its key space would be unbounded).
   */
  prices(ticker: string, query: PriceQuery): Promise<CacheResult<PriceHistory>>;
  scores(ticker: string, query: ScoreHistoryQuery): Promise<CacheResult<ScoreHistory>>;
  /** The per-sector aggregates (`stocks:sectors`). */
  sectors(): Promise<CacheResult<SectorList>>;
  /** Build the screener's column table now and after every data change (the API process, at start). */
  warm(): Promise<void>;
}

export interface StockServiceDeps {
  db: Knex;
  cache: Cache;
  /** The cache lifetimes (CACHE_TTL_DEFAULT, CACHE_TTL_SCORES, CACHE_TTL_RANKINGS). */
  config: Pick<Config, 'cache'>;
  /** The screener's column table, which the stock list filters and sorts. */
  screenTable: ScreenTableSource;
}

/** The most score snapshots one request may ask for (ScoreHistoryQuery's limit): what `stocks:score:*` holds. */
const MAX_SCORE_SNAPSHOTS = 2000;

const RANGE_MONTHS: Record<string, number> = { '1m': 1, '3m': 3, '6m': 6, '1y': 12, '2y': 24 };

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

const stockNotFound = (ticker: string) => new NotFoundError(`stock "${ticker}" not found`, 'stock_not_found');

/** The bounds a list query gives, metric by metric. */
function boundsOf(q: StockListQuery): Bound[] {
  const bounds: Bound[] = [];
  for (const key of NUMERIC_KEYS) {
    const min = q[`${key}_min`];
    const max = q[`${key}_max`];
    if (min !== undefined || max !== undefined) bounds.push({ key, min, max });
  }
  return bounds;
}

export function createStockService({ db, cache, config, screenTable }: StockServiceDeps): StockService {
  const ttl = cacheTtls(config);

  async function requireStock(ticker: string): Promise<void> {
    if (!(await repo.stockExists(db, ticker))) throw stockNotFound(ticker);
  }

  async function loadList(q: StockListQuery): Promise<StockPage> {
    const table = await screenTable.current();
    const { rows, total } = screen(table, {
      q: q.q,
      text: { sector: q.sector, industry: q.industry, exchange: q.exchange },
      caps: q.cap,
      bounds: boundsOf(q),
      sort: q.sort,
      order: q.order ?? defaultOrder(q.sort),
      offset: (q.page - 1) * q.limit,
      limit: q.limit,
    });
    return present.stockPage(table, rows, q.columns, total, q.page, q.limit);
  }

  async function loadLeaderboard(q: LeaderboardQuery): Promise<Leaderboard> {
    if (q.sector) return present.sectorLeaderboard(q.sector, await repo.topStocks(db, q.limit, q.sector));
    return present.leaderboardBySector(await repo.topPerSector(db, q.limit));
  }

  async function loadDetail(ticker: string): Promise<StockDetail> {
    const [stock, score, universe] = await Promise.all([
      repo.findStock(db, ticker),
      repo.findScore(db, ticker),
      repo.countStocks(db),
    ]);
    if (!stock) throw stockNotFound(ticker);
    return present.stockDetail(stock, score, universe);
  }

  async function loadPriceSeries(ticker: string): Promise<present.PriceSeries> {
    await requireStock(ticker);
    const bars = await repo.priceBars(db, ticker);
    const closes = bars.map((b) => b.close);
    const m = macd(closes);
    const bands = bollinger(closes, 20, 2);
    return {
      ticker,
      bars,
      sma50: sma(closes, 50),
      sma200: sma(closes, 200),
      rsi14: rsi(closes, 14),
      macd: m.macd,
      macdSignal: m.signal,
      macdHist: m.histogram,
      bbUpper: bands.upper,
      bbMiddle: bands.middle,
      bbLower: bands.lower,
    };
  }

  async function loadScores(ticker: string): Promise<ScoreHistory> {
    await requireStock(ticker);
    return present.scoreHistory(ticker, await repo.scoreSnapshots(db, ticker, MAX_SCORE_SNAPSHOTS));
  }

  return {
    async list(q) {
      // Free-text searches are not cached: their key space is unbounded, so anyone could
      // fill the cache (and Redis) with one entry per distinct `q`.
      if (q.q) return { value: await loadList(q), outcome: 'BYPASS' };
      return cache.getOrSet(cacheKeys.stockList(q), ttl.list, () => loadList(q));
    },

    top(q) {
      return cache.getOrSet(cacheKeys.top(q.limit), ttl.top, async () => ({
        items: (await repo.topStocks(db, q.limit)).map(present.listItem),
      }));
    },

    leaderboard(q) {
      return cache.getOrSet(cacheKeys.leaderboard(q.limit, q.sector), ttl.leaderboard, () =>
        loadLeaderboard(q),
      );
    },

    detail(ticker) {
      return cache.getOrSet(cacheKeys.stockDetail(ticker), ttl.detail, () => loadDetail(ticker));
    },

    async prices(ticker, q) {
      const indicators = q.indicators ?? [];
      const seriesOf = () =>
        cache.getOrSet(cacheKeys.priceSeries(ticker), ttl.prices, () => loadPriceSeries(ticker));
      if (q.from || q.to) {
        const { value, outcome } = await seriesOf();
        return { value: present.priceHistory(value, q.from ?? null, q.to ?? null, indicators), outcome };
      }
      const range = q.range ?? '1y';
      return cache.getOrSet(cacheKeys.prices(ticker, range, indicators), ttl.prices, async () => {
        const { value } = await seriesOf();
        const last = value.bars.at(-1)?.date ?? null;
        const from = last && range !== 'max' ? monthsBefore(last, RANGE_MONTHS[range]) : null;
        return present.priceHistory(value, from, null, indicators);
      });
    },

    async scores(ticker, q) {
      // One entry per stock holds its longest history; a shorter one is its tail.
      const answer = await cache.getOrSet(cacheKeys.stockScore(ticker), ttl.score, () => loadScores(ticker));
      const all = answer.value;
      if (all.items.length <= q.limit) return answer;
      return { value: { ticker, items: all.items.slice(-q.limit) }, outcome: answer.outcome };
    },

    sectors() {
      return cache.getOrSet(cacheKeys.sectors(), ttl.sectors, async () =>
        present.sectorList(await repo.sectorSummaries(db)),
      );
    },

    warm() {
      return screenTable.warm();
    },
  };
}
