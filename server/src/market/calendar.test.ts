import { expect } from 'chai';
import {
  addCalendarDays,
  earlyClose,
  isNyseHoliday,
  isTradingDay,
  marketSession,
  nextTradingDay,
  nyseHolidayName,
  nyseHolidays,
  previousTradingDay,
  tradingDaysBetween,
} from './calendar.ts';

/** NYSE's published full-day closures. */
const PUBLISHED_HOLIDAYS: Record<number, string[]> = {
  2022: [
    '2022-01-17',
    '2022-02-21',
    '2022-04-15',
    '2022-05-30',
    '2022-06-20',
    '2022-07-04',
    '2022-09-05',
    '2022-11-24',
    '2022-12-26',
  ],
  2023: [
    '2023-01-02',
    '2023-01-16',
    '2023-02-20',
    '2023-04-07',
    '2023-05-29',
    '2023-06-19',
    '2023-07-04',
    '2023-09-04',
    '2023-11-23',
    '2023-12-25',
  ],
  2024: [
    '2024-01-01',
    '2024-01-15',
    '2024-02-19',
    '2024-03-29',
    '2024-05-27',
    '2024-06-19',
    '2024-07-04',
    '2024-09-02',
    '2024-11-28',
    '2024-12-25',
  ],
  2025: [
    '2025-01-01',
    '2025-01-09',
    '2025-01-20',
    '2025-02-17',
    '2025-04-18',
    '2025-05-26',
    '2025-06-19',
    '2025-07-04',
    '2025-09-01',
    '2025-11-27',
    '2025-12-25',
  ],
  2026: [
    '2026-01-01',
    '2026-01-19',
    '2026-02-16',
    '2026-04-03',
    '2026-05-25',
    '2026-06-19',
    '2026-07-03',
    '2026-09-07',
    '2026-11-26',
    '2026-12-25',
  ],
};

/** NYSE's published 13:00 early closes. */
const PUBLISHED_EARLY_CLOSES: Record<number, string[]> = {
  2022: ['2022-11-25'],
  2023: ['2023-07-03', '2023-11-24'],
  2024: ['2024-07-03', '2024-11-29', '2024-12-24'],
  2025: ['2025-07-03', '2025-11-28', '2025-12-24'],
  2026: ['2026-11-27', '2026-12-24'],
};

function everyDayOf(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

describe('NYSE calendar', () => {
  for (const [year, dates] of Object.entries(PUBLISHED_HOLIDAYS)) {
    it(`matches NYSE's published holidays for ${year}`, () => {
      expect(nyseHolidays(Number(year)).map((h) => h.date)).to.deep.equal(dates);
      const flagged = everyDayOf(Number(year)).filter(isNyseHoliday);
      expect(flagged).to.deep.equal(dates);
      for (const d of dates) expect(isTradingDay(d), d).to.equal(false);
    });
  }

  for (const [year, dates] of Object.entries(PUBLISHED_EARLY_CLOSES)) {
    it(`matches NYSE's published early closes for ${year}`, () => {
      const early = everyDayOf(Number(year)).filter((d) => earlyClose(d) !== null);
      expect(early).to.deep.equal(dates);
      for (const d of dates) expect(earlyClose(d)).to.equal('13:00');
    });
  }

  it('counts 251 trading days in 2022, 250 in 2023, 252 in 2024, 250 in 2025 and 251 in 2026', () => {
    // 2024: 262 weekdays (leap year starting on a Monday) - 10 holidays = 252.
    // 2025: 261 weekdays - 10 holidays - the Jan 9 day of mourning = 250.
    expect(tradingDaysBetween('2022-01-01', '2022-12-31')).to.have.length(251);
    expect(tradingDaysBetween('2023-01-01', '2023-12-31')).to.have.length(250);
    expect(tradingDaysBetween('2024-01-01', '2024-12-31')).to.have.length(252);
    expect(tradingDaysBetween('2025-01-01', '2025-12-31')).to.have.length(250);
    expect(tradingDaysBetween('2026-01-01', '2026-12-31')).to.have.length(251);
  });

  it('does not observe a Saturday New Year on the Friday before (Dec 31 ends the year)', () => {
    // 2022-01-01 and 2028-01-01 are Saturdays.
    expect(isNyseHoliday('2021-12-31')).to.equal(false);
    expect(isTradingDay('2021-12-31')).to.equal(true);
    expect(isTradingDay('2027-12-31')).to.equal(true);
    // 2022-12-31 is itself a Saturday; New Year 2023 (a Sunday) is observed on Monday Jan 2.
    expect(isTradingDay('2022-12-30')).to.equal(true);
    expect(isNyseHoliday('2022-12-31')).to.equal(false);
    expect(isNyseHoliday('2023-01-02')).to.equal(true);
  });

  it('moves other Saturday holidays to Friday and Sunday holidays to Monday', () => {
    expect(nyseHolidayName('2021-12-24')).to.equal('Christmas Day');
    expect(nyseHolidayName('2021-07-05')).to.equal('Independence Day');
    expect(nyseHolidayName('2027-06-18')).to.equal('Juneteenth National Independence Day');
    expect(nyseHolidayName('2022-06-20')).to.equal('Juneteenth National Independence Day');
    expect(nyseHolidayName('2020-07-03')).to.equal('Independence Day');
  });

  it('has no Juneteenth holiday before 2022', () => {
    expect(isTradingDay('2021-06-18')).to.equal(true);
    expect(isTradingDay('2021-06-21')).to.equal(true);
  });

  it('computes Good Friday from Easter', () => {
    expect(nyseHolidayName('2019-04-19')).to.equal('Good Friday');
    expect(nyseHolidayName('2027-03-26')).to.equal('Good Friday');
    expect(nyseHolidayName('2038-04-23')).to.equal('Good Friday');
  });

  it('includes the one-off closures', () => {
    expect(nyseHolidayName('2025-01-09')).to.match(/Carter/);
    expect(isTradingDay('2012-10-29')).to.equal(false);
    expect(isTradingDay('2001-09-14')).to.equal(false);
  });

  it('treats weekends as closed but not as holidays', () => {
    expect(isTradingDay('2024-06-15')).to.equal(false);
    expect(isNyseHoliday('2024-06-15')).to.equal(false);
    expect(marketSession('2024-06-15')).to.equal(null);
  });

  it('finds the previous and next trading days across weekends and holidays', () => {
    expect(previousTradingDay('2024-07-05')).to.equal('2024-07-03');
    expect(nextTradingDay('2024-07-03')).to.equal('2024-07-05');
    expect(nextTradingDay('2025-01-08')).to.equal('2025-01-10');
    expect(previousTradingDay('2024-01-02')).to.equal('2023-12-29');
    expect(nextTradingDay('2024-03-28')).to.equal('2024-04-01');
    expect(previousTradingDay('2024-01-16')).to.equal('2024-01-12');
    expect(nextTradingDay('2024-06-14')).to.equal('2024-06-17');
  });

  it('lists trading days inclusively and in order', () => {
    expect(tradingDaysBetween('2024-12-23', '2025-01-03')).to.deep.equal([
      '2024-12-23',
      '2024-12-24',
      '2024-12-26',
      '2024-12-27',
      '2024-12-30',
      '2024-12-31',
      '2025-01-02',
      '2025-01-03',
    ]);
    expect(tradingDaysBetween('2024-12-24', '2024-12-24')).to.deep.equal(['2024-12-24']);
    expect(tradingDaysBetween('2024-12-25', '2024-12-25')).to.deep.equal([]);
    expect(tradingDaysBetween('2025-01-03', '2024-12-23')).to.deep.equal([]);
  });

  it('gives the session times', () => {
    expect(marketSession('2024-11-29')).to.deep.equal({ open: '09:30', close: '13:00' });
    expect(marketSession('2024-11-27')).to.deep.equal({ open: '09:30', close: '16:00' });
    expect(marketSession('2024-11-28')).to.equal(null);
    expect(earlyClose('2024-11-28')).to.equal(null);
    // Christmas Eve and July 3 on a weekend or as the observed holiday are not early closes.
    expect(earlyClose('2021-12-24')).to.equal(null);
    expect(earlyClose('2026-07-02')).to.equal(null);
  });

  it('rejects malformed dates', () => {
    expect(() => isTradingDay('2024-02-30')).to.throw(RangeError);
    expect(() => isTradingDay('2024-2-3')).to.throw(RangeError);
    expect(isTradingDay('2024-02-29')).to.equal(true);
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(tradingDaysBetween('2024-01-01', '2024-12-31')).to.have.length(252);
      expect(nextTradingDay('2024-07-03')).to.equal('2024-07-05');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
