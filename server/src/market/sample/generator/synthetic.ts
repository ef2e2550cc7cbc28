/**
 * Synthetic companies for benchmarks at scale: SYN-numbered tickers, made-up names, and
 * parameters drawn from their sector's profile.
 */
import type { Exchange, Sector } from '../../types.ts';
import { SECTORS } from '../../types.ts';
import type { SampleCompany } from '../universe.ts';
import { rngFor } from './random.ts';
import { financialStructure, PROFILES } from './sectors.ts';
import { round2, SAMPLE_SEED } from './shared.ts';

/**
 * Share of a sector's fictional profitable companies with cyclical earnings (commodity,
 * travel and capital-goods cycles hit some sectors much more than others).
 */
// biome-ignore format: a data table, kept compact
const CYCLICAL_SHARE: Record<Sector, number> = {
  Energy: 0.6, Materials: 0.5, 'Consumer Discretionary': 0.3, Industrials: 0.25,
  'Information Technology': 0.2, 'Communication Services': 0.15, 'Health Care': 0.1,
  Financials: 0.1, 'Real Estate': 0.1, Utilities: 0.05, 'Consumer Staples': 0.05,
};

const NAME_PREFIXES = [
  'Northwind',
  'Bluecrest',
  'Silverline',
  'Redwood',
  'Ironbridge',
  'Summit',
  'Harbor',
  'Pinnacle',
  'Granite',
  'Lakeshore',
  'Evergreen',
  'Meridian',
  'Cascade',
  'Keystone',
  'Frontier',
  'Oakmont',
  'Riverbend',
  'Sterling',
  'Westfield',
  'Highland',
  'Clearwater',
  'Beacon',
  'Crescent',
  'Prairie',
  'Atlas',
  'Horizon',
  'Vantage',
  'Ridgeway',
  'Copperfield',
  'Stonegate',
  'Bayview',
  'Fairhaven',
  'Brightwater',
  'Eastgate',
  'Juniper',
  'Kingsley',
  'Larkspur',
  'Maplewood',
  'Orion',
  'Trident',
];
const NAME_SUFFIXES = ['Inc.', 'Corporation', 'Holdings, Inc.', 'Group, Inc.', 'Co.', 'plc'];

/**
 * `count` fictional companies for benchmarks: tickers SYN0001, SYN0002, ..., sectors in
 * rotation over the 11 GICS sectors, parameters drawn from sector-typical ranges
 * (market caps from ~$150M to ~$500B, some loss makers, a sector-typical share of cyclical
 * earners that may have a past loss year, sector-typical dividends).
 */
export function syntheticCompanies(count: number, seed: number | string = SAMPLE_SEED): SampleCompany[] {
  const out: SampleCompany[] = [];
  for (let i = 1; i <= count; i++) {
    const ticker = `SYN${String(i).padStart(4, '0')}`;
    const sector = SECTORS[(i - 1) % SECTORS.length];
    const profile = PROFILES[sector];
    const rng = rngFor(seed, ticker, 'profile');
    const j = Math.floor((i - 1) / SECTORS.length);
    const prefix = NAME_PREFIXES[j % NAME_PREFIXES.length];
    const noun = profile.nouns[Math.floor(j / NAME_PREFIXES.length) % profile.nouns.length];
    const name = `${prefix} ${noun} ${rng.pick(NAME_SUFFIXES)}`;
    const industry = rng.pick(profile.industries);
    const nasdaqShare = sector === 'Information Technology' || sector === 'Health Care' ? 0.65 : 0.35;
    const exchange: Exchange = rng.chance(nasdaqShare) ? 'NASDAQ' : 'NYSE';
    const marketCap = Math.min(5e11, Math.max(1.5e8, Math.exp(Math.log(5e9) + 1.3 * rng.normal())));
    const price = round2(rng.logRange([5, 400]));
    const fin = financialStructure({ sector, industry });
    const loss = rng.chance(profile.lossProb);
    const company: SampleCompany = {
      ticker,
      name,
      sector,
      industry,
      exchange,
      beta: round2(rng.range(profile.beta)),
      description: `Fictional ${industry.toLowerCase()} company generated for testing and benchmarks.`,
      marketCap,
      price,
      pe: loss ? null : round2(rng.logRange(profile.pe)),
      ps: round2(rng.logRange(profile.ps)),
      pb: round2(rng.logRange(fin?.bankLike ? [0.8, 2.2] : profile.pb)),
      dividendYield: rng.chance(profile.dividendProb) ? rng.range(profile.dividendYield) : 0,
      grossMargin: fin?.bankLike ? 1 : rng.range(profile.grossMargin),
      earnings: 'loss-making',
    };
    // Drawn last so the other parameters stay what they were before profiles existed.
    if (!loss) company.earnings = rng.chance(CYCLICAL_SHARE[sector]) ? 'cyclical' : 'steady';
    out.push(company);
  }
  return out;
}
