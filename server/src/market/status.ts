/**
 * The market status: is the NYSE open at a given instant, and when does that change?
 *
 * Built on the trading calendar (`calendar.ts`, which works on exchange-local dates) and
 * New York time (`new-york.ts`, the zone's rules). Sessions run 09:30–16:00 New York time,
 * or 09:30–13:00 on early-close days; the DST switch happens at 02:00 local, so session
 * boundaries never fall in a skipped or repeated hour.
 */
import { addCalendarDays, earlyClose, isTradingDay, marketSession, nyseHolidayName } from './calendar.ts';
import { newYorkInstant, newYorkTime } from './new-york.ts';

/** Why the market is closed at the instant asked about (null while open). */
type ClosedReason = 'weekend' | 'holiday' | 'pre_market' | 'after_hours' | 'early_close';

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
  const session = sessionTimes(day);
  if (!session) throw new Error(`no session times for trading day ${day}`);
  return session;
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

/**
 * The market status as a function of the clock, kept between calls: everything but `at`
 * stays the same until the next open, the next close or the next New York midnight (the
 * exchange-local date), so an answer is computed once per such interval and each later
 * instant inside it gets it with its own `at`. An instant outside the interval (later, or
 * earlier: a test's clock may go back) computes afresh.
 */
export function marketStatusMemo(): (at: Date) => MarketStatus {
  let kept: MarketStatus | undefined;
  let from = 0;
  let until = 0;
  return (at) => {
    const t = at.getTime();
    if (kept && t >= from && t < until) return { ...kept, at: at.toISOString() };
    const status = marketStatus(at);
    const midnight = newYorkInstant(addCalendarDays(status.date, 1), '00:00').getTime();
    kept = status;
    from = t;
    until = Math.min(Date.parse(status.nextOpen), Date.parse(status.nextClose), midnight);
    return status;
  };
}
