/**
 * How one refresh spends FMP's daily call budget (free tier: 250 calls a day).
 *
 * - Quotes always, in batches: ⌈tickers / batch size⌉ calls per refresh. The refresh after
 *   the close also yields the day's bar (open, day high/low, price, volume of the final
 *   quote), so daily history is not fetched again once a ticker has it.
 * - Per ticker, only what is missing or stale, and only while the budget lasts after
 *   keeping a reserve for the rest of the day's quote refreshes:
 *   profile (1 call) when missing; annual statements (3 calls) when missing or older than
 *   `statementsMaxAgeDays`; daily history (1 call) when missing or more than one trading
 *   day behind. What does not fit is deferred to the next refresh (or the next day).
 */
import { addCalendarDays, previousTradingDay } from '../calendar.ts';
import type { TickerHoldings } from '../provider.ts';

export type { TickerHoldings };

/** Tickers per batch-quote call. FMP documents no maximum; 50 keeps URLs short. */
export const FMP_QUOTE_BATCH_SIZE = 50;

/** Per-refresh HTTP calls of each kind. */
const CALLS = { profile: 1, statements: 3, history: 1 } as const;

export interface RefreshPlanInput {
  holdings: TickerHoldings[];
  /** New York date of the refresh. */
  today: string;
  /** Calls left in today's budget. */
  budgetRemaining: number;
  /** Quote refreshes still to come today after this one (their calls are kept in reserve). */
  quoteRefreshesLeftToday: number;
  batchSize?: number;
  /** Default 90 days (statements change quarterly at most; we use annual ones). */
  statementsMaxAgeDays?: number;
}

export interface RefreshPlan {
  quoteBatches: string[][];
  profiles: string[];
  statements: string[];
  history: string[];
  /** Tickers with missing or stale data left for a later refresh. */
  deferred: string[];
  calls: { quotes: number; profiles: number; statements: number; history: number; total: number };
}

export function quoteCalls(tickers: number, batchSize = FMP_QUOTE_BATCH_SIZE): number {
  return Math.ceil(tickers / batchSize);
}

/** The per-ticker work a holding needs, and its cost in calls. */
function needs(h: TickerHoldings, today: string, maxAge: number) {
  const profile = !h.hasProfile;
  const statements =
    h.statementsFetchedOn === null || h.statementsFetchedOn < addCalendarDays(today, -maxAge);
  // Bars through the previous trading day are current: today's bar comes from the quotes.
  const history = h.barsThrough === null || h.barsThrough < previousTradingDay(today);
  const cost =
    (profile ? CALLS.profile : 0) + (statements ? CALLS.statements : 0) + (history ? CALLS.history : 0);
  return { profile, statements, history, cost };
}

export function planRefresh(input: RefreshPlanInput): RefreshPlan {
  const batchSize = input.batchSize ?? FMP_QUOTE_BATCH_SIZE;
  const maxAge = input.statementsMaxAgeDays ?? 90;
  const tickers = input.holdings.map((h) => h.ticker);
  const quoteBatches: string[][] = [];
  for (let i = 0; i < tickers.length; i += batchSize) quoteBatches.push(tickers.slice(i, i + batchSize));
  const quotes = quoteBatches.length;
  const reserve = input.quoteRefreshesLeftToday * quotes;
  let spendable = input.budgetRemaining - quotes - reserve;

  const plan: RefreshPlan = {
    quoteBatches,
    profiles: [],
    statements: [],
    history: [],
    deferred: [],
    calls: { quotes, profiles: 0, statements: 0, history: 0, total: quotes },
  };
  for (const h of input.holdings) {
    const n = needs(h, input.today, maxAge);
    if (n.cost === 0) continue;
    if (n.cost > spendable) {
      plan.deferred.push(h.ticker);
      continue;
    }
    spendable -= n.cost;
    if (n.profile) plan.profiles.push(h.ticker);
    if (n.statements) plan.statements.push(h.ticker);
    if (n.history) plan.history.push(h.ticker);
  }
  plan.calls.profiles = plan.profiles.length * CALLS.profile;
  plan.calls.statements = plan.statements.length * CALLS.statements;
  plan.calls.history = plan.history.length * CALLS.history;
  plan.calls.total = quotes + plan.calls.profiles + plan.calls.statements + plan.calls.history;
  return plan;
}
