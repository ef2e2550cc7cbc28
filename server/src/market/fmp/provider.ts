/**
 * Financial Modeling Prep as a `MarketDataProvider`, on the `/stable` endpoints:
 *
 * | method       | endpoint(s)                                                   | HTTP calls            |
 * |--------------|---------------------------------------------------------------|-----------------------|
 * | quotes       | batch-quote?symbols=A,B,…                                     | ⌈tickers / batch⌉     |
 * | profiles     | profile?symbol=X                                              | 1 per ticker          |
 * | financials   | income-statement, balance-sheet-statement, cash-flow-statement | 3 per ticker (1 if unknown) |
 * | dailyBars    | historical-price-eod/full?symbol=X&from&to                    | 1 per ticker          |
 *
 * Every call goes through `FmpClient` (budget, pacing, timeout, retries, typed errors).
 * How a refresh spends the free tier's 250 calls a day is planned by `plan.ts`.
 */
import type { Logger } from '../../logger.ts';
import { newYorkDate } from '../new-york.ts';
import type {
  DataSource,
  FetchPlan,
  MarketDataProvider,
  ProviderQuote,
  TickerHoldings,
} from '../provider.ts';
import type { AnnualFinancials, CompanyProfile, DailyBar } from '../types.ts';
import type { BudgetUsage } from './budget.ts';
import type { FmpClient } from './client.ts';
import {
  BalanceRow,
  CashFlowRow,
  EodRow,
  IncomeRow,
  ProfileRow,
  parseRows,
  QuoteRow,
  toAnnualFinancials,
  toCompanyProfile,
  toDailyBar,
  toProviderQuote,
} from './mapping.ts';
import { FMP_QUOTE_BATCH_SIZE, planRefresh } from './plan.ts';

/** Fiscal years of statements asked for (the scores use up to 5). */
const FMP_STATEMENT_YEARS = 5;

export interface FmpProviderOptions {
  client: FmpClient;
  /** The tickers refreshed when none are named. */
  universe: readonly string[];
  batchSize?: number;
  statementYears?: number;
  logger?: Logger;
  /** The day's budget use at an instant (status pages, and the refresh plan). */
  usage?: (at: Date) => Promise<BudgetUsage>;
  /**
   * Quote refreshes still scheduled later on `at`'s New York day: the plan keeps their
   * quote calls in reserve. Default 0.
   */
  refreshesLeftToday?: (at: Date) => number;
}

const normalise = (tickers: readonly string[]) => [
  ...new Set(tickers.map((t) => t.trim().toUpperCase()).filter(Boolean)),
];

export class FmpProvider implements MarketDataProvider {
  readonly source: DataSource = 'fmp';
  readonly batchSize: number;
  private readonly client: FmpClient;
  private readonly tickers: string[];
  private readonly statementYears: number;
  private readonly logger: Logger | undefined;
  private readonly usageFn: ((at: Date) => Promise<BudgetUsage>) | undefined;
  private readonly refreshesLeft: (at: Date) => number;

  constructor(options: FmpProviderOptions) {
    this.client = options.client;
    this.tickers = normalise(options.universe);
    this.batchSize = options.batchSize ?? FMP_QUOTE_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`FmpProvider: batchSize must be a whole number >= 1, got ${this.batchSize}`);
    }
    this.statementYears = options.statementYears ?? FMP_STATEMENT_YEARS;
    this.logger = options.logger;
    this.usageFn = options.usage;
    this.refreshesLeft = options.refreshesLeftToday ?? (() => 0);
  }

  async universe(): Promise<string[]> {
    return [...this.tickers];
  }

  /** Today's call count against the daily budget (null when not tracked). */
  async usage(at: Date): Promise<BudgetUsage | null> {
    return this.usageFn ? this.usageFn(at) : null;
  }

  /**
   * Spend the day's call budget on what is missing or stale (see `plan.ts`): quotes always;
   * a profile when there is none, statements when missing or older than 90 days, history
   * when the stored bars are more than a trading day behind; the rest waits for a later
   * refresh. Without a budget to read, every ticker gets what it lacks.
   */
  async planFetch(holdings: TickerHoldings[], at: Date): Promise<FetchPlan> {
    const usage = await this.usage(at);
    const plan = planRefresh({
      holdings,
      today: newYorkDate(at),
      budgetRemaining: usage ? usage.remaining : Number.POSITIVE_INFINITY,
      quoteRefreshesLeftToday: this.refreshesLeft(at),
      batchSize: this.batchSize,
    });
    return {
      profiles: new Set(plan.profiles),
      financials: new Set(plan.statements),
      history: new Set(plan.history),
      deferred: plan.deferred,
      calls: plan.calls,
    };
  }

  async quotes(tickers: string[], asOf: Date): Promise<ProviderQuote[]> {
    const wanted = normalise(tickers);
    const out: ProviderQuote[] = [];
    for (let i = 0; i < wanted.length; i += this.batchSize) {
      const batch = wanted.slice(i, i + this.batchSize);
      const rows = await this.client.get('batch-quote', { symbols: batch.join(',') });
      const asked = new Set(batch);
      for (const row of parseRows('batch-quote', QuoteRow, rows)) {
        if (asked.has(row.symbol.toUpperCase())) out.push(toProviderQuote(row, asOf));
      }
    }
    return out;
  }

  async profiles(tickers: string[]): Promise<CompanyProfile[]> {
    const out: CompanyProfile[] = [];
    for (const ticker of normalise(tickers)) {
      const rows = parseRows('profile', ProfileRow, await this.client.get('profile', { symbol: ticker }));
      const row = rows.find((r) => r.symbol.toUpperCase() === ticker);
      if (!row) continue; // unknown symbol: FMP answers []
      const profile = toCompanyProfile(row);
      if ('skip' in profile) {
        this.logger?.warn(`FMP profile ${ticker} left out: ${profile.skip}`);
        continue;
      }
      out.push(profile);
    }
    return out;
  }

  async financials(ticker: string): Promise<AnnualFinancials[]> {
    const symbol = ticker.trim().toUpperCase();
    const query = { symbol, period: 'annual', limit: this.statementYears };
    const income = parseRows('income-statement', IncomeRow, await this.client.get('income-statement', query));
    if (income.length === 0) return []; // unknown symbol: spare the other two calls
    const balance = parseRows(
      'balance-sheet-statement',
      BalanceRow,
      await this.client.get('balance-sheet-statement', query),
    );
    const cashFlow = parseRows(
      'cash-flow-statement',
      CashFlowRow,
      await this.client.get('cash-flow-statement', query),
    );
    return toAnnualFinancials(income, balance, cashFlow);
  }

  async dailyBars(ticker: string, range: { from: string; to: string }): Promise<DailyBar[]> {
    const symbol = ticker.trim().toUpperCase();
    const rows = await this.client.get('historical-price-eod/full', {
      symbol,
      from: range.from,
      to: range.to,
    });
    return parseRows('historical-price-eod/full', EodRow, rows)
      .filter((r) => r.date >= range.from && r.date <= range.to)
      .map(toDailyBar)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
