import { expect } from 'chai';
import { render } from 'preact-render-to-string';
import type { MarketStatus } from '../api/types.ts';
import { formatMarketTime, MarketClockView } from './MarketClock.tsx';

const open: MarketStatus = {
  at: '2026-03-09T15:00:00.000Z',
  date: '2026-03-09',
  time_zone: 'America/New_York',
  is_open: true,
  reason: null,
  holiday: null,
  message: 'Open',
  session: {
    date: '2026-03-09',
    open: '2026-03-09T13:30:00.000Z',
    close: '2026-03-09T20:00:00.000Z',
    early_close: false,
  },
  next_open: '2026-03-10T13:30:00.000Z',
  next_close: '2026-03-09T20:00:00.000Z',
};

const thanksgiving: MarketStatus = {
  at: '2026-11-26T17:00:00.000Z',
  date: '2026-11-26',
  time_zone: 'America/New_York',
  is_open: false,
  reason: 'holiday',
  holiday: 'Thanksgiving Day',
  message: 'Closed for Thanksgiving Day',
  session: null,
  next_open: '2026-11-27T14:30:00.000Z',
  next_close: '2026-11-27T18:00:00.000Z',
};

describe('MarketClock (server-rendered)', () => {
  it('shows an open market with today’s close in New York time (EDT after the March switch)', () => {
    const html = render(<MarketClockView status={open} now={new Date(open.at)} />);
    expect(html).to.contain('class="market-clock market-open"');
    expect(html).to.contain('Market open');
    expect(html).to.contain('closes 16:00 ET');
    expect(html).to.contain('title="Open"');
  });

  it('shows a closed market with the reason as its title and the next open with its weekday', () => {
    const html = render(<MarketClockView status={thanksgiving} now={new Date(thanksgiving.at)} />);
    expect(html).to.contain('class="market-clock market-closed"');
    expect(html).to.contain('Market closed');
    expect(html).to.contain('opens Fri 09:30 ET');
    expect(html).to.contain('title="Closed for Thanksgiving Day"');
  });

  it('renders nothing before the first answer', () => {
    expect(render(<MarketClockView status={undefined} now={new Date()} />)).to.equal('');
  });

  it('formats the next change relative to now: today, this week, later', () => {
    const now = new Date('2026-12-31T22:00:00Z'); // 17:00 EST on Thursday Dec 31
    expect(formatMarketTime('2026-12-31T23:30:00Z', now)).to.equal('18:30 ET');
    expect(formatMarketTime('2027-01-04T14:30:00Z', now)).to.equal('Mon 09:30 ET');
    expect(formatMarketTime('2027-01-11T14:30:00Z', now)).to.equal('Mon, Jan 11 09:30 ET');
  });
});
