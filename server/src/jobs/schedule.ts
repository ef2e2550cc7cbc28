/**
 * When scheduled jobs run, computed from the NYSE calendar (cron cannot express holidays
 * or early closes). A schedule lists a trading day's run times in America/New_York; the
 * worker asks for the next run strictly after an instant and stores it as the job's
 * `nextRunAt`, so every run time is an explicit instant in the job store.
 */
import { addCalendarDays, marketSession } from '../market/calendar.ts';
import { newYorkDate, newYorkInstant } from '../market/new-york.ts';

export interface Schedule {
  /** For people: shown by the job status. */
  describe: string;
  /** The run times of one exchange date (YYYY-MM-DD, New York), oldest first; [] when none. */
  runsOn(date: string): Date[];
}

/** Minutes after the close for the post-close refresh. */
const REFRESH_AFTER_CLOSE_MIN = 5;
/** Minutes after the close for the daily snapshot. */
const SNAPSHOT_AFTER_CLOSE_MIN = 30;

/**
 * `refresh-stock-data`: on each trading day at the open (09:30), then every hour on the
 * hour while the session is open, then once just after the close (16:05, or 13:05 on an
 * early-close day). Nothing on weekends and NYSE holidays.
 */
export const refreshSchedule: Schedule = {
  describe: `trading days (America/New_York): at the 09:30 open, hourly on the hour until the close, and ${REFRESH_AFTER_CLOSE_MIN} min after the close (13:00 on early-close days); never on NYSE holidays`,
  runsOn(date) {
    const session = marketSession(date);
    if (!session) return [];
    const runs = [newYorkInstant(date, session.open)];
    const closeHour = Number(session.close.slice(0, 2));
    for (let h = 10; h < closeHour; h++) runs.push(newYorkInstant(date, `${h}:00`));
    runs.push(newYorkInstant(date, session.close, REFRESH_AFTER_CLOSE_MIN));
    return runs;
  },
};

/** `snapshot-daily-scores`: once per trading day, 30 min after the close. */
export const snapshotSchedule: Schedule = {
  describe: `trading days (America/New_York): ${SNAPSHOT_AFTER_CLOSE_MIN} min after the close (16:${SNAPSHOT_AFTER_CLOSE_MIN}, or 13:${SNAPSHOT_AFTER_CLOSE_MIN} on early-close days)`,
  runsOn(date) {
    const session = marketSession(date);
    return session ? [newYorkInstant(date, session.close, SNAPSHOT_AFTER_CLOSE_MIN)] : [];
  },
};

/** The first run of `schedule` strictly after `after`. */
export function nextRun(schedule: Schedule, after: Date): Date {
  // The longest NYSE closure in the calendar is 4 weekdays (2001); a month is plenty.
  let date = addCalendarDays(newYorkDate(after), -1);
  for (let i = 0; i < 31; i++, date = addCalendarDays(date, 1)) {
    const run = schedule.runsOn(date).find((t) => t.getTime() > after.getTime());
    if (run) return run;
  }
  throw new Error(`no run of the schedule within a month after ${after.toISOString()}`);
}

/** How many runs of `schedule` are still to come on `at`'s New York day, after `at`. */
export function runsLeftToday(schedule: Schedule, at: Date): number {
  return schedule.runsOn(newYorkDate(at)).filter((run) => run.getTime() > at.getTime()).length;
}
