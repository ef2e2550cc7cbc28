/**
 * The backtest's use case: does the score predict? Month-end score snapshots (recorded live, or
 * backfilled point in time by scoring-runs/recompute.ts) against the closes that followed them,
 * through analysis/backtest.ts. Cached under `backtest:score` until the data changes.
 */
import type { Knex } from 'knex';
import { backtestHorizon, HORIZONS, MIN_STOCKS_PER_DATE, monthEnds } from '../analysis/backtest.ts';
import { cacheKeys, cacheTtls } from '../cache/keys.ts';
import type { Cache, CacheResult } from '../cache/types.ts';
import type { Config } from '../config.ts';
import { datasetInfo } from '../market/repository.ts';
import { closesSince, scoresOn, snapshotDateSummary } from './repository.ts';
import type { ScoreBacktest } from './schemas.ts';

export interface BacktestService {
  score(): Promise<CacheResult<ScoreBacktest>>;
}

export interface BacktestServiceDeps {
  db: Knex;
  cache: Cache;
  config: Pick<Config, 'cache'>;
}

const FORMATION_RULE =
  `The last snapshot date of each calendar month with at least ${MIN_STOCKS_PER_DATE} scored stocks; ` +
  'a forward return runs from that close to the close 21 (1m) or 63 (3m) trading sessions later.';

const POINT_IN_TIME =
  'Backfilled scores use the closes up to their date and only the fiscal years reported by then ' +
  '(a fiscal year counts as reported from April 1 of the next year). Sector, industry and beta ' +
  'are taken as they are today. A score meets only the returns after its date.';

export function createBacktestService({ db, cache, config }: BacktestServiceDeps): BacktestService {
  const ttl = cacheTtls(config);
  return {
    score() {
      return cache.getOrSet(cacheKeys.backtest(), ttl.backtest, async () => {
        const all = await snapshotDateSummary(db);
        const usable = all.filter((d) => d.stocks >= MIN_STOCKS_PER_DATE);
        const ends = new Set(monthEnds(usable.map((d) => d.date)));
        const formations = usable.filter((d) => ends.has(d.date));
        const dates = formations.map((d) => d.date);
        const [scores, prices, info] = await Promise.all([
          scoresOn(db, dates),
          dates.length ? closesSince(db, dates[0]) : Promise.resolve(new Map()),
          datasetInfo(db),
        ]);
        const backfilled = formations.filter((d) => d.backfilled * 2 > d.stocks).length;
        return {
          as_of: info.data_as_of ?? null,
          sample: (info.source ?? 'sample') === 'sample',
          formation: {
            rule: FORMATION_RULE,
            dates: dates.length,
            first: dates[0] ?? null,
            last: dates[dates.length - 1] ?? null,
            backfilled,
            live: dates.length - backfilled,
          },
          point_in_time: POINT_IN_TIME,
          horizons: HORIZONS.map((h) => {
            const r = backtestHorizon(scores, prices, h);
            return {
              horizon: h.key as '1m' | '3m',
              sessions: r.sessions,
              dates: r.dates,
              deciles: r.deciles.map((d) => ({
                decile: d.decile,
                mean_return: d.meanReturn,
                excess_return: d.excessReturn,
                observations: d.observations,
              })),
              spread: r.spread,
              ic: {
                mean: r.ic.mean,
                sd: r.ic.sd,
                t: r.ic.t,
                independent_dates: r.ic.independentDates,
                series: r.ic.series,
              },
              top_decile: { hit_rate: r.topDecile.hitRate, turnover: r.topDecile.turnover },
            };
          }),
        };
      });
    },
  };
}
