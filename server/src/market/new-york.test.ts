import { expect } from 'chai';
import { lastCompletedSession } from './calendar.ts';
import { newYorkDate, newYorkInstant, newYorkTime } from './new-york.ts';

const iso = (d: Date) => d.toISOString();

describe('New York time (America/New_York)', () => {
  it('reads an instant on the New York wall clock, in winter (EST, UTC−5) and summer (EDT, UTC−4)', () => {
    expect(newYorkTime(new Date('2026-01-15T14:30:00Z'))).to.include({
      date: '2026-01-15',
      hhmm: '09:30',
      minutes: 570,
    });
    expect(newYorkTime(new Date('2026-07-15T13:30:00Z'))).to.include({
      date: '2026-07-15',
      hhmm: '09:30',
      minutes: 570,
    });
    // Midnight in New York is 05:00Z in winter: the date changes there, not at 00:00Z.
    expect(newYorkDate(new Date('2026-01-16T04:59:59Z'))).to.equal('2026-01-15');
    expect(newYorkDate(new Date('2026-01-16T05:00:00Z'))).to.equal('2026-01-16');
  });

  describe('spring forward (Sun 2026-03-08, 02:00 EST → 03:00 EDT)', () => {
    it('the wall clock jumps from 01:59 to 03:00 at 07:00Z', () => {
      expect(newYorkTime(new Date('2026-03-08T06:59:00Z')).hhmm).to.equal('01:59');
      expect(newYorkTime(new Date('2026-03-08T07:00:00Z')).hhmm).to.equal('03:00');
    });

    it('instants on either side keep their wall times', () => {
      expect(iso(newYorkInstant('2026-03-06', '16:00'))).to.equal('2026-03-06T21:00:00.000Z');
      expect(iso(newYorkInstant('2026-03-08', '01:00'))).to.equal('2026-03-08T06:00:00.000Z');
      expect(iso(newYorkInstant('2026-03-08', '12:00'))).to.equal('2026-03-08T16:00:00.000Z');
      expect(iso(newYorkInstant('2026-03-09', '09:30'))).to.equal('2026-03-09T13:30:00.000Z');
    });

    it('the day is 23 hours long', () => {
      const hours =
        (newYorkInstant('2026-03-09', '00:00').getTime() - newYorkInstant('2026-03-08', '00:00').getTime()) /
        3_600_000;
      expect(hours).to.equal(23);
    });
  });

  describe('fall back (Sun 2026-11-01, 02:00 EDT → 01:00 EST)', () => {
    it('the wall clock reads 01:xx twice, an hour apart', () => {
      expect(newYorkTime(new Date('2026-11-01T05:30:00Z')).hhmm).to.equal('01:30');
      expect(newYorkTime(new Date('2026-11-01T06:30:00Z')).hhmm).to.equal('01:30');
      expect(newYorkTime(new Date('2026-11-01T07:00:00Z')).hhmm).to.equal('02:00');
    });

    it('instants on either side keep their wall times', () => {
      expect(iso(newYorkInstant('2026-10-30', '16:00'))).to.equal('2026-10-30T20:00:00.000Z');
      expect(iso(newYorkInstant('2026-11-01', '12:00'))).to.equal('2026-11-01T17:00:00.000Z');
      expect(iso(newYorkInstant('2026-11-02', '09:30'))).to.equal('2026-11-02T14:30:00.000Z');
    });

    it('the day is 25 hours long', () => {
      const hours =
        (newYorkInstant('2026-11-02', '00:00').getTime() - newYorkInstant('2026-11-01', '00:00').getTime()) /
        3_600_000;
      expect(hours).to.equal(25);
    });
  });

  it('adds minutes as elapsed time (a run 5 min after the close)', () => {
    expect(iso(newYorkInstant('2026-11-27', '13:00', 5))).to.equal('2026-11-27T18:05:00.000Z');
    expect(iso(newYorkInstant('2026-07-02', '16:00', 30))).to.equal('2026-07-02T20:30:00.000Z');
  });

  it('an early close (Fri 2026-11-27, 13:00): the session is complete from 13:00 New York time', () => {
    expect(lastCompletedSession(new Date('2026-11-27T17:59:00Z'))).to.equal('2026-11-25');
    expect(lastCompletedSession(new Date('2026-11-27T18:00:00Z'))).to.equal('2026-11-27');
  });

  it('lastCompletedSession across the spring-forward weekend: Monday 16:00 EDT is 20:00Z', () => {
    expect(lastCompletedSession(new Date('2026-03-09T19:59:00Z'))).to.equal('2026-03-06');
    expect(lastCompletedSession(new Date('2026-03-09T20:00:00Z'))).to.equal('2026-03-09');
  });
});
