/**
 * The built-in sample data as a `MarketDataProvider`: the deterministic generator's full
 * history up to the last completed NYSE session (or a fixed end date), optionally with N
 * synthetic companies for benchmarks at scale. Same seed and end date → same data.
 */
import { deriveQuote } from '../../analysis/fundamentals.ts';
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { lastCompletedSession } from '../calendar.ts';
import type { MarketDataProvider, ProviderQuote } from '../provider.ts';
import type { StockData } from '../types.ts';
import { generateStocks, SAMPLE_SEED, syntheticCompanies } from './generator.ts';
import { SAMPLE_UNIVERSE, type SampleCompany } from './universe.ts';

export interface SampleProviderOptions {
  seed?: string;
  /** Last trading day of the history (YYYY-MM-DD); default: the last completed session at `clock.now()`. */
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
  // The whole universe is generated at once per end date (its stocks share one market and
  // sector factors); the provider's calls then read parts of it.
  let generated: { endDate: string; byTicker: Map<string, StockData> } | undefined;
  const endDate = () => options.endDate ?? lastCompletedSession(clock.now());
  const stock = (ticker: string): StockData | undefined => {
    const end = endDate();
    if (generated?.endDate !== end) {
      const data = generateStocks([...companies.values()], { seed, endDate: end });
      generated = { endDate: end, byTicker: new Map(data.map((d) => [d.profile.ticker, d])) };
    }
    return generated.byTicker.get(ticker.toUpperCase());
  };

  return {
    source: 'sample',
    seed,
    endDate,
    async universe() {
      return [...companies.keys()];
    },
    async quotes(tickers, asOf) {
      const quotes: ProviderQuote[] = [];
      for (const t of tickers) {
        const d = stock(t);
        if (!d || d.bars.length === 0) continue;
        const q = deriveQuote(d.bars);
        quotes.push({
          ticker: d.profile.ticker,
          price: q.price,
          change: q.change,
          changePct: q.changePct,
          open: q.open,
          dayHigh: q.dayHigh,
          dayLow: q.dayLow,
          previousClose: q.previousClose,
          volume: q.volume,
          timestamp: asOf.toISOString(),
        });
      }
      return quotes;
    },
    async profiles(tickers) {
      return tickers.flatMap((t) => {
        const d = stock(t);
        return d ? [d.profile] : [];
      });
    },
    async financials(ticker) {
      return stock(ticker)?.financials ?? [];
    },
    async dailyBars(ticker, { from, to }) {
      return (stock(ticker)?.bars ?? []).filter((b) => b.date >= from && b.date <= to);
    },
  };
}
