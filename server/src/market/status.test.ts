import { expect } from 'chai';
import { newYorkInstant } from './new-york.ts';
import { marketStatus, marketStatusMemo, sessionTimes } from './status.ts';

const at = (iso: string) => marketStatus(new Date(iso));

/** NYSE's published full-day closures (nyse.com, "Holidays & Trading Hours"), 2025–2027. */
const PUBLISHED_HOLIDAYS: Array<[string, string]> = [
  ['2025-01-01', "New Year's Day"],
  ['2025-01-09', 'National Day of Mourning for President Carter'],
  ['2025-01-20', 'Martin Luther King, Jr. Day'],
  ['2025-02-17', "Washington's Birthday"],
  ['2025-04-18', 'Good Friday'],
  ['2025-05-26', 'Memorial Day'],
  ['2025-06-19', 'Juneteenth National Independence Day'],
  ['2025-07-04', 'Independence Day'],
  ['2025-09-01', 'Labor Day'],
  ['2025-11-27', 'Thanksgiving Day'],
  ['2025-12-25', 'Christmas Day'],
  ['2026-01-01', "New Year's Day"],
  ['2026-01-19', 'Martin Luther King, Jr. Day'],
  ['2026-02-16', "Washington's Birthday"],
  ['2026-04-03', 'Good Friday'],
  ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth National Independence Day'],
  ['2026-07-03', 'Independence Day'], // Saturday Jul 4 observed on Friday
  ['2026-09-07', 'Labor Day'],
  ['2026-11-26', 'Thanksgiving Day'],
  ['2026-12-25', 'Christmas Day'],
  ['2027-01-01', "New Year's Day"],
  ['2027-01-18', 'Martin Luther King, Jr. Day'],
  ['2027-02-15', "Washington's Birthday"],
  ['2027-03-26', 'Good Friday'],
  ['2027-05-31', 'Memorial Day'],
  ['2027-06-18', 'Juneteenth National Independence Day'], // Saturday Jun 19 observed on Friday
  ['2027-07-05', 'Independence Day'], // Sunday Jul 4 observed on Monday
  ['2027-09-06', 'Labor Day'],
  ['2027-11-25', 'Thanksgiving Day'],
  ['2027-12-24', 'Christmas Day'], // Saturday Dec 25 observed on Friday
];

/** NYSE's published 13:00 early closes, 2025–2027 (none before a Friday-observed Jul 4 or Dec 25). */
const PUBLISHED_EARLY_CLOSES = [
  '2025-07-03',
  '2025-11-28',
  '2025-12-24',
  '2026-11-27',
  '2026-12-24',
  '2027-11-26',
];

describe('market clock (America/New_York)', () => {
  describe('published NYSE holidays 2025–2027', () => {
    for (const [date, name] of PUBLISHED_HOLIDAYS) {
      it(`${date} is closed for ${name}`, () => {
        const s = at(newYorkInstant(date, '11:00').toISOString());
        expect(s.isOpen).to.equal(false);
        expect(s.reason).to.equal('holiday');
        expect(s.holiday).to.equal(name);
        expect(s.session).to.equal(null);
        expect(s.message).to.equal(`Closed for ${name}`);
        expect(new Date(s.nextOpen).getTime()).to.be.greaterThan(new Date(s.at).getTime());
      });
    }

    it('no other weekday of 2025–2027 is closed all day', () => {
      const closed = new Set(PUBLISHED_HOLIDAYS.map(([d]) => d));
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const weekday = new Date(t).getUTCDay();
        const s = at(newYorkInstant(date, '11:00').toISOString());
        if (weekday === 0 || weekday === 6) expect(s.reason, date).to.equal('weekend');
        else expect(s.isOpen, date).to.equal(!closed.has(date));
      }
    });
  });

  describe('published early closes 2025–2027', () => {
    for (const date of PUBLISHED_EARLY_CLOSES) {
      it(`${date} closes at 13:00 ET`, () => {
        const before = at(newYorkInstant(date, '12:59').toISOString());
        expect(before.isOpen).to.equal(true);
        expect(before.session?.earlyClose).to.equal(true);
        expect(before.nextClose).to.equal(newYorkInstant(date, '13:00').toISOString());
        const after = at(newYorkInstant(date, '13:00').toISOString());
        expect(after.isOpen).to.equal(false);
        expect(after.reason).to.equal('early_close');
      });
    }

    it('no other day of 2025–2027 closes early', () => {
      const early = new Set(PUBLISHED_EARLY_CLOSES);
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const session = sessionTimes(date);
        if (session) expect(session.earlyClose, date).to.equal(early.has(date));
      }
    });

    it('the day before a Friday-observed Independence Day or Christmas trades a full day', () => {
      for (const date of ['2026-07-02', '2027-12-23']) {
        expect(sessionTimes(date)?.earlyClose, date).to.equal(false);
        expect(at(newYorkInstant(date, '15:59').toISOString()).isOpen, date).to.equal(true);
      }
    });
  });

  describe('a regular day (EDT, UTC-4)', () => {
    it('before the open: pre-market, opening and closing today', () => {
      const s = at('2026-06-10T13:29:59Z');
      expect(s).to.deep.include({ isOpen: false, reason: 'pre_market', date: '2026-06-10' });
      expect(s.nextOpen).to.equal('2026-06-10T13:30:00.000Z');
      expect(s.nextClose).to.equal('2026-06-10T20:00:00.000Z');
      expect(s.session).to.deep.equal({
        date: '2026-06-10',
        open: '2026-06-10T13:30:00.000Z',
        close: '2026-06-10T20:00:00.000Z',
        earlyClose: false,
      });
    });

    it('open from 09:30:00 up to, not including, 16:00:00', () => {
      expect(at('2026-06-10T13:30:00Z').isOpen).to.equal(true);
      const s = at('2026-06-10T19:59:59.999Z');
      expect(s.isOpen).to.equal(true);
      expect(s.reason).to.equal(null);
      expect(s.nextClose).to.equal('2026-06-10T20:00:00.000Z');
      expect(s.nextOpen).to.equal('2026-06-11T13:30:00.000Z');
      expect(at('2026-06-10T20:00:00Z').reason).to.equal('after_hours');
    });

    it('late evening UTC is still the same New York day', () => {
      const s = at('2026-06-11T03:59:00Z'); // 23:59 EDT on Jun 10
      expect(s.date).to.equal('2026-06-10');
      expect(s.reason).to.equal('after_hours');
      expect(s.nextOpen).to.equal('2026-06-11T13:30:00.000Z');
      expect(at('2026-06-11T04:00:00Z').reason).to.equal('pre_market'); // 00:00 EDT on Jun 11
    });
  });

  describe('daylight-saving changes', () => {
    it('spring forward (Sun 2026-03-08): Friday closes 21:00Z (EST), Monday opens 13:30Z (EDT)', () => {
      const friday = at('2026-03-06T20:59:00Z');
      expect(friday.isOpen).to.equal(true);
      expect(friday.nextClose).to.equal('2026-03-06T21:00:00.000Z');
      expect(friday.nextOpen).to.equal('2026-03-09T13:30:00.000Z');
      const sunday = at('2026-03-08T07:30:00Z'); // 03:30 EDT, just after the switch
      expect(sunday).to.deep.include({ isOpen: false, reason: 'weekend', date: '2026-03-08' });
      expect(sunday.message).to.equal('Closed: Sunday');
      expect(sunday.nextOpen).to.equal('2026-03-09T13:30:00.000Z');
      expect(sunday.nextClose).to.equal('2026-03-09T20:00:00.000Z');
      expect(at('2026-03-09T13:29:00Z').reason).to.equal('pre_market');
      expect(at('2026-03-09T13:30:00Z').isOpen).to.equal(true);
    });

    it('fall back (Sun 2026-11-01): Friday closes 20:00Z (EDT), Monday opens 14:30Z (EST)', () => {
      const friday = at('2026-10-30T19:00:00Z');
      expect(friday.isOpen).to.equal(true);
      expect(friday.nextClose).to.equal('2026-10-30T20:00:00.000Z');
      expect(friday.nextOpen).to.equal('2026-11-02T14:30:00.000Z');
      for (const iso of ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']) {
        // 01:30 EDT and 01:30 EST: the repeated hour
        const s = at(iso);
        expect(s.date, iso).to.equal('2026-11-01');
        expect(s.reason, iso).to.equal('weekend');
        expect(s.nextOpen, iso).to.equal('2026-11-02T14:30:00.000Z');
      }
      expect(at('2026-11-02T14:29:59Z').reason).to.equal('pre_market');
      expect(at('2026-11-02T14:30:00Z').isOpen).to.equal(true);
      expect(at('2026-11-02T21:00:00Z').reason).to.equal('after_hours');
    });
  });

  describe('next change across closures', () => {
    it('Thanksgiving 2026: the next session is the early close on Friday (13:00 EST = 18:00Z)', () => {
      const s = at('2026-11-26T17:00:00Z');
      expect(s.reason).to.equal('holiday');
      expect(s.nextOpen).to.equal('2026-11-27T14:30:00.000Z');
      expect(s.nextClose).to.equal('2026-11-27T18:00:00.000Z');
      const after = at('2026-11-27T18:30:00Z');
      expect(after.reason).to.equal('early_close');
      expect(after.message).to.equal('Closed: early close at 13:00 ET today');
      expect(after.nextOpen).to.equal('2026-11-30T14:30:00.000Z');
    });

    it("New Year's Eve 2026 after hours: next open skips the Friday holiday and the weekend", () => {
      const s = at('2026-12-31T22:00:00Z');
      expect(s.reason).to.equal('after_hours');
      expect(s.nextOpen).to.equal('2027-01-04T14:30:00.000Z');
      expect(s.nextClose).to.equal('2027-01-04T21:00:00.000Z');
    });

    it('Independence Day 2027 observed on Monday: the weekend before opens on Tuesday', () => {
      const s = at('2027-07-03T16:00:00Z');
      expect(s.reason).to.equal('weekend');
      expect(s.nextOpen).to.equal('2027-07-06T13:30:00.000Z');
    });
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      const tokyo = at('2026-03-09T13:30:00Z');
      process.env.TZ = 'America/Los_Angeles';
      const la = at('2026-03-09T13:30:00Z');
      expect(tokyo).to.deep.equal(la);
      expect(tokyo.isOpen).to.equal(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('rejects an invalid Date', () => {
    expect(() => marketStatus(new Date('nope'))).to.throw(RangeError);
  });
});

describe('marketStatusMemo', () => {
  it('answers exactly as marketStatus at every instant: across opens, closes, midnights, DST, holidays', () => {
    const memo = marketStatusMemo();
    // Every 7 minutes (and the odd second) over two stretches: the spring-forward week and
    // Thanksgiving with its early close; then backwards, as a test clock may go.
    const instants: Date[] = [];
    for (const start of ['2026-03-05T00:00:00Z', '2026-11-24T00:00:00Z']) {
      for (let m = 0; m < 7 * 24 * 60; m += 7)
        instants.push(new Date(Date.parse(start) + m * 60_000 + (m % 3)));
    }
    instants.push(new Date('2026-03-09T13:29:59.999Z'), new Date('2026-03-09T13:30:00.000Z'));
    for (const at of [...instants, ...[...instants].reverse()]) {
      expect(memo(at), at.toISOString()).to.deep.equal(marketStatus(at));
    }
  });
});
