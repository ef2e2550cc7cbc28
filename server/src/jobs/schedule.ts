/**
 * When scheduled jobs run, computed from the NYSE calendar (cron cannot express holidays
 * or early closes). A schedule lists a trading day's run times in America/New_York; the
 * worker asks for the next run strictly after an instant and stores it as the job's
 * `nextRunAt`, so every run time is an explicit instant in the job store.
 */
import { addCalendarDays, marketSession } from '../market/calendar.ts';

export const MARKET_TZ = 'America/New_York';

export interface Schedule {
  /** For people: shown by the job status. */
  describe: string;
  /** The run times of one exchange date (YYYY-MM-DD, New York), oldest first; [] when none. */
  runsOn(date: string): Date[];
}

const nyParts = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** New York's wall clock at an instant, as if it were UTC (ms). */
function nyWallMs(at: number): number {
  const p = Object.fromEntries(nyParts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
}

/** The exchange's calendar date (YYYY-MM-DD) at an instant. */
export function nyDate(at: Date): string {
  return new Date(nyWallMs(at.getTime())).toISOString().slice(0, 10);
}

/** The instant of a New York wall time (`HH:MM` on `date`); exact across DST changes. */
export function nyInstant(date: string, hhmm: string, plusMinutes = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min + plusMinutes);
  // The offset at a first guess, then at the corrected instant (they differ only near a change).
  let at = wall - (nyWallMs(wall) - wall);
  at = wall - (nyWallMs(at) - at);
  return new Date(at);
}

/** Minutes after the close for the post-close refresh. */
export const REFRESH_AFTER_CLOSE_MIN = 5;
/** Minutes after the close for the daily snapshot. */
export const SNAPSHOT_AFTER_CLOSE_MIN = 30;

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
    const runs = [nyInstant(date, session.open)];
    const closeHour = Number(session.close.slice(0, 2));
    for (let h = 10; h < closeHour; h++) runs.push(nyInstant(date, `${h}:00`));
    runs.push(nyInstant(date, session.close, REFRESH_AFTER_CLOSE_MIN));
    return runs;
  },
};

/** `snapshot-daily-scores`: once per trading day, 30 min after the close. */
export const snapshotSchedule: Schedule = {
  describe: `trading days (America/New_York): ${SNAPSHOT_AFTER_CLOSE_MIN} min after the close (16:${SNAPSHOT_AFTER_CLOSE_MIN}, or 13:${SNAPSHOT_AFTER_CLOSE_MIN} on early-close days)`,
  runsOn(date) {
    const session = marketSession(date);
    return session ? [nyInstant(date, session.close, SNAPSHOT_AFTER_CLOSE_MIN)] : [];
  },
};

/** The first run of `schedule` strictly after `after`. */
export function nextRun(schedule: Schedule, after: Date): Date {
  // The longest NYSE closure in the calendar is 4 weekdays (2001); a month is plenty.
  let date = addCalendarDays(nyDate(after), -1);
  for (let i = 0; i < 31; i++, date = addCalendarDays(date, 1)) {
    const run = schedule.runsOn(date).find((t) => t.getTime() > after.getTime());
    if (run) return run;
  }
  throw new Error(`no run of the schedule within a month after ${after.toISOString()}`);
}
