/**
 * Whole generated stocks (profile, daily bars and financials): the sample universe, any
 * list of companies, and the synthetic universe for benchmarks. All stocks of one call
 * share one market and one set of sector factors, so they move together.
 */
import type { CompanyProfile, StockData } from '../../types.ts';
import { SAMPLE_UNIVERSE, type SampleCompany } from '../universe.ts';
import { generateBars } from './bars.ts';
import { sampleFinancials } from './financials.ts';
import { type BarWindow, windowOf } from './market.ts';
import { type GenerateOptions, SAMPLE_SEED } from './shared.ts';
import { syntheticCompanies } from './synthetic.ts';

/** Options of `generateSampleUniverse`. */
interface SampleUniverseOptions extends GenerateOptions {
  /** Only these tickers of the sample universe (in universe order); all by default. */
  tickers?: string[];
}

function profileOf(company: SampleCompany): CompanyProfile {
  const { ticker, name, sector, industry, exchange, beta, description } = company;
  return { ticker, name, sector, industry, exchange, beta, description };
}

function generateWith(company: SampleCompany, options: GenerateOptions, w: BarWindow): StockData {
  return {
    profile: profileOf(company),
    bars: generateBars(company, w),
    financials: sampleFinancials(company, options),
  };
}

/**
 * Generates bars and five fiscal years of financials for each company, sharing one
 * market and one set of sector factors (so stocks correlate). Deterministic in the seed
 * and each company's parameters; a day's bar does not depend on the window asked for, so
 * extending `endDate` only appends bars (financials follow the end date's year).
 */
function generateStocks(companies: readonly SampleCompany[], options: GenerateOptions): StockData[] {
  const w = windowOf(options);
  return companies.map((company) => generateWith(company, options, w));
}

/** Generates one company's data; identical to its entry in `generateStocks` with the same options. */
export function generateStock(company: SampleCompany, options: GenerateOptions): StockData {
  return generateWith(company, options, windowOf(options));
}

/**
 * The built-in sample universe (`SAMPLE_UNIVERSE`), or the listed tickers of it, with
 * generated bars and financials. Throws a RangeError on a ticker not in the universe.
 */
export function generateSampleUniverse(options: SampleUniverseOptions): StockData[] {
  let companies: readonly SampleCompany[] = SAMPLE_UNIVERSE;
  if (options.tickers) {
    const wanted = new Set(options.tickers.map((t) => t.toUpperCase()));
    const known = new Set(SAMPLE_UNIVERSE.map((c) => c.ticker));
    const unknown = [...wanted].filter((t) => !known.has(t));
    if (unknown.length > 0) throw new RangeError(`Not in the sample universe: ${unknown.join(', ')}`);
    companies = SAMPLE_UNIVERSE.filter((c) => wanted.has(c.ticker));
  }
  return generateStocks(companies, options);
}

/**
 * `count` fictional stocks (see `syntheticCompanies`) with generated bars and
 * financials, for benchmarks. The companies depend on the seed only, not on `count`:
 * SYN0001 is the same whether you ask for 10 or 5,000.
 */
export function generateSyntheticUniverse(count: number, options: GenerateOptions): StockData[] {
  return generateStocks(syntheticCompanies(count, options.seed ?? SAMPLE_SEED), options);
}
