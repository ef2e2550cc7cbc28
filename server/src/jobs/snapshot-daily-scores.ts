/** `snapshot-daily-scores`: one snapshot row per stock for the day's session, after the close. */
import { backoffStrategies } from 'agenda';
import { isTradingDay, previousTradingDay } from '../market/calendar.ts';
import { newYorkDate } from '../market/new-york.ts';
import { snapshotSchedule } from './schedule.ts';
import type { JobModule } from './types.ts';

const MAX_RETRIES = 5;

/** The session a snapshot at `now` records: today's when it is a trading day, else the last one. */
function snapshotDay(now: Date): string {
  const today = newYorkDate(now);
  return isTradingDay(today) ? today : previousTradingDay(today);
}

export const snapshotDailyScores: JobModule = {
  name: 'snapshot-daily-scores',
  description: "Record each stock's scores for the trading day (once per stock per day)",
  schedule: snapshotSchedule,
  options: {
    lockLifetimeMs: 10 * 60_000,
    concurrency: 1,
    maxRetries: MAX_RETRIES,
    backoff: backoffStrategies.exponential({
      delay: 60_000,
      maxRetries: MAX_RETRIES,
      factor: 2,
      jitter: 0.1,
    }),
  },
  async run({ deps, now }) {
    const tradingDay = snapshotDay(now);
    const { rows } = await deps.snapshot({ tradingDay });
    deps.log.info({ tradingDay, rows }, `snapshot: ${rows} rows for ${tradingDay}`);
  },
};
