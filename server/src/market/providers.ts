/**
 * Which market-data provider the process uses: Financial Modeling Prep when FMP_API_KEY is
 * set, else the built-in sample universe. The FMP provider counts its calls in the
 * database's `provider_calls` table when given the database (so restarts and a second
 * process share the day's budget), else in memory.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { type CallBudget, KnexCallBudget, MemoryCallBudget } from './fmp/budget.ts';
import { FmpClient } from './fmp/client.ts';
import { FmpProvider } from './fmp/provider.ts';
import type { MarketDataProvider } from './provider.ts';
import { createSampleProvider } from './sample/provider.ts';
import { SAMPLE_UNIVERSE } from './sample/universe.ts';

export type ProviderConfig = Pick<Config, 'fmpApiKey' | 'fmp' | 'sampleSeed'>;

export interface ProviderDeps {
  /** Where the FMP call count persists (recommended); in memory without it. */
  db?: Knex;
  logger?: Logger;
  /** The process's clock: the sample provider's history end, the FMP budget's day and pacing (default: the wall clock). */
  clock?: Clock;
  /** FMP universe (default: the tickers of the built-in sample universe, real US listings). */
  universe?: readonly string[];
  /** Quote refreshes still scheduled later that New York day (the FMP plan keeps their calls in reserve). */
  refreshesLeftToday?: (at: Date) => number;
  /** Tests: HTTP and waiting. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export function createProvider(config: ProviderConfig, deps: ProviderDeps = {}): MarketDataProvider {
  if (!config.fmpApiKey) return createSampleProvider({ seed: config.sampleSeed, clock: deps.clock });
  const budget: CallBudget = deps.db
    ? new KnexCallBudget(deps.db, config.fmp.dailyLimit)
    : new MemoryCallBudget(config.fmp.dailyLimit);
  const client = new FmpClient({
    apiKey: config.fmpApiKey,
    baseUrl: config.fmp.baseUrl,
    timeoutMs: config.fmp.timeoutMs,
    maxBodyBytes: config.fmp.maxBodyBytes,
    budget,
    logger: deps.logger,
    fetch: deps.fetch,
    sleep: deps.sleep,
    // The budget's day and the pacing follow the process clock (a test's fake clock too).
    clock: deps.clock,
  });
  return new FmpProvider({
    client,
    universe: deps.universe ?? SAMPLE_UNIVERSE.map((c) => c.ticker),
    logger: deps.logger,
    usage: (at) => budget.usage(at),
    refreshesLeftToday: deps.refreshesLeftToday,
  });
}
