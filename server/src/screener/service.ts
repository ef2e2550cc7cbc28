/**
 * The screener's use cases: every strategy with today's counts, and one strategy's ranked
 * matches, over the stored scores and metrics (parsed once per cached answer). Both are
 * cached under `screener:*` for the rankings' lifetime and answer with what the cache did
 * (`{ value, outcome }`). An unknown strategy is a `NotFoundError` (`strategy_not_found`).
 */
import type { Knex } from 'knex';
import { cacheKeys, cacheTtls } from '../cache/keys.ts';
import type { Cache, CacheResult } from '../cache/types.ts';
import type { Config } from '../config.ts';
import { fundamentalsFromRow } from '../market/repository.ts';
import {
  getStrategy,
  runStrategy,
  STRATEGIES,
  type StrategyRow,
  UnknownStrategyError,
} from '../scoring/strategies.ts';
import type { StockMetrics } from '../scoring/types.ts';
import { components } from '../stocks/presenters.ts';
import { heatmap, type QuoteFields, screenerCatalog, strategyResult, strategySummary } from './presenters.ts';
import { strategyRows } from './repository.ts';
import type {
  Heatmap,
  HeatmapQuery,
  ScreenerCatalog,
  StrategyList,
  StrategyQuery,
  StrategyResult,
} from './schemas.ts';
import type { ScreenTableSource } from './screen-table.ts';

export interface ScreenerService {
  /** The metric catalog: what `GET /api/stocks` can show, sort and filter, with today's ranges and values. */
  metrics(): Promise<CacheResult<ScreenerCatalog>>;
  strategies(): Promise<CacheResult<StrategyList>>;
  /** The market map: the largest stocks by sector and industry, with every sector's totals. */
  heatmap(query: HeatmapQuery): Promise<CacheResult<Heatmap>>;
  strategy(id: string, query: StrategyQuery): Promise<CacheResult<StrategyResult>>;
}

export interface ScreenerServiceDeps {
  db: Knex;
  cache: Cache;
  /** The cache lifetimes (CACHE_TTL_RANKINGS for the screener). */
  config: Pick<Config, 'cache'>;
  /** The column table the catalog's ranges and values come from. */
  screenTable: ScreenTableSource;
}

/** What the screener evaluates: parsed strategy rows and the quote fields its answer adds. */
interface StrategyUniverse {
  rows: StrategyRow[];
  quotes: QuoteFields;
}

export function createScreenerService({
  db,
  cache,
  config,
  screenTable,
}: ScreenerServiceDeps): ScreenerService {
  const ttl = cacheTtls(config);

  /** Parsed strategy rows and the quote fields the screener's answer adds. */
  async function loadUniverse(): Promise<StrategyUniverse> {
    const raw = await strategyRows(db);
    const quotes: QuoteFields = {};
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
    metrics() {
      return cache.getOrSet(cacheKeys.screenerMetrics(), ttl.screener, async () =>
        screenerCatalog(await screenTable.current()),
      );
    },

    heatmap(q) {
      return cache.getOrSet(cacheKeys.heatmap(q.sector, q.limit), ttl.screener, async () =>
        heatmap(await screenTable.current(), q),
      );
    },

    strategies() {
      // The summaries count each strategy's matches today, so they are cached like its results.
      return cache.getOrSet(cacheKeys.screenerSummaries(), ttl.screener, async () => {
        const { rows } = await loadUniverse();
        return { items: STRATEGIES.map((st) => strategySummary(st, rows)) };
      });
    },

    async strategy(id, q) {
      const strategy = getStrategy(id);
      if (!strategy) throw new UnknownStrategyError(id);
      return cache.getOrSet(cacheKeys.screener(strategy.id, q.limit), ttl.screener, async () => {
        const { rows, quotes } = await loadUniverse();
        const matches = runStrategy(strategy.id, rows, rows.length);
        return strategyResult(strategy, rows, quotes, matches, q.limit);
      });
    },
  };
}
