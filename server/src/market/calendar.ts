/**
 * NYSE trading calendar: full-day holidays, one-off closures and early closes.
 *
 * Everything works on ISO `YYYY-MM-DD` calendar dates (the exchange's local date),
 * with UTC-based `Date` arithmetic only, so results never depend on the machine's
 * time zone. The rules are NYSE's current ones (Rule 7.2 and the published holiday
 * schedule); they are exact from 1998 (when Martin Luther King Jr. Day was added)
 * onwards, plus the special closures listed in `NYSE_SPECIAL_CLOSURES`. Instants are read
 * in New York time through `new-york.ts`.
 */
import { newYorkTime } from './new-york.ts';

/** Regular trading session times (America/New_York). */
export interface MarketSession {
  open: '09:30';
  close: '16:00' | '13:00';
}

/** A full-day closure of the exchange on a weekday. */
export interface NyseHoliday {
  date: string;
  name: string;
}

/** One-off full-day closures (weather, national days of mourning, 9/11) since 2000. */
const NYSE_SPECIAL_CLOSURES: readonly NyseHoliday[] = [
  { date: '2001-09-11', name: 'September 11 attacks' },
  { date: '2001-09-12', name: 'September 11 attacks' },
  { date: '2001-09-13', name: 'September 11 attacks' },
  { date: '2001-09-14', name: 'September 11 attacks' },
  { date: '2004-06-11', name: 'National Day of Mourning for President Reagan' },
  { date: '2007-01-02', name: 'National Day of Mourning for President Ford' },
  { date: '2012-10-29', name: 'Hurricane Sandy' },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: 'National Day of Mourning for President George H. W. Bush' },
  { date: '2025-01-09', name: 'National Day of Mourning for President Carter' },
];

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for an ISO date; throws on a malformed or impossible date. */
function toDayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a valid calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function ymd(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The n-th (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = ymd(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** The last given weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = ymd(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Western (Gregorian) Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/Butcher). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/**
 * Where a fixed-date holiday is observed (NYSE Rule 7.2): a Sunday holiday moves to
 * the Monday after; a Saturday holiday moves to the Friday before unless that Friday
 * ends a monthly or yearly accounting period, in which case it is not observed at all
 * (in practice: New Year's Day on a Saturday gives no Friday holiday on Dec 31).
 */
function observed(dayNumber: number): number | null {
  const weekday = weekdayOf(dayNumber);
  if (weekday === 0) return dayNumber + 1;
  if (weekday === 6) {
    const friday = dayNumber - 1;
    const endsMonth = fromDayNumber(friday).slice(5, 7) !== fromDayNumber(friday + 1).slice(5, 7);
    return endsMonth ? null : friday;
  }
  return dayNumber;
}

const holidayCache = new Map<number, Map<number, string>>();

/** Full-day closures (day number → name) whose observed date falls in `year`. */
function closuresOfYear(year: number): Map<number, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const out = new Map<number, string>();
  const add = (day: number | null, name: string) => {
    if (day !== null && Number(fromDayNumber(day).slice(0, 4)) === year) out.set(day, name);
  };
  // Fixed-date holidays are checked for this year and the next, because New Year's Day
  // of year + 1 could in principle be observed in `year` (it never is: see `observed`).
  for (const y of [year, year + 1]) {
    add(observed(ymd(y, 1, 1)), "New Year's Day");
    if (y >= 2022) add(observed(ymd(y, 6, 19)), 'Juneteenth National Independence Day');
    add(observed(ymd(y, 7, 4)), 'Independence Day');
    add(observed(ymd(y, 12, 25)), 'Christmas Day');
  }
  if (year >= 1998) add(nthWeekday(year, 1, 1, 3), 'Martin Luther King, Jr. Day');
  add(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  add(easterSunday(year) - 2, 'Good Friday');
  add(lastWeekday(year, 5, 1), 'Memorial Day');
  add(nthWeekday(year, 9, 1, 1), 'Labor Day');
  add(nthWeekday(year, 11, 4, 4), 'Thanksgiving Day');
  for (const special of NYSE_SPECIAL_CLOSURES) {
    if (special.date.startsWith(`${year}-`)) add(toDayNumber(special.date), special.name);
  }
  holidayCache.set(year, out);
  return out;
}

function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

function isTradingDayNumber(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  if (weekday === 0 || weekday === 6) return false;
  return !closuresOfYear(yearOfDayNumber(dayNumber)).has(dayNumber);
}

/**
 * The NYSE full-day closures on weekdays in a year, oldest first: regular holidays on
 * their observed dates plus one-off special closures.
 */
export function nyseHolidays(year: number): NyseHoliday[] {
  return [...closuresOfYear(year).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, name]) => ({ date: fromDayNumber(day), name }));
}

/** The name of the NYSE closure on `date`, or null when it is not a holiday (weekends are not holidays). */
export function nyseHolidayName(date: string): string | null {
  const day = toDayNumber(date);
  return closuresOfYear(yearOfDayNumber(day)).get(day) ?? null;
}

/** True when the NYSE is closed all day on `date` for a holiday or a special closure. */
export function isNyseHoliday(date: string): boolean {
  return nyseHolidayName(date) !== null;
}

/** True when the NYSE is open on `date` (a weekday that is not a holiday). */
export function isTradingDay(date: string): boolean {
  return isTradingDayNumber(toDayNumber(date));
}

/** All NYSE trading days from `from` to `to`, both inclusive, oldest first ([] if from > to). */
export function tradingDaysBetween(from: string, to: string): string[] {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const out: string[] = [];
  for (let day = start; day <= end; day++) {
    if (isTradingDayNumber(day)) out.push(fromDayNumber(day));
  }
  return out;
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(date: string): string {
  let day = toDayNumber(date) - 1;
  while (!isTradingDayNumber(day)) day--;
  return fromDayNumber(day);
}

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: string): string {
  let day = toDayNumber(date) + 1;
  while (!isTradingDayNumber(day)) day++;
  return fromDayNumber(day);
}

/**
 * '13:00' when `date` is an NYSE early-close day, else null: July 3 when it is a
 * trading day (the day before Independence Day), the day after Thanksgiving, and
 * Christmas Eve when it is a trading day.
 */
export function earlyClose(date: string): '13:00' | null {
  const day = toDayNumber(date);
  if (!isTradingDayNumber(day)) return null;
  const year = yearOfDayNumber(day);
  if (day === ymd(year, 7, 3) || day === ymd(year, 12, 24)) return '13:00';
  if (day === nthWeekday(year, 11, 4, 4) + 1) return '13:00';
  return null;
}

/** The regular session on `date`, or null when the exchange is closed. */
export function marketSession(date: string): MarketSession | null {
  if (!isTradingDay(date)) return null;
  return { open: '09:30', close: earlyClose(date) ?? '16:00' };
}

/** `date` plus `days` calendar days (negative to go back). */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The last NYSE session that has closed at `now`: today after the close (16:00, or 13:00
 * on early-close days) New York time on a trading day, otherwise the trading day before.
 */
export function lastCompletedSession(now: Date): string {
  const { date: today, hhmm } = newYorkTime(now);
  const session = marketSession(today);
  return session && hhmm >= session.close ? today : previousTradingDay(today);
}
