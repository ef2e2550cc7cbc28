/**
 * The screener's answers (`schemas.ts`): a strategy's description with today's counts, and
 * its ranked matches. Pure functions, run inside the screener's cache loaders (the cache
 * keeps the presented body).
 */
import { STRATEGY_METRIC_FORMATS } from '../api/metrics.ts';
import {
  type RankedMatch,
  ruleFailures,
  type Strategy,
  type StrategyRow,
  strategyContext,
} from '../scoring/strategies.ts';
import { round } from '../stocks/presenters.ts';
import type { StrategyResult, StrategySummary } from './schemas.ts';

/** The day-change and market-cap fields a match shows beside the strategy's own numbers, by ticker. */
export type QuoteFields = Record<string, { change_pct: number | null; market_cap: number | null }>;

/** A strategy's description with today's counts over the screened universe. */
export function strategySummary(st: Strategy, rows: readonly StrategyRow[]): StrategySummary {
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

/** A strategy's first `limit` matches out of all of them, with the universe's counts. */
export function strategyResult(
  strategy: Strategy,
  rows: readonly StrategyRow[],
  quotes: QuoteFields,
  matches: readonly RankedMatch[],
  limit: number,
): StrategyResult {
  const format = STRATEGY_METRIC_FORMATS[strategy.id] ?? 'num';
  return {
    strategy: strategySummary(strategy, rows),
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
