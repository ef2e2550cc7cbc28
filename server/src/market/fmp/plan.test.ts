import { expect } from 'chai';
import { refreshSchedule } from '../../jobs/schedule.ts';
import { nextTradingDay } from '../calendar.ts';
import { planRefresh, quoteCalls, type TickerHoldings } from './plan.ts';

/** The quote refreshes on `date` under the refresh schedule (8 on a full trading day, 5 on an early close). */
const refreshesOn = (date: string) => refreshSchedule.runsOn(date).length;
/** A full trading day (Tuesday 2026-12-01). */
const FULL_DAY = '2026-12-01';

const tickers = (n: number) => Array.from({ length: n }, (_, i) => `T${String(i).padStart(3, '0')}`);
const empty = (n: number): TickerHoldings[] =>
  tickers(n).map((ticker) => ({ ticker, hasProfile: false, statementsFetchedOn: null, barsThrough: null }));

/**
 * Run the refresh schedule day by day from nothing stored, applying each plan, with a
 * budget of `limit` calls a day. Returns calls per day until everything is loaded.
 */
function simulate(n: number, limit = 250, start = '2026-11-30') {
  const holdings = empty(n);
  const perDay: number[] = [];
  let day = start;
  for (let d = 0; d < 30; d++) {
    let used = 0;
    const runs = refreshesOn(day);
    for (let run = 0; run < runs; run++) {
      const plan = planRefresh({
        holdings,
        today: day,
        budgetRemaining: limit - used,
        quoteRefreshesLeftToday: runs - run - 1,
      });
      used += plan.calls.total;
      for (const h of holdings) {
        if (plan.profiles.includes(h.ticker)) h.hasProfile = true;
        if (plan.statements.includes(h.ticker)) h.statementsFetchedOn = day;
        if (plan.history.includes(h.ticker)) h.barsThrough = day;
      }
      // After the close the final quotes give every ticker with history today's bar.
      if (run === runs - 1) {
        for (const h of holdings) if (h.barsThrough) h.barsThrough = day;
      }
    }
    perDay.push(used);
    if (holdings.every((h) => h.hasProfile && h.statementsFetchedOn && h.barsThrough)) break;
    day = nextTradingDay(day);
  }
  return { perDay, day };
}

describe('FMP refresh plan (daily budget 250 calls)', () => {
  it('quotes come in batches of 50: 100 tickers → 2 calls, 147 → 3', () => {
    expect(quoteCalls(100)).to.equal(2);
    expect(quoteCalls(147)).to.equal(3);
  });

  it('with everything stored, a refresh is only the quote batches', () => {
    const holdings = tickers(147).map((ticker) => ({
      ticker,
      hasProfile: true,
      statementsFetchedOn: '2026-11-01',
      barsThrough: '2026-11-27',
    }));
    const plan = planRefresh({
      holdings,
      today: '2026-11-30',
      budgetRemaining: 250,
      quoteRefreshesLeftToday: 7,
    });
    expect(plan.calls).to.deep.equal({ quotes: 3, profiles: 0, statements: 0, history: 0, total: 3 });
    expect(plan.quoteBatches.map((b) => b.length)).to.deep.equal([50, 50, 47]);
    expect(plan.deferred).to.deep.equal([]);
  });

  it('fetches only what is missing or stale, and keeps the rest of the day’s quotes in reserve', () => {
    const holdings: TickerHoldings[] = [
      { ticker: 'NEW', hasProfile: false, statementsFetchedOn: null, barsThrough: null }, // 5 calls
      { ticker: 'STALE', hasProfile: true, statementsFetchedOn: '2026-08-01', barsThrough: '2026-11-27' }, // 3
      { ticker: 'GAP', hasProfile: true, statementsFetchedOn: '2026-11-01', barsThrough: '2026-11-20' }, // 1
      { ticker: 'FRESH', hasProfile: true, statementsFetchedOn: '2026-11-01', barsThrough: '2026-11-27' }, // 0
    ];
    const plan = planRefresh({
      holdings,
      today: '2026-11-30',
      budgetRemaining: 100,
      quoteRefreshesLeftToday: 7,
    });
    expect(plan.profiles).to.deep.equal(['NEW']);
    expect(plan.statements).to.deep.equal(['NEW', 'STALE']);
    expect(plan.history).to.deep.equal(['NEW', 'GAP']);
    expect(plan.calls.total).to.equal(1 + 1 + 6 + 2);

    // 1 quote call now + 7 in reserve leaves 4: NEW (5) is deferred, STALE (3) and GAP (1) fit.
    const tight = planRefresh({
      holdings,
      today: '2026-11-30',
      budgetRemaining: 12,
      quoteRefreshesLeftToday: 7,
    });
    expect(tight.deferred).to.deep.equal(['NEW']);
    expect(tight.statements).to.deep.equal(['STALE']);
    expect(tight.history).to.deep.equal(['GAP']);
    expect(tight.calls.total).to.equal(5);
  });

  it('a full trading day of quote refreshes: 16 calls for 100 tickers, 24 for 147', () => {
    expect(refreshesOn(FULL_DAY)).to.equal(8);
    expect(refreshesOn(FULL_DAY) * quoteCalls(100)).to.equal(16);
    expect(refreshesOn(FULL_DAY) * quoteCalls(147)).to.equal(24);
  });

  it('first load of 100 tickers (502 calls) spreads over 3 trading days, never above 250 a day', () => {
    const { perDay } = simulate(100);
    expect(perDay).to.have.length(3);
    for (const used of perDay) expect(used).to.be.at.most(250);
    expect(perDay.reduce((a, b) => a + b, 0)).to.equal(100 * 5 + 3 * 16);
  });

  it('first load of the 147-stock universe (738 calls) spreads over 4 trading days, never above 250 a day', () => {
    const { perDay } = simulate(147);
    expect(perDay).to.have.length(4);
    for (const used of perDay) expect(used).to.be.at.most(250);
    expect(perDay.reduce((a, b) => a + b, 0)).to.equal(147 * 5 + 4 * 24);
  });
});
