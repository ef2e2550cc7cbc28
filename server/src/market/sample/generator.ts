/**
 * Deterministic generator of plausible (but synthetic) market data for the sample
 * universe and for large benchmark universes.
 *
 * - Randomness: sfc32 (Chris Doty-Humphrey's Small Fast Counting PRNG, from PractRand)
 *   seeded with cyrb128 (bryc's 128-bit string hash) of `seed + ticker + stream`. Each
 *   ticker has its own streams, so adding or removing a company never changes the
 *   others, and bars and financials use separate streams.
 * - Prices: geometric Brownian motion on NYSE trading days with a market factor
 *   (GARCH(1,1) volatility, shared by all stocks, loaded by beta), a sector factor
 *   shared within each sector, idiosyncratic noise and quarterly "earnings" jumps. The
 *   factors run from a fixed origin (SAMPLE_ORIGIN) and each stock's own moves are drawn
 *   per calendar year (the year's total first, then its days as a bridge), and the path
 *   is pinned so the close on SAMPLE_ANCHOR is the reference price times a seeded factor
 *   in [0.85, 1.15]. So a day's bar is the same whatever window is generated: moving the
 *   end date forward appends bars and never rewrites history.
 * - Intraday: during a session the price follows a bridge from the day's open through its
 *   high and low to its close (`intradayQuote`), so quotes move during the day and end on
 *   the day's bar.
 * - Financials: five fiscal years anchored on the company's reference valuation
 *   (market cap / P/S → revenue, market cap / P/E → net income, market cap / P/B →
 *   equity) and walked back with seeded growth and margin noise; balance sheets add up.
 *   Only companies the universe marks as cyclical get a past loss year; steady earners
 *   are profitable in every year (see `EarningsProfile`).
 */
import { addCalendarDays, tradingDaysBetween } from '../calendar.ts';
import type { AnnualFinancials, CompanyProfile, DailyBar, Exchange, Sector, StockData } from '../types.ts';
import { SECTORS } from '../types.ts';
import { type EarningsProfile, SAMPLE_UNIVERSE, type SampleCompany } from './universe.ts';

/** The default seed of the built-in sample data. */
export const SAMPLE_SEED = 'vibeapp';

/** The label the app shows next to anything computed from generated data. */
export const SAMPLE_DATA_LABEL = 'Sample data';

/** Options shared by all generators. */
export interface GenerateOptions {
  /** Any number or string; defaults to `SAMPLE_SEED`. */
  seed?: number | string;
  /** Last calendar date of the bar history (ISO); the last bar is the last trading day ≤ endDate. */
  endDate: string;
  /** Years of daily bars back from endDate (integer, 1-30); default 2. */
  years?: number;
  /** First calendar date of the bars instead of `years` back (any window gives the same bar for a day). */
  startDate?: string;
}

/** Options of `generateSampleUniverse`. */
export interface SampleUniverseOptions extends GenerateOptions {
  /** Only these tickers of the sample universe (in universe order); all by default. */
  tickers?: string[];
}

// ---------------------------------------------------------------------------------
// PRNG

/** cyrb128 by bryc: a fast 128-bit non-cryptographic string hash, as four 32-bit seeds. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Small Fast Counting, 32-bit) with uniform, normal and range helpers. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  constructor(key: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(key);
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  range([lo, hi]: readonly [number, number]): number {
    return lo + (hi - lo) * this.next();
  }

  logRange([lo, hi]: readonly [number, number]): number {
    return lo * (hi / lo) ** this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Standard normal (Box-Muller, both values used). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

function rngFor(seed: number | string, ...parts: string[]): Rng {
  return new Rng([String(seed), ...parts].join('\u241f'));
}

// ---------------------------------------------------------------------------------
// Sector and industry parameters

type Range = readonly [number, number];

interface SectorProfile {
  /** Typical total annual volatility of a stock. */
  vol: number;
  /** Annual volatility of the shared sector factor. */
  factorVol: number;
  /** Range of a company's mean annual revenue growth. */
  growth: Range;
  /** Year-to-year standard deviation of revenue growth. */
  growthVol: number;
  /** Total assets / equity. */
  leverage: Range;
  debtToEquity: Range;
  /** Cap on total debt / revenue (keeps interest plausible for asset-light companies). */
  maxDebtToRevenue: number;
  /** Current assets / total assets. */
  currentShare: Range;
  currentRatio: Range;
  /** Net PP&E / total assets. */
  ppeShare: Range;
  /** D&A / revenue. */
  daToRevenue: Range;
  /** Capex / D&A. */
  capexToDa: Range;
  taxRate: number;
  // Draws for synthetic companies:
  beta: Range;
  pe: Range;
  ps: Range;
  pb: Range;
  grossMargin: Range;
  dividendProb: number;
  dividendYield: Range;
  lossProb: number;
  industries: readonly string[];
  nouns: readonly string[];
}

// biome-ignore format: a data table, kept compact
const PROFILES: Record<Sector, SectorProfile> = {
  'Communication Services': {
    vol: 0.28, factorVol: 0.11, growth: [-0.02, 0.1], growthVol: 0.08,
    leverage: [1.8, 3], debtToEquity: [0.3, 1.4], maxDebtToRevenue: 3, currentShare: [0.15, 0.35], currentRatio: [0.8, 2],
    ppeShare: [0.15, 0.4], daToRevenue: [0.05, 0.15], capexToDa: [1, 1.4], taxRate: 0.21,
    beta: [0.5, 1.3], pe: [10, 35], ps: [1, 6], pb: [1.2, 6], grossMargin: [0.35, 0.75],
    dividendProb: 0.5, dividendYield: [0.01, 0.05], lossProb: 0.12,
    industries: ['Interactive Media & Services', 'Movies & Entertainment', 'Cable & Satellite',
      'Integrated Telecommunication Services', 'Wireless Telecommunication Services', 'Advertising',
      'Interactive Home Entertainment', 'Publishing', 'Broadcasting'],
    nouns: ['Media', 'Networks', 'Broadcasting', 'Telecom', 'Interactive', 'Studios', 'Communications',
      'Publishing', 'Entertainment', 'Wireless', 'Digital', 'Signal'],
  },
  'Consumer Discretionary': {
    vol: 0.32, factorVol: 0.12, growth: [-0.02, 0.12], growthVol: 0.1,
    leverage: [2, 3.5], debtToEquity: [0.3, 1.6], maxDebtToRevenue: 1.5, currentShare: [0.3, 0.55], currentRatio: [0.9, 2],
    ppeShare: [0.15, 0.4], daToRevenue: [0.02, 0.05], capexToDa: [1, 1.6], taxRate: 0.23,
    beta: [0.9, 1.6], pe: [10, 35], ps: [0.4, 3], pb: [1.5, 10], grossMargin: [0.2, 0.55],
    dividendProb: 0.5, dividendYield: [0.008, 0.035], lossProb: 0.1,
    industries: ['Restaurants', 'Apparel Retail', 'Home Improvement Retail', 'Automobile Manufacturers',
      'Automotive Parts & Equipment', 'Hotels, Resorts & Cruise Lines', 'Homebuilding', 'Footwear',
      'Leisure Products', 'Broadline Retail', 'Casinos & Gaming'],
    nouns: ['Brands', 'Motors', 'Outfitters', 'Resorts', 'Homes', 'Apparel', 'Retail', 'Leisure',
      'Kitchens', 'Travel', 'Automotive', 'Stores'],
  },
  'Consumer Staples': {
    vol: 0.18, factorVol: 0.08, growth: [0, 0.06], growthVol: 0.04,
    leverage: [2.2, 3.5], debtToEquity: [0.5, 1.5], maxDebtToRevenue: 1.5, currentShare: [0.2, 0.45], currentRatio: [0.7, 1.4],
    ppeShare: [0.15, 0.35], daToRevenue: [0.02, 0.045], capexToDa: [1, 1.4], taxRate: 0.23,
    beta: [0.3, 0.8], pe: [12, 28], ps: [0.3, 4], pb: [2, 8], grossMargin: [0.2, 0.6],
    dividendProb: 0.8, dividendYield: [0.015, 0.045], lossProb: 0.04,
    industries: ['Packaged Foods & Meats', 'Household Products', 'Soft Drinks & Non-alcoholic Beverages',
      'Food Retail', 'Personal Care Products', 'Brewers', 'Agricultural Products & Services',
      'Food Distributors'],
    nouns: ['Foods', 'Farms', 'Beverages', 'Household', 'Grocers', 'Dairy', 'Provisions', 'Bakeries',
      'Brewing', 'Harvest', 'Pantry', 'Care'],
  },
  Energy: {
    vol: 0.3, factorVol: 0.18, growth: [-0.04, 0.06], growthVol: 0.18,
    leverage: [1.8, 2.6], debtToEquity: [0.2, 0.7], maxDebtToRevenue: 2, currentShare: [0.12, 0.3], currentRatio: [1, 1.8],
    ppeShare: [0.5, 0.75], daToRevenue: [0.06, 0.12], capexToDa: [1, 1.5], taxRate: 0.23,
    beta: [0.7, 1.3], pe: [7, 18], ps: [0.4, 3], pb: [1, 2.8], grossMargin: [0.15, 0.5],
    dividendProb: 0.85, dividendYield: [0.02, 0.055], lossProb: 0.08,
    industries: ['Oil & Gas Exploration & Production', 'Integrated Oil & Gas', 'Oil & Gas Refining & Marketing',
      'Oil & Gas Storage & Transportation', 'Oil & Gas Equipment & Services', 'Oil & Gas Drilling',
      'Coal & Consumable Fuels'],
    nouns: ['Petroleum', 'Energy', 'Resources', 'Midstream', 'Oilfield', 'Pipeline', 'Drilling',
      'Exploration', 'Refining', 'Gas', 'Hydrocarbons', 'Basin'],
  },
  Financials: {
    vol: 0.24, factorVol: 0.12, growth: [0, 0.08], growthVol: 0.07,
    leverage: [2.2, 3.5], debtToEquity: [0.5, 1.2], maxDebtToRevenue: 2, currentShare: [0.3, 0.5], currentRatio: [1, 1.6],
    ppeShare: [0.01, 0.05], daToRevenue: [0.01, 0.04], capexToDa: [0.8, 1.2], taxRate: 0.21,
    beta: [0.8, 1.4], pe: [9, 18], ps: [1.5, 5], pb: [0.8, 2.5], grossMargin: [0.45, 0.8],
    dividendProb: 0.8, dividendYield: [0.01, 0.04], lossProb: 0.04,
    industries: ['Regional Banks', 'Diversified Banks', 'Property & Casualty Insurance',
      'Life & Health Insurance', 'Asset Management & Custody Banks', 'Investment Banking & Brokerage',
      'Consumer Finance', 'Transaction & Payment Processing Services', 'Financial Exchanges & Data'],
    nouns: ['Bancorp', 'Financial', 'Capital', 'Insurance', 'Trust', 'Savings', 'Assurance', 'Payments',
      'Credit', 'Investors', 'Holdings', 'Lending'],
  },
  'Health Care': {
    vol: 0.25, factorVol: 0.1, growth: [0, 0.12], growthVol: 0.08,
    leverage: [1.8, 3], debtToEquity: [0.3, 1.2], maxDebtToRevenue: 1.5, currentShare: [0.25, 0.45], currentRatio: [1.1, 2.5],
    ppeShare: [0.08, 0.2], daToRevenue: [0.03, 0.08], capexToDa: [0.8, 1.3], taxRate: 0.16,
    beta: [0.4, 1.1], pe: [14, 35], ps: [1, 7], pb: [2, 8], grossMargin: [0.35, 0.8],
    dividendProb: 0.5, dividendYield: [0.01, 0.035], lossProb: 0.15,
    industries: ['Pharmaceuticals', 'Biotechnology', 'Health Care Equipment', 'Health Care Supplies',
      'Life Sciences Tools & Services', 'Managed Health Care', 'Health Care Services', 'Health Care Facilities',
      'Health Care Distributors'],
    nouns: ['Therapeutics', 'Biosciences', 'Medical', 'Pharma', 'Diagnostics', 'Health', 'Genomics',
      'Surgical', 'Biologics', 'Clinical', 'Labs', 'Care'],
  },
  Industrials: {
    vol: 0.25, factorVol: 0.11, growth: [0, 0.08], growthVol: 0.07,
    leverage: [2.2, 3.5], debtToEquity: [0.4, 1.3], maxDebtToRevenue: 1.5, currentShare: [0.3, 0.5], currentRatio: [1, 1.9],
    ppeShare: [0.12, 0.35], daToRevenue: [0.025, 0.05], capexToDa: [1, 1.5], taxRate: 0.22,
    beta: [0.8, 1.3], pe: [14, 32], ps: [0.7, 4], pb: [2, 8], grossMargin: [0.2, 0.45],
    dividendProb: 0.7, dividendYield: [0.008, 0.03], lossProb: 0.06,
    industries: ['Aerospace & Defense', 'Industrial Machinery & Supplies & Components', 'Building Products',
      'Electrical Components & Equipment', 'Rail Transportation', 'Air Freight & Logistics',
      'Construction & Engineering', 'Environmental & Facilities Services', 'Trucking',
      'Research & Consulting Services'],
    nouns: ['Industries', 'Aerospace', 'Machinery', 'Logistics', 'Engineering', 'Systems', 'Rail',
      'Controls', 'Freight', 'Electric', 'Building', 'Works'],
  },
  'Information Technology': {
    vol: 0.3, factorVol: 0.12, growth: [0, 0.15], growthVol: 0.1,
    leverage: [1.6, 2.6], debtToEquity: [0.1, 0.8], maxDebtToRevenue: 1.5, currentShare: [0.3, 0.55], currentRatio: [1.2, 3],
    ppeShare: [0.06, 0.2], daToRevenue: [0.03, 0.07], capexToDa: [0.9, 1.5], taxRate: 0.17,
    beta: [0.9, 1.6], pe: [15, 45], ps: [2, 10], pb: [3, 12], grossMargin: [0.4, 0.8],
    dividendProb: 0.4, dividendYield: [0.003, 0.025], lossProb: 0.12,
    industries: ['Application Software', 'Systems Software', 'Semiconductors', 'Semiconductor Materials & Equipment',
      'Communications Equipment', 'Technology Hardware, Storage & Peripherals', 'IT Consulting & Other Services',
      'Electronic Components', 'Internet Services & Infrastructure'],
    nouns: ['Software', 'Semiconductor', 'Systems', 'Networks', 'Data', 'Micro', 'Cloud', 'Logic',
      'Devices', 'Analytics', 'Computing', 'Silicon'],
  },
  Materials: {
    vol: 0.27, factorVol: 0.13, growth: [-0.03, 0.07], growthVol: 0.12,
    leverage: [1.8, 2.6], debtToEquity: [0.3, 0.8], maxDebtToRevenue: 2, currentShare: [0.2, 0.4], currentRatio: [1.2, 2.4],
    ppeShare: [0.35, 0.55], daToRevenue: [0.05, 0.09], capexToDa: [1, 1.5], taxRate: 0.22,
    beta: [0.8, 1.3], pe: [10, 28], ps: [0.7, 4], pb: [1.2, 4], grossMargin: [0.15, 0.45],
    dividendProb: 0.75, dividendYield: [0.01, 0.04], lossProb: 0.08,
    industries: ['Specialty Chemicals', 'Commodity Chemicals', 'Industrial Gases', 'Steel', 'Copper', 'Gold',
      'Construction Materials', 'Paper & Plastic Packaging Products & Materials',
      'Fertilizers & Agricultural Chemicals', 'Aluminum'],
    nouns: ['Chemicals', 'Minerals', 'Metals', 'Materials', 'Steel', 'Mining', 'Packaging', 'Polymers',
      'Aggregates', 'Alloys', 'Coatings', 'Gold'],
  },
  'Real Estate': {
    vol: 0.24, factorVol: 0.12, growth: [0, 0.08], growthVol: 0.06,
    leverage: [1.8, 2.6], debtToEquity: [0.6, 1.3], maxDebtToRevenue: 6, currentShare: [0.03, 0.08], currentRatio: [0.5, 1.5],
    ppeShare: [0.7, 0.85], daToRevenue: [0.25, 0.4], capexToDa: [1, 1.6], taxRate: 0.03,
    beta: [0.7, 1.2], pe: [20, 60], ps: [5, 14], pb: [1, 3.5], grossMargin: [0.55, 0.8],
    dividendProb: 0.92, dividendYield: [0.025, 0.06], lossProb: 0.06,
    industries: ['Industrial REITs', 'Retail REITs', 'Multi-Family Residential REITs', 'Office REITs',
      'Health Care REITs', 'Self-Storage REITs', 'Data Center REITs', 'Real Estate Services',
      'Telecom Tower REITs'],
    nouns: ['Realty', 'Properties', 'Residential', 'Storage', 'Towers', 'Land', 'Estates', 'Communities',
      'Centers', 'Trust', 'Industrial', 'Office'],
  },
  Utilities: {
    vol: 0.18, factorVol: 0.09, growth: [0.01, 0.06], growthVol: 0.05,
    leverage: [3, 4], debtToEquity: [1.2, 2], maxDebtToRevenue: 5, currentShare: [0.05, 0.1], currentRatio: [0.5, 1],
    ppeShare: [0.65, 0.78], daToRevenue: [0.12, 0.2], capexToDa: [1.6, 2.4], taxRate: 0.12,
    beta: [0.3, 0.7], pe: [14, 24], ps: [1.8, 4.5], pb: [1.3, 2.6], grossMargin: [0.45, 0.65],
    dividendProb: 0.95, dividendYield: [0.025, 0.05], lossProb: 0.03,
    industries: ['Electric Utilities', 'Multi-Utilities', 'Gas Utilities', 'Water Utilities',
      'Independent Power Producers & Energy Traders', 'Renewable Electricity'],
    nouns: ['Power', 'Electric', 'Utilities', 'Water', 'Gas & Electric', 'Energy', 'Light', 'Grid',
      'Renewables', 'Hydro', 'Edison', 'Public Service'],
  },
};

/** Balance-sheet style of a financial company, by industry. */
interface FinancialStructure {
  /** Bank-like: revenue is net revenue, gross profit = revenue, operating income = pre-tax income. */
  bankLike: boolean;
  leverage: Range;
  debtToEquity: Range;
  currentShare: Range;
  /** For bank-like companies: current liabilities (deposits, payables) / non-debt liabilities. */
  depositShare: Range;
}

// biome-ignore format: a data table, kept compact
const FINANCIAL_STRUCTURES: readonly [RegExp, FinancialStructure][] = [
  [/(Diversified|Regional) Banks/, { bankLike: true, leverage: [9, 12], debtToEquity: [0.8, 1.8], currentShare: [0.15, 0.3], depositShare: [0.75, 0.9] }],
  [/Brokerage/, { bankLike: true, leverage: [9, 12.5], debtToEquity: [1, 2.4], currentShare: [0.4, 0.6], depositShare: [0.6, 0.8] }],
  [/Consumer Finance/, { bankLike: true, leverage: [7, 9], debtToEquity: [0.8, 2], currentShare: [0.15, 0.3], depositShare: [0.7, 0.85] }],
  [/Insurance|Reinsurance/, { bankLike: true, leverage: [3.5, 7], debtToEquity: [0.15, 0.4], currentShare: [0.1, 0.2], depositShare: [0.2, 0.35] }],
  [/Multi-Sector Holdings/, { bankLike: true, leverage: [1.7, 2], debtToEquity: [0.1, 0.25], currentShare: [0.2, 0.35], depositShare: [0.25, 0.4] }],
];

/** The balance-sheet style of a Financials company (null for other sectors). */
function financialStructure(company: Pick<SampleCompany, 'sector' | 'industry'>): FinancialStructure | null {
  if (company.sector !== 'Financials') return null;
  const match = FINANCIAL_STRUCTURES.find(([pattern]) => pattern.test(company.industry));
  if (match) return match[1];
  const p = PROFILES.Financials;
  return {
    bankLike: false,
    leverage: p.leverage,
    debtToEquity: p.debtToEquity,
    currentShare: p.currentShare,
    depositShare: [0, 0],
  };
}

// ---------------------------------------------------------------------------------
// Market context (dates and shared factors)

const TRADING_DAYS_PER_YEAR = 252;
const MARKET_VOL = 0.16;
const MARKET_DRIFT = 0.07;

/**
 * The first trading day of the shared factor series. Every path is a function of the
 * trading day's index from here, so a day's bar never depends on the window asked for.
 */
export const SAMPLE_ORIGIN = '1980-01-02';
/** The date of the universe's reference prices: a stock's close that day is its seeded target. */
export const SAMPLE_ANCHOR = '2025-12-31';

interface MarketContext {
  seed: number | string;
  /** Every trading day from SAMPLE_ORIGIN to the end of the last year covered. */
  dates: string[];
  /** Cumulative log return of the market factor through each day (GARCH(1,1) volatility). */
  market: Float64Array;
  /** Cumulative log shock of each sector factor through each day. */
  sectors: Map<Sector, Float64Array>;
  /** Index of the first trading day of each month, keyed year × 12 + month (0-11). */
  monthStart: Map<number, number>;
  /** Each day's month key (year × 12 + month). */
  monthOfDay: Int32Array;
  /** Index of the last trading day on or before SAMPLE_ANCHOR. */
  anchor: number;
}

function startDate(endDate: string, years: number): string {
  const y = Number(endDate.slice(0, 4)) - years;
  const md = endDate.slice(5);
  const shifted = md === '02-29' ? `${y}-02-28` : `${String(y).padStart(4, '0')}-${md}`;
  return addCalendarDays(shifted, 1);
}

const contexts = new Map<string, MarketContext>();

/**
 * The shared factors from SAMPLE_ORIGIN through 31 December of `lastYear` (or later: a
 * longer series has the same prefix, so one cached context serves every shorter end).
 */
function marketContext(seed: number | string, lastYear: number): MarketContext {
  const key = String(seed);
  const cached = contexts.get(key);
  if (cached?.monthStart.has((lastYear + 1) * 12)) return cached;
  // Two years of margin, so a refresh every day does not rebuild it.
  const dates = tradingDaysBetween(SAMPLE_ORIGIN, `${lastYear + 2}-12-31`);
  const n = dates.length;
  const dt = 1 / TRADING_DAYS_PER_YEAR;

  const rng = rngFor(seed, 'market');
  const market = new Float64Array(n);
  const longRunVar = MARKET_VOL ** 2 * dt;
  const alpha = 0.08;
  const beta = 0.9;
  const omega = longRunVar * (1 - alpha - beta);
  let variance = longRunVar * rng.uniform(0.6, 1.6);
  let shock = 0;
  let cum = 0;
  for (let t = 0; t < n; t++) {
    variance = omega + alpha * shock * shock + beta * variance;
    shock = Math.sqrt(variance) * rng.normal();
    cum += (MARKET_DRIFT - 0.5 * MARKET_VOL ** 2) * dt + shock;
    market[t] = cum;
  }

  const sectors = new Map<Sector, Float64Array>();
  for (const sector of SECTORS) {
    const srng = rngFor(seed, 'sector', sector);
    const sd = PROFILES[sector].factorVol * Math.sqrt(dt);
    const series = new Float64Array(n);
    let s = 0;
    for (let t = 0; t < n; t++) {
      s += sd * srng.normal() - 0.5 * sd * sd;
      series[t] = s;
    }
    sectors.set(sector, series);
  }

  const monthStart = new Map<number, number>();
  const monthOfDay = new Int32Array(n);
  let anchor = 0;
  for (let t = 0; t < n; t++) {
    const key = Number(dates[t].slice(0, 4)) * 12 + Number(dates[t].slice(5, 7)) - 1;
    monthOfDay[t] = key;
    if (!monthStart.has(key)) monthStart.set(key, t);
    if (dates[t] <= SAMPLE_ANCHOR) anchor = t;
  }
  monthStart.set((lastYear + 3) * 12, n);
  const context = { seed, dates, market, sectors, monthStart, monthOfDay, anchor };
  contexts.set(key, context);
  return context;
}

/** Index of the first date greater than `date` (dates sorted ascending). */
function upperBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bar window of the options: [first, last] indices into the context's dates. */
function windowOf(options: GenerateOptions): { ctx: MarketContext; first: number; last: number } {
  const years = options.years ?? 2;
  if (!Number.isInteger(years) || years < 1 || years > 30) {
    throw new RangeError(`years must be an integer from 1 to 30, got ${years}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.endDate) || Number.isNaN(Date.parse(options.endDate))) {
    throw new RangeError(`endDate must be YYYY-MM-DD, got ${options.endDate}`);
  }
  const from = options.startDate ?? startDate(options.endDate, years);
  const seed = options.seed ?? SAMPLE_SEED;
  const ctx = marketContext(
    seed,
    Math.max(Number(options.endDate.slice(0, 4)), Number(SAMPLE_ANCHOR.slice(0, 4))),
  );
  const first = upperBound(ctx.dates, addCalendarDays(from, -1));
  if (first === 0) throw new RangeError(`sample history starts after ${SAMPLE_ORIGIN}, asked from ${from}`);
  return { ctx, first, last: upperBound(ctx.dates, options.endDate) - 1 };
}

// ---------------------------------------------------------------------------------
// Bars

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A company's price-path parameters (drawn from its own stream, independent of any window). */
interface PathParams {
  idioSd: number;
  dailySd: number;
  drift: number;
  earningsPhase: number;
  target: number;
  baseVolume: number;
}

function pathParams(company: SampleCompany, seed: number | string): PathParams {
  const rng = rngFor(seed, company.ticker, 'bars');
  const profile = PROFILES[company.sector];
  const dt = 1 / TRADING_DAYS_PER_YEAR;
  // Volatility: sector-typical total volatility, higher for small caps; the idiosyncratic
  // part is what remains after the market (beta) and sector factors, with a floor.
  const sizeFactor = Math.min(1.4, Math.max(0.9, (5e10 / company.marketCap) ** 0.07));
  const totalVol = profile.vol * rng.uniform(0.85, 1.2) * sizeFactor;
  const systematicVar = (company.beta * MARKET_VOL) ** 2 + profile.factorVol ** 2;
  const idioVol = Math.sqrt(Math.max(totalVol ** 2 - systematicVar, 0.1 ** 2));
  const drift = (rng.uniform(-0.04, 0.06) - 0.5 * idioVol ** 2) * dt;
  const earningsPhase = rng.int(63);
  const target = company.price * rng.uniform(0.85, 1.15);
  const turnover = rng.logRange([0.003, 0.012]);
  return {
    idioSd: idioVol * Math.sqrt(dt),
    dailySd: Math.sqrt(systematicVar + idioVol ** 2) * Math.sqrt(dt),
    drift,
    earningsPhase,
    target,
    baseVolume: (company.marketCap / company.price) * turnover,
  };
}

/** Variance weight of a day's idiosyncratic move: earnings days (every 63rd) carry a jump. */
const EARNINGS_JUMP = 2.5;
const isEarnings = (t: number, phase: number) => t % 63 === phase;

/**
 * A company's idiosyncratic path, drawn top-down so any day is cheap to reach: each
 * calendar year's total from the (ticker, year) stream, then that year's months as a
 * Gaussian bridge to the total, then each month's days (from the (ticker, month) stream)
 * as a bridge to the month's total. The level at a day needs only the totals of the years
 * since the anchor, and a day's move never depends on the window asked for.
 */
class IdioPath {
  private readonly years = new Map<number, { total: number; rng: Rng; months?: Float64Array }>();
  private readonly months = new Map<number, { cum: Float64Array; rng: Rng; extras?: Float64Array }>();

  constructor(
    private readonly ctx: MarketContext,
    private readonly seed: number | string,
    private readonly ticker: string,
    private readonly p: PathParams,
  ) {}

  /** Variance of the idiosyncratic moves over days [a, b): earnings days (every 63rd) carry a jump. */
  private variance(a: number, b: number): number {
    const phase = this.p.earningsPhase;
    // Earnings days before b, minus those before a (no closure here: this runs per day).
    const upToB = b <= phase ? 0 : Math.floor((b - phase - 1) / 63) + 1;
    const upToA = a <= phase ? 0 : Math.floor((a - phase - 1) / 63) + 1;
    return this.p.idioSd ** 2 * (b - a + EARNINGS_JUMP ** 2 * (upToB - upToA));
  }

  private yearOf(year: number) {
    let y = this.years.get(year);
    if (!y) {
      const rng = rngFor(this.seed, this.ticker, 'bars', String(year));
      const a = this.ctx.monthStart.get(year * 12) as number;
      const b = this.ctx.monthStart.get(year * 12 + 12) as number;
      y = { total: Math.sqrt(this.variance(a, b)) * rng.normal(), rng };
      this.years.set(year, y);
    }
    return y;
  }

  /** Cumulative month totals of the year: months[j] is the move before month j (months[12] = the year's). */
  private monthsOf(year: number): Float64Array {
    const y = this.yearOf(year);
    if (!y.months) {
      const v = new Float64Array(12);
      const x = new Float64Array(12);
      let sum = 0;
      let total = 0;
      for (let j = 0; j < 12; j++) {
        const a = this.ctx.monthStart.get(year * 12 + j) as number;
        const b = this.ctx.monthStart.get(year * 12 + j + 1) as number;
        v[j] = this.variance(a, b);
        x[j] = Math.sqrt(v[j]) * y.rng.normal();
        sum += x[j];
        total += v[j];
      }
      y.months = new Float64Array(13);
      for (let j = 0; j < 12; j++) y.months[j + 1] = y.months[j] + x[j] - (v[j] / total) * (sum - y.total);
    }
    return y.months;
  }

  /** Cumulative moves within a month (cum[k] through its k-th trading day) and its stream. */
  private monthOf(key: number) {
    let m = this.months.get(key);
    if (!m) {
      const year = Math.floor(key / 12);
      const months = this.monthsOf(year);
      const target = months[(key % 12) + 1] - months[key % 12];
      const a = this.ctx.monthStart.get(key) as number;
      const b = this.ctx.monthStart.get(key + 1) as number;
      const rng = rngFor(this.seed, this.ticker, 'bars', String(year), String(key % 12));
      const x = new Float64Array(b - a);
      let sum = 0;
      for (let t = a; t < b; t++) {
        x[t - a] = Math.sqrt(this.variance(t, t + 1)) * rng.normal();
        sum += x[t - a];
      }
      const total = this.variance(a, b);
      const cum = new Float64Array(b - a);
      let c = 0;
      for (let t = a; t < b; t++) {
        c += x[t - a] - (this.variance(t, t + 1) / total) * (sum - target);
        cum[t - a] = c;
      }
      m = { cum, rng };
      this.months.set(key, m);
    }
    return m;
  }

  private monthKey(t: number): number {
    return this.ctx.monthOfDay[t];
  }

  /**
   * Day t's four other normal draws (gap, high, low, volume): drawn for its whole month
   * at once, after the path, so a day's draws do not depend on which days are asked for.
   */
  extras(t: number): Float64Array {
    const key = this.monthKey(t);
    const m = this.monthOf(key);
    if (!m.extras) {
      m.extras = new Float64Array(4 * m.cum.length);
      for (let i = 0; i < m.extras.length; i++) m.extras[i] = m.rng.normal();
    }
    const k = 4 * (t - (this.ctx.monthStart.get(key) as number));
    return m.extras.subarray(k, k + 4);
  }

  /** Cumulative idiosyncratic move through day t, relative to the start of the anchor year. */
  at(t: number): number {
    const key = this.monthKey(t);
    const year = Math.floor(key / 12);
    const anchorYear = Number(SAMPLE_ANCHOR.slice(0, 4));
    let before = 0;
    for (let y = anchorYear; y < year; y++) before += this.yearOf(y).total;
    for (let y = year; y < anchorYear; y++) before -= this.yearOf(y).total;
    const m = this.monthOf(key);
    return before + this.monthsOf(year)[key % 12] + m.cum[t - (this.ctx.monthStart.get(key) as number)];
  }
}

/**
 * Bars for trading-day indices first..last. Log-price path: drift, the market factor
 * loaded by beta, the sector factor and the idiosyncratic path (with quarterly earnings
 * jumps), pinned so the close on the anchor day is the company's target.
 */
function generateBars(
  company: SampleCompany,
  seed: number | string,
  ctx: MarketContext,
  first: number,
  last: number,
): DailyBar[] {
  if (last < first) return [];
  const p = pathParams(company, seed);
  const idio = new IdioPath(ctx, seed, company.ticker, p);
  const sector = ctx.sectors.get(company.sector) as Float64Array;
  const a = ctx.anchor;
  const base = Math.log(p.target) - company.beta * ctx.market[a] - sector[a] - idio.at(a) - p.drift * a;
  const logClose = (t: number) => base + p.drift * t + company.beta * ctx.market[t] + sector[t] + idio.at(t);
  const closeAt = (t: number) => Math.max(0.01, round2(Math.exp(logClose(t))));

  const bars: DailyBar[] = [];
  let previousLog = logClose(first - 1);
  let previousClose = closeAt(first - 1);
  for (let t = first; t <= last; t++) {
    const lc = logClose(t);
    const r = lc - previousLog;
    const close = Math.max(0.01, round2(Math.exp(lc)));
    const [zGap, zHigh, zLow, zVolume] = idio.extras(t);
    const earnings = isEarnings(t, p.earningsPhase);
    // Part of the day's move happens overnight (most of it on earnings days).
    const gap = (earnings ? 0.8 : 0.3) * r + 0.25 * p.dailySd * zGap;
    const open = Math.max(0.01, round2(previousClose * Math.exp(gap)));
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    const high = Math.max(top, round2(top * Math.exp(Math.abs(zHigh) * 0.5 * p.dailySd)));
    const low = Math.max(
      0.01,
      Math.min(bottom, round2(bottom * Math.exp(-Math.abs(zLow) * 0.5 * p.dailySd))),
    );
    const activity = (0.6 + 0.4 * Math.abs(r / p.dailySd)) * (earnings ? 2.5 : 1);
    const volume = Math.max(100, Math.round(p.baseVolume * activity * Math.exp(0.3 * zVolume - 0.045)));
    bars.push({ date: ctx.dates[t], open, high, low, close, volume });
    previousLog = lc;
    previousClose = close;
  }
  return bars;
}

// ---------------------------------------------------------------------------------
// Intraday

/** Steps of the intraday path (one a minute of a full session). */
const INTRADAY_STEPS = 390;

/** A stock's state `fraction` of the way through a session whose daily bar is `bar`. */
export interface IntradayState {
  price: number;
  /** High and low so far. */
  dayHigh: number;
  dayLow: number;
  /** Shares traded so far. */
  volume: number;
}

/**
 * Where a stock trades `fraction` (0..1) of the way through the session of `bar`: a
 * seeded path from the open through the day's high and low (at seeded times) to the
 * close, each leg a Brownian bridge kept inside the day's range, and the volume so far
 * on a U-shaped intraday profile. At fraction 1 it is the bar itself; the same seed,
 * ticker, bar and fraction always give the same state.
 */
export function intradayState(
  bar: DailyBar,
  ticker: string,
  fraction: number,
  seed: number | string = SAMPLE_SEED,
): IntradayState {
  const f = Math.min(1, Math.max(0, fraction));
  const m = INTRADAY_STEPS;
  const rng = rngFor(seed, ticker, 'intraday', bar.date);
  const tHigh = 1 + rng.int(m - 1);
  let tLow = 1 + rng.int(m - 2);
  if (tLow >= tHigh) tLow++;
  const lo = Math.log(bar.low);
  const hi = Math.log(bar.high);
  const knots = [
    [0, Math.log(bar.open)],
    [tHigh, hi],
    [tLow, lo],
    [m, Math.log(bar.close)],
  ].sort((a, b) => a[0] - b[0]);
  const sd = Math.max(hi - lo, 1e-4) / Math.sqrt(m);
  const path = new Float64Array(m + 1);
  for (let k = 0; k + 1 < knots.length; k++) {
    const [t0, x0] = knots[k];
    const [t1, x1] = knots[k + 1];
    const len = t1 - t0;
    const walk = new Float64Array(len + 1);
    for (let i = 1; i <= len; i++) walk[i] = walk[i - 1] + sd * rng.normal();
    for (let i = 0; i <= len; i++) {
      const x = x0 + ((x1 - x0) * i) / len + walk[i] - (walk[len] * i) / len;
      path[t0 + i] = Math.min(hi, Math.max(lo, x));
    }
  }
  const at = Math.min(m, Math.floor(f * m));
  let high = path[0];
  let low = path[0];
  for (let i = 1; i <= at; i++) {
    if (path[i] > high) high = path[i];
    if (path[i] < low) low = path[i];
  }
  // Cumulative share of the day's volume: density ∝ 1 + 3(2f − 1)², busiest at open and close.
  const share = (f + ((2 * f - 1) ** 3 + 1) / 2) / 2;
  return {
    price: round2(Math.exp(path[at])),
    dayHigh: round2(Math.exp(high)),
    dayLow: round2(Math.exp(low)),
    volume: Math.round(bar.volume * share),
  };
}

// ---------------------------------------------------------------------------------
// Financials

const YEARS_OF_FINANCIALS = 5;

/**
 * Chance that a profitable company gets one loss year among the years before the latest, by
 * earnings profile: never for steady earners, about one in three for cyclical ones (loss
 * makers have their own rule: profitable in earlier years about two times out of three).
 */
const PAST_LOSS_CHANCE: Record<EarningsProfile, number> = { steady: 0, cyclical: 0.35, 'loss-making': 0 };

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

/** Typical net margin of a profitable company in the sector (P/S over P/E at mid-range). */
function typicalMargin(profile: SectorProfile): number {
  return Math.sqrt(profile.ps[0] * profile.ps[1]) / Math.sqrt(profile.pe[0] * profile.pe[1]);
}

function generateFinancials(
  company: SampleCompany,
  seed: number | string,
  lastFiscalYear: number,
): AnnualFinancials[] {
  const rng = rngFor(seed, company.ticker, 'financials');
  const profile = PROFILES[company.sector];
  const fin = financialStructure(company);
  const bankLike = fin?.bankLike ?? false;
  const n = YEARS_OF_FINANCIALS;

  // Company-level structure.
  const leverage = rng.range(fin?.leverage ?? profile.leverage);
  const debtToEquity = rng.range(fin?.debtToEquity ?? profile.debtToEquity);
  const currentShare = rng.range(fin?.currentShare ?? profile.currentShare);
  const currentRatio = rng.range(profile.currentRatio);
  const depositShare = fin ? rng.range(fin.depositShare) : 0;
  const ppeShare = rng.range(profile.ppeShare);
  const daToRevenue = rng.range(profile.daToRevenue);
  const capexToDa = rng.range(profile.capexToDa);
  const longTermShare = rng.uniform(0.8, 0.95);
  const cashShare = rng.uniform(0.2, 0.5);
  const interestRate = rng.uniform(0.035, 0.06);
  const taxRate = Math.max(0, profile.taxRate + rng.uniform(-0.04, 0.04));

  // Growth: sector range, tilted up for richly valued companies.
  const peTilt = company.pe ? Math.min(0.12, Math.max(-0.03, 0.05 * Math.log(company.pe / 18))) : 0;
  const meanGrowth = rng.range(profile.growth) + peTilt;
  const shareChange =
    company.pe && company.dividendYield > 0 ? rng.uniform(-0.03, 0.005) : rng.uniform(-0.015, 0.025);
  const dividendGrowth = rng.uniform(0, 0.09);

  // Latest year anchored on the reference valuation.
  const revenueLast = company.marketCap / company.ps;
  const marginLast = company.pe ? company.ps / company.pe : -rng.uniform(0.02, 0.15);
  const baseMargin = company.pe ? marginLast : typicalMargin(profile) * rng.uniform(0.3, 1);
  const equityLast = company.marketCap / company.pb;
  const sharesLast = company.marketCap / company.price;

  // Index n - 1 is the latest year; walk back.
  const revenue = new Array<number>(n);
  const margin = new Array<number>(n);
  const shares = new Array<number>(n);
  const dps = new Array<number>(n);
  revenue[n - 1] = revenueLast;
  margin[n - 1] = marginLast;
  shares[n - 1] = sharesLast;
  dps[n - 1] = company.dividendYield * company.price;
  for (let i = n - 2; i >= 0; i--) {
    const growth = Math.min(1.2, Math.max(-0.35, meanGrowth + profile.growthVol * rng.normal()));
    revenue[i] = revenue[i + 1] / (1 + growth);
    const noisy = baseMargin * Math.exp(0.15 * rng.normal());
    // Loss makers were profitable in earlier years about two times out of three.
    margin[i] = company.pe || rng.chance(0.65) ? noisy : -rng.uniform(0.01, 0.1);
    shares[i] = shares[i + 1] / (1 + shareChange + 0.005 * rng.normal());
    dps[i] = dps[i + 1] / (1 + Math.max(0, dividendGrowth + 0.02 * rng.normal()));
  }
  // Cyclical companies may have had one loss year before the latest; steady ones never do
  // (the draw is made for both so their other numbers do not depend on the profile).
  if (company.pe && rng.chance(PAST_LOSS_CHANCE[company.earnings])) {
    margin[rng.int(n - 1)] = -rng.uniform(0.01, 0.08);
  }

  // Retained earnings: usually a large part of equity, negative for some (accumulated
  // losses, or buybacks and dividends above earnings).
  const negativeRetained = company.pe === null ? rng.chance(0.5) : rng.chance(0.06);
  const retainedLast = equityLast * (negativeRetained ? -rng.uniform(0.1, 0.8) : rng.uniform(0.4, 1.3));

  const out: AnnualFinancials[] = new Array(n);
  let retained = retainedLast;
  for (let i = n - 1; i >= 0; i--) {
    const R = revenue[i];
    const netIncome = R * margin[i];
    const sizeFactor = i === n - 1 ? 1 : (R / revenueLast) ** 0.6 * Math.exp(0.03 * rng.normal());

    // Balance sheet.
    const equity = Math.round(equityLast * sizeFactor);
    const assets = Math.round(equity * leverage * Math.exp(0.04 * rng.normal()));
    const liabilities = assets - equity;
    const debtCap = Math.min(
      0.9 * liabilities,
      bankLike ? Number.POSITIVE_INFINITY : profile.maxDebtToRevenue * R,
    );
    const debtRaw = Math.min(equity * debtToEquity * Math.exp(0.08 * rng.normal()), debtCap);
    const totalDebt = Math.round(debtRaw);
    const longTermDebt = Math.round(totalDebt * Math.min(1, longTermShare + 0.02 * rng.normal()));
    const currentAssets = Math.round(assets * Math.min(0.9, currentShare * Math.exp(0.05 * rng.normal())));
    const shortTermDebt = totalDebt - longTermDebt;
    let currentLiabilities = bankLike
      ? (liabilities - totalDebt) * depositShare + shortTermDebt
      : Math.max(currentAssets / (currentRatio * Math.exp(0.08 * rng.normal())), shortTermDebt);
    currentLiabilities = Math.round(Math.min(currentLiabilities, liabilities));
    const cash = Math.round(currentAssets * Math.min(0.95, cashShare * Math.exp(0.1 * rng.normal())));
    const netPPE = Math.round(
      Math.min(assets * ppeShare * Math.exp(0.03 * rng.normal()), 0.95 * (assets - currentAssets)),
    );

    // Income statement.
    const interest = bankLike ? 0 : totalDebt * interestRate;
    const pretax = netIncome > 0 ? netIncome / (1 - taxRate) : netIncome;
    const operatingIncome = pretax + interest;
    const grossMargin = bankLike
      ? 1
      : Math.min(0.99, Math.max(company.grossMargin + 0.01 * rng.normal(), operatingIncome / R + 0.03));
    const depreciation = R * daToRevenue * Math.exp(0.05 * rng.normal());
    const operatingCashFlow = (netIncome + depreciation) * rng.uniform(0.9, 1.15);
    const capitalExpenditure = depreciation * capexToDa * Math.exp(0.1 * rng.normal());
    const sharesOutstanding = Math.round(shares[i]);
    const dividendsPerShare = round2(dps[i]);

    out[i] = {
      fiscalYear: lastFiscalYear - (n - 1 - i),
      revenue: Math.round(R),
      grossProfit: Math.round(R * grossMargin),
      operatingIncome: Math.round(operatingIncome),
      depreciation: Math.round(depreciation),
      netIncome: Math.round(netIncome),
      eps: round2(netIncome / sharesOutstanding),
      totalAssets: assets,
      totalLiabilities: liabilities,
      currentAssets,
      currentLiabilities,
      totalDebt,
      longTermDebt,
      shareholdersEquity: equity,
      retainedEarnings: Math.round(retained),
      cash,
      operatingCashFlow: Math.round(operatingCashFlow),
      capitalExpenditure: Math.round(capitalExpenditure),
      netPPE,
      sharesOutstanding,
      dividendsPerShare,
    };
    // Retained earnings of the year before: remove this year's earnings, add back its dividends.
    retained = retained - netIncome + dividendsPerShare * sharesOutstanding;
  }
  return out;
}

// ---------------------------------------------------------------------------------
// Public API

function profileOf(company: SampleCompany): CompanyProfile {
  const { ticker, name, sector, industry, exchange, beta, description } = company;
  return { ticker, name, sector, industry, exchange, beta, description };
}

/** A company's bars only (no financials): what a provider's daily-bars call needs. */
export function sampleBars(company: SampleCompany, options: GenerateOptions): DailyBar[] {
  const w = windowOf(options);
  return generateBars(company, w.ctx.seed, w.ctx, w.first, w.last);
}

function generateWith(
  company: SampleCompany,
  options: GenerateOptions,
  w: ReturnType<typeof windowOf>,
): StockData {
  return {
    profile: profileOf(company),
    bars: generateBars(company, w.ctx.seed, w.ctx, w.first, w.last),
    financials: generateFinancials(company, w.ctx.seed, Number(options.endDate.slice(0, 4)) - 1),
  };
}

/**
 * Generates bars and five fiscal years of financials for each company, sharing one
 * market and one set of sector factors (so stocks correlate). Deterministic in the seed
 * and each company's parameters; a day's bar does not depend on the window asked for, so
 * extending `endDate` only appends bars (financials follow the end date's year).
 */
export function generateStocks(companies: readonly SampleCompany[], options: GenerateOptions): StockData[] {
  const w = windowOf(options);
  return companies.map((company) => generateWith(company, options, w));
}

/** A company's five fiscal years as known at `endDate` (the last is the year before endDate's). */
export function sampleFinancials(company: SampleCompany, options: GenerateOptions): AnnualFinancials[] {
  return generateFinancials(company, options.seed ?? SAMPLE_SEED, Number(options.endDate.slice(0, 4)) - 1);
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

/**
 * `count` fictional stocks (see `syntheticCompanies`) with generated bars and
 * financials, for benchmarks. The companies depend on the seed only, not on `count`:
 * SYN0001 is the same whether you ask for 10 or 5,000.
 */
export function generateSyntheticUniverse(count: number, options: GenerateOptions): StockData[] {
  return generateStocks(syntheticCompanies(count, options.seed ?? SAMPLE_SEED), options);
}
