/**
 * The daily call budget of a provider (FMP's free tier: 250 calls a day, with no
 * rate-limit headers to read). Each HTTP request, retries included, takes one call from
 * the day's budget before it is sent; when the budget is spent the request is not sent.
 *
 * The day is the New York calendar day (FMP does not publish when its counter resets;
 * counting by the exchange's day keeps one trading day in one budget). The count lives in
 * the `provider_calls` table, so a restart, or a second process on the same database,
 * continues the same count.
 */
import type { Knex } from 'knex';
import { newYorkDate } from '../new-york.ts';

export interface BudgetUsage {
  /** New York date the count is for. */
  day: string;
  used: number;
  limit: number;
  remaining: number;
}

export interface CallBudget {
  readonly limit: number;
  /** Take one call for `at`'s day: true when granted, false when the day's budget is spent. */
  take(at: Date): Promise<boolean>;
  usage(at: Date): Promise<BudgetUsage>;
}

const budgetDay = (at: Date) => newYorkDate(at);

/** In-process budget (tests, one-shot tools): forgets its count on restart. */
export class MemoryCallBudget implements CallBudget {
  private day = '';
  private used = 0;

  constructor(readonly limit: number) {}

  async take(at: Date): Promise<boolean> {
    this.roll(budgetDay(at));
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  async usage(at: Date): Promise<BudgetUsage> {
    this.roll(budgetDay(at));
    return {
      day: this.day,
      used: this.used,
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
    };
  }

  private roll(day: string) {
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
  }
}

export const PROVIDER_CALLS_TABLE = 'provider_calls';

/**
 * Budget persisted in `provider_calls (provider, day, calls)`. `take` is one atomic upsert
 * that only increments below the limit, so concurrent workers never overspend.
 */
export class KnexCallBudget implements CallBudget {
  constructor(
    private readonly db: Knex,
    readonly limit: number,
    private readonly provider = 'fmp',
  ) {}

  async take(at: Date): Promise<boolean> {
    const day = budgetDay(at);
    const now = at.toISOString();
    const t = PROVIDER_CALLS_TABLE;
    // INSERT ... ON CONFLICT ... DO UPDATE ... WHERE ... RETURNING: SQLite >= 3.35 and PostgreSQL.
    const result = await this.db.raw(
      `INSERT INTO ${t} (provider, day, calls, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (provider, day) DO UPDATE SET calls = ${t}.calls + 1, updated_at = excluded.updated_at
       WHERE ${t}.calls < ?
       RETURNING calls`,
      [this.provider, day, now, this.limit],
    );
    const rows: unknown[] = Array.isArray(result) ? result : (result?.rows ?? []);
    return rows.length > 0;
  }

  async usage(at: Date): Promise<BudgetUsage> {
    const day = budgetDay(at);
    const row = await this.db(PROVIDER_CALLS_TABLE).where({ provider: this.provider, day }).first('calls');
    const used = Number(row?.calls ?? 0);
    return { day, used, limit: this.limit, remaining: Math.max(0, this.limit - used) };
  }
}
