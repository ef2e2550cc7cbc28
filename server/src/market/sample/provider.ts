/**
 * The built-in sample data as a `MarketDataProvider`: the deterministic generator's
 * market, optionally with N synthetic companies for benchmarks at scale. Its history runs
 * to the last completed NYSE session at `clock.now()` (or a fixed end date), and its
 * quotes are the market at the instant asked for: during a session a price on the way
 * from the day's open to its close (so each refresh moves), otherwise the last close. A
 * day's bar never changes once generated, so a later refresh only appends.
 */
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { addCalendarDays, lastCompletedSession, previousTradingDay } from '../calendar.ts';
import { newYorkDate, newYorkInstant } from '../new-york.ts';
import type { MarketDataProvider, ProviderQuote } from '../provider.ts';
import { sessionTimes } from '../status.ts';
import type { DailyBar } from '../types.ts';
import { sampleBars } from './generator/bars.ts';
import { sampleFinancials } from './generator/financials.ts';
import { intradayState } from './generator/intraday.ts';
import { SAMPLE_SEED } from './generator/shared.ts';
import { syntheticCompanies } from './generator/synthetic.ts';
import { SAMPLE_UNIVERSE, type SampleCompany } from './universe.ts';

/** Calendar days of history a stock new to the store gets (two years). */
const HISTORY_DAYS = 731;

export interface SampleProviderOptions {
  seed?: string;
  /** Last trading day of the history (YYYY-MM-DD), and the market stands still after its close; default: it follows `clock.now()`. */
  endDate?: string;
  clock?: Clock;
  /** Add this many synthetic companies (SYN0001...) to the universe. */
  synthetic?: number;
}

export interface SampleProvider extends MarketDataProvider {
  readonly source: 'sample';
  readonly seed: string;
  /** The end date the history runs to. */
  endDate(): string;
}

export function createSampleProvider(options: SampleProviderOptions = {}): SampleProvider {
  const seed = options.seed ?? SAMPLE_SEED;
  const clock = options.clock ?? systemClock;
  const companies = new Map<string, SampleCompany>();
  for (const c of SAMPLE_UNIVERSE) companies.set(c.ticker, c);
  if (options.synthetic)
    for (const c of syntheticCompanies(options.synthetic, seed)) companies.set(c.ticker, c);
  const company = (ticker: string) => companies.get(ticker.toUpperCase());
  let lastNow = Number.NaN;
  let lastEnd = '';
  const endDate = () => {
    if (options.endDate) return options.endDate;
    const now = clock.now().getTime();
    if (now !== lastNow) {
      lastNow = now;
      lastEnd = lastCompletedSession(new Date(now));
    }
    return lastEnd;
  };

  /** Bars from..to (clipped to the history's start and end). */
  const bars = (c: SampleCompany, from: string, to: string): DailyBar[] => {
    const last = endDate();
    const end = to < last ? to : last;
    const historyStart = addCalendarDays(end, -HISTORY_DAYS);
    const start = from > historyStart ? from : historyStart;
    if (start > end) return [];
    return sampleBars(c, { seed, startDate: start, endDate: end });
  };

  /** Where the market stands at `at`: in a session (and how far into it), or after the last close. */
  const moment = (at: Date) => {
    const day = newYorkDate(at);
    const session = sessionTimes(day);
    const open = session ? Date.parse(session.open) : 0;
    const close = session ? Date.parse(session.close) : 0;
    const live = session !== null && at.getTime() >= open && at.getTime() < close;
    const last = live ? day : lastCompletedSession(at);
    return {
      live,
      last,
      previous: previousTradingDay(last),
      fraction: live ? (at.getTime() - open) / (close - open) : 1,
      timestamp: live ? at.toISOString() : (sessionTimes(last)?.close ?? at.toISOString()),
    };
  };

  const quote = (c: SampleCompany, m: ReturnType<typeof moment>): ProviderQuote | null => {
    const [previous, bar] = sampleBars(c, { seed, startDate: m.previous, endDate: m.last });
    if (!previous || !bar) return null;
    const state = m.live
      ? intradayState(bar, c.ticker, m.fraction, seed)
      : { price: bar.close, dayHigh: bar.high, dayLow: bar.low, volume: bar.volume };
    const change = state.price - previous.close;
    return {
      ticker: c.ticker,
      price: state.price,
      change: Math.round(change * 100) / 100,
      changePct: (change / previous.close) * 100,
      open: bar.open,
      dayHigh: state.dayHigh,
      dayLow: state.dayLow,
      previousClose: previous.close,
      volume: state.volume,
      timestamp: m.timestamp,
    };
  };

  return {
    source: 'sample',
    seed,
    endDate,
    async universe() {
      return [...companies.keys()];
    },
    async quotes(tickers, asOf) {
      // With a fixed end date the market stands still after that session's close.
      const cap = options.endDate
        ? sessionTimes(lastCompletedSession(newYorkInstant(options.endDate, '20:00')))
        : null;
      const at = cap && asOf.getTime() > Date.parse(cap.close) ? new Date(cap.close) : asOf;
      const m = moment(at);
      const out: ProviderQuote[] = [];
      for (const t of tickers) {
        const c = company(t);
        const q = c ? quote(c, m) : null;
        if (q) out.push(q);
      }
      return out;
    },
    async profiles(tickers) {
      return tickers.flatMap((t) => {
        const c = company(t);
        if (!c) return [];
        const { ticker, name, sector, industry, exchange, beta, description } = c;
        return [{ ticker, name, sector, industry, exchange, beta, description }];
      });
    },
    async financials(ticker) {
      const c = company(ticker);
      return c ? sampleFinancials(c, { seed, endDate: endDate() }) : [];
    },
    async dailyBars(ticker, { from, to }) {
      const c = company(ticker);
      return c ? bars(c, from, to) : [];
    },
  };
}
