/**
 * Row types of every table, registered with knex (`knex/types/tables`), so a query on a
 * named table is typed: a selected column that does not exist, or a wrong value in an
 * insert, fails the type-check. Joins are read through the mappers of the repositories.
 * Numbers come back as numbers on both engines (see knex.ts), dates as `YYYY-MM-DD`.
 */
import type { FUNDAMENTAL_FIELDS } from '../api/metrics.ts';

type FundamentalColumns = { [F in (typeof FUNDAMENTAL_FIELDS)[number] as F['column']]: number | null };

export interface StockRow extends FundamentalColumns {
  ticker: string;
  name: string;
  sector: string;
  industry: string;
  exchange: string;
  description: string;
  beta: number | null;
  source: string;
  price: number | null;
  change: number | null;
  change_pct: number | null;
  open: number | null;
  day_high: number | null;
  day_low: number | null;
  previous_close: number | null;
  volume: number | null;
  avg_volume: number | null;
  year_high: number | null;
  year_low: number | null;
  quote_date: string | null;
  /** New York date the annual statements were last fetched (null: unknown). */
  financials_fetched_on: string | null;
  updated_at: string;
}

export interface FinancialRow {
  ticker: string;
  fiscal_year: number;
  revenue: number;
  gross_profit: number;
  operating_income: number;
  depreciation: number;
  net_income: number;
  eps: number;
  total_assets: number;
  total_liabilities: number;
  current_assets: number;
  current_liabilities: number;
  total_debt: number;
  long_term_debt: number;
  shareholders_equity: number;
  retained_earnings: number;
  cash: number;
  operating_cash_flow: number;
  capital_expenditure: number;
  net_ppe: number;
  shares_outstanding: number;
  dividends_per_share: number;
}

export interface DailyPriceRow {
  ticker: string;
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

interface ComponentColumns {
  value: number;
  quality: number;
  growth: number;
  momentum: number;
  risk: number;
  dividend: number;
}

export interface ScoreRow extends ComponentColumns {
  ticker: string;
  score: number;
  rank: number;
  sector_rank: number;
  /** JSON text of StockMetrics. */
  metrics: string;
  /** JSON text of Explanation. */
  explanation: string;
  as_of: string;
  computed_at: string;
}

export interface ScoreSnapshotRow extends ComponentColumns {
  ticker: string;
  date: string;
  score: number;
  rank: number;
  /** `live`: recorded from that day's scores; `backfill`: recomputed later, point in time. */
  source: SnapshotSource;
}

type SnapshotSource = 'live' | 'backfill';

export interface DatasetInfoRow {
  key: string;
  value: string;
  updated_at: string;
}

/** The daily count of calls made to a market-data provider (market/fmp/budget.ts). */
interface ProviderCallRow {
  provider: string;
  /** New York calendar date, YYYY-MM-DD. */
  day: string;
  calls: number;
  updated_at: string;
}

/** One row per worker process, refreshed on a timer (jobs/heartbeat.ts); instants in epoch ms. */
interface WorkerHeartbeatRow {
  worker: string;
  pid: number;
  backend: string;
  started_at: number;
  beat_at: number;
}

/** What a refresh keeps per stock: its price window (market/price-window.ts) and a hash of its fiscal years. */
export interface StockStateRow {
  ticker: string;
  last_date: string;
  /** The encoded price window. */
  bars: Buffer;
  financials_hash: string;
  updated_at: string;
}

/** One invalidation appended by a process for the others (cache/db-bus.ts); `at` in epoch ms. */
interface CacheInvalidationRow {
  id: number;
  pattern: string;
  origin: string;
  at: number;
}

/** A row of the SQLite job store (`agenda_jobs`, jobs/sqlite-backend); instants in epoch ms. */
export interface JobRow {
  id: string;
  name: string;
  priority: number;
  next_run_at: number | null;
  type: string;
  locked_at: number | null;
  last_run_at: number | null;
  last_finished_at: number | null;
  failed_at: number | null;
  fail_count: number | null;
  fail_reason: string | null;
  repeat_timezone: string | null;
  repeat_interval: string | null;
  repeat_at: string | null;
  data: string | null;
  disabled: number | boolean;
  progress: number | null;
  fork: number | boolean;
  last_modified_by: string | null;
  debounce_started_at: number | null;
  start_date: number | null;
  end_date: number | null;
  skip_days: string | null;
  created_at: number;
  updated_at: number;
}

declare module 'knex/types/tables.js' {
  interface Tables {
    stocks: StockRow;
    financials: FinancialRow;
    daily_prices: DailyPriceRow;
    scores: ScoreRow;
    score_snapshots: ScoreSnapshotRow;
    dataset_info: DatasetInfoRow;
    provider_calls: ProviderCallRow;
    /** The SQLite job store (jobs/sqlite-backend); on PostgreSQL Agenda's backend owns its own table. */
    agenda_jobs: JobRow;
    worker_heartbeats: WorkerHeartbeatRow;
    stock_state: StockStateRow;
    cache_invalidations: CacheInvalidationRow;
  }
}
