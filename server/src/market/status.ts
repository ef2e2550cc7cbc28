/**
 * The market clock: is the NYSE open at a given instant, and when does that change?
 *
 * Built on the trading calendar (`calendar.ts`, which works on exchange-local dates) and
 * the IANA zone America/New_York through `Intl`, so daylight-saving changes are handled
 * by the zone rules, never by fixed offsets. Sessions run 09:30–16:00 New York time, or
 * 09:30–13:00 on early-close days; the DST switch happens at 02:00 local, so session
 * boundaries never fall in a skipped or repeated hour.
 */
import { addCalendarDays, earlyClose, isTradingDay, marketSession, nyseHolidayName } from './calendar.ts';

export const MARKET_TIME_ZONE = 'America/New_York';

/** Why the market is closed at the instant asked about (null while open). */
export type ClosedReason = 'weekend' | 'holiday' | 'pre_market' | 'after_hours' | 'early_close';

export interface SessionTimes {
  /** The session's exchange-local date (YYYY-MM-DD). */
  date: string;
  /** Opening instant (ISO-8601, UTC). */
  open: string;
  /** Closing instant (ISO-8601, UTC). */
  close: string;
  /** True when the session closes at 13:00 New York time. */
  earlyClose: boolean;
}

export interface MarketStatus {
  /** The instant asked about (ISO-8601, UTC). */
  at: string;
  /** The exchange-local date of `at`. */
  date: string;
  isOpen: boolean;
  reason: ClosedReason | null;
  /** The holiday's name when `reason` is 'holiday'. */
  holiday: string | null;
  /** One line for people, e.g. "Closed for Thanksgiving Day". */
  message: string;
  /** The session on `date`, or null when the exchange does not trade that day. */
  session: SessionTimes | null;
  /** The next opening strictly after `at`. */
  nextOpen: string;
  /** The next closing strictly after `at` (today's close while open). */
  nextClose: string;
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalTime {
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** Wall-clock time as if it were UTC (ms), for offset arithmetic. */
  wallMs: number;
}

/** The New York wall-clock date and time of an instant. */
export function newYorkTime(at: Date): LocalTime {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(at)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const hour = Number(p.hour);
  const minute = Number(p.minute);
  const second = Number(p.second);
  const wallMs =
    Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), hour, minute, second) +
    at.getUTCMilliseconds();
  return { date, minutes: hour * 60 + minute, wallMs };
}

/**
 * The instant at which New York wall-clock time reads `date` `hh:mm`. Two passes of the
 * zone offset make it exact for every time outside the 02:00–03:00 switch hours.
 */
export function newYorkInstant(date: string, hhmm: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const offset = newYorkTime(new Date(guess)).wallMs - guess;
    guess = wall - offset;
  }
  return new Date(guess);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The session's open and close instants on `date`, or null when the exchange is closed. */
export function sessionTimes(date: string): SessionTimes | null {
  const session = marketSession(date);
  if (!session) return null;
  return {
    date,
    open: newYorkInstant(date, session.open).toISOString(),
    close: newYorkInstant(date, session.close).toISOString(),
    earlyClose: earlyClose(date) !== null,
  };
}

/** The first session on or after `date`. */
function sessionFrom(date: string): SessionTimes {
  let day = date;
  while (!isTradingDay(day)) day = addCalendarDays(day, 1);
  return sessionTimes(day)!;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Whether the NYSE regular session is open at `at`, why not, and when that changes next. */
export function marketStatus(at: Date): MarketStatus {
  if (Number.isNaN(at.getTime())) throw new RangeError('marketStatus: invalid Date');
  const local = newYorkTime(at);
  const session = sessionTimes(local.date);
  const tomorrow = addCalendarDays(local.date, 1);
  const base = { at: at.toISOString(), date: local.date, session };

  if (session) {
    const open = toMinutes('09:30');
    const close = session.earlyClose ? toMinutes('13:00') : toMinutes('16:00');
    if (local.minutes >= open && local.minutes < close) {
      const next = sessionFrom(tomorrow);
      return {
        ...base,
        isOpen: true,
        reason: null,
        holiday: null,
        message: session.earlyClose ? 'Open: early close at 13:00 ET today' : 'Open',
        nextOpen: next.open,
        nextClose: session.close,
      };
    }
    if (local.minutes < open) {
      return {
        ...base,
        isOpen: false,
        reason: 'pre_market',
        holiday: null,
        message: 'Closed: opens at 09:30 ET',
        nextOpen: session.open,
        nextClose: session.close,
      };
    }
    const next = sessionFrom(tomorrow);
    return {
      ...base,
      isOpen: false,
      reason: session.earlyClose ? 'early_close' : 'after_hours',
      holiday: null,
      message: session.earlyClose ? 'Closed: early close at 13:00 ET today' : 'Closed: after hours',
      nextOpen: next.open,
      nextClose: next.close,
    };
  }

  const next = sessionFrom(tomorrow);
  const holiday = nyseHolidayName(local.date);
  const weekday = WEEKDAY_NAMES[new Date(`${local.date}T12:00:00Z`).getUTCDay()];
  return {
    ...base,
    isOpen: false,
    reason: holiday ? 'holiday' : 'weekend',
    holiday,
    message: holiday ? `Closed for ${holiday}` : `Closed: ${weekday}`,
    nextOpen: next.open,
    nextClose: next.close,
  };
}
