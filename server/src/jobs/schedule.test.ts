import { expect } from 'chai';
import { newYorkDate, newYorkInstant } from '../market/new-york.ts';
import { nextRun, refreshSchedule, type Schedule, snapshotSchedule } from './schedule.ts';

const wall = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
/** "YYYY-MM-DD HH:MM" in New York. */
const ny = (d: Date) => wall.format(d).replace(', ', ' ');

/** Every run from `from` up to `to` (exclusive), found by asking for the next run after the last one: a fake clock. */
function walk(schedule: Schedule, from: string, to: string): string[] {
  const out: string[] = [];
  let t = new Date(from);
  for (;;) {
    t = nextRun(schedule, t);
    if (t >= new Date(to)) return out;
    out.push(ny(t));
  }
}

const FULL_DAY = ['09:30', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:05'];

describe('job schedules (NYSE calendar, America/New_York)', () => {
  it('refresh: open, hourly, after the close; early close on July 3; nothing on July 4 or the weekend', () => {
    const runs = walk(refreshSchedule, '2025-07-02T00:00:00Z', '2025-07-08T00:00:00Z');
    expect(runs).to.deep.equal([
      ...FULL_DAY.map((t) => `2025-07-02 ${t}`),
      ...['09:30', '10:00', '11:00', '12:00', '13:05'].map((t) => `2025-07-03 ${t}`),
      ...FULL_DAY.map((t) => `2025-07-07 ${t}`),
    ]);
  });

  it('refresh: Thanksgiving closed, the Friday after closes at 13:00', () => {
    const runs = walk(refreshSchedule, '2025-11-26T23:00:00Z', '2025-11-29T00:00:00Z');
    expect(runs).to.deep.equal(['09:30', '10:00', '11:00', '12:00', '13:05'].map((t) => `2025-11-28 ${t}`));
  });

  it('snapshot: 30 min after each close, 13:30 on an early close, none on a holiday', () => {
    const runs = walk(snapshotSchedule, '2025-12-23T00:00:00Z', '2025-12-27T00:00:00Z');
    expect(runs).to.deep.equal(['2025-12-23 16:30', '2025-12-24 13:30', '2025-12-26 16:30']);
  });

  it('an instant inside a run is not repeated: the next run is strictly later', () => {
    const open = newYorkInstant('2025-07-07', '09:30');
    expect(ny(nextRun(refreshSchedule, open))).to.equal('2025-07-07 10:00');
    expect(ny(nextRun(refreshSchedule, new Date(open.getTime() - 1)))).to.equal('2025-07-07 09:30');
  });

  it('keeps New York wall times across the DST changes', () => {
    // Before and after the March 9 and November 2, 2025 changes.
    expect(newYorkInstant('2025-03-07', '09:30').toISOString()).to.equal('2025-03-07T14:30:00.000Z');
    expect(newYorkInstant('2025-03-10', '09:30').toISOString()).to.equal('2025-03-10T13:30:00.000Z');
    expect(newYorkInstant('2025-10-31', '16:00', 5).toISOString()).to.equal('2025-10-31T20:05:00.000Z');
    expect(newYorkInstant('2025-11-03', '16:00', 5).toISOString()).to.equal('2025-11-03T21:05:00.000Z');
    expect(newYorkDate(new Date('2025-03-10T03:59:00Z'))).to.equal('2025-03-09');
    expect(newYorkDate(new Date('2025-03-10T04:00:00Z'))).to.equal('2025-03-10');
  });

  it('skips a long weekend: from Friday after the close to Tuesday after Labor Day', () => {
    expect(ny(nextRun(refreshSchedule, new Date('2025-08-29T21:00:00Z')))).to.equal('2025-09-02 09:30');
  });
});
