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
 *   shared within each sector, idiosyncratic noise and quarterly "earnings" jumps.
 *   The path is scaled so the last close is the reference price times a seeded factor
 *   in [0.85, 1.15].
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

interface MarketContext {
  seed: number | string;
  dates: string[];
  /** Daily log return of the market factor. */
  market: Float64Array;
  /** Daily log shock of each sector factor (zero mean). */
  sectors: Map<Sector, Float64Array>;
}

function startDate(endDate: string, years: number): string {
  const y = Number(endDate.slice(0, 4)) - years;
  const md = endDate.slice(5);
  const shifted = md === '02-29' ? `${y}-02-28` : `${String(y).padStart(4, '0')}-${md}`;
  return addCalendarDays(shifted, 1);
}

let cachedContext: { key: string; context: MarketContext } | null = null;

function marketContext(options: GenerateOptions): MarketContext {
  const seed = options.seed ?? SAMPLE_SEED;
  const years = options.years ?? 2;
  if (!Number.isInteger(years) || years < 1 || years > 30) {
    throw new RangeError(`years must be an integer from 1 to 30, got ${years}`);
  }
  const key = `${seed}|${options.endDate}|${years}`;
  if (cachedContext?.key === key) return cachedContext.context;

  const dates = tradingDaysBetween(startDate(options.endDate, years), options.endDate);
  const n = dates.length;
  const dt = 1 / TRADING_DAYS_PER_YEAR;

  // Market factor: GARCH(1,1) daily variance around MARKET_VOL, so calm and stressed periods alternate.
  const rng = rngFor(seed, 'market');
  const market = new Float64Array(n);
  const longRunVar = MARKET_VOL ** 2 * dt;
  const alpha = 0.08;
  const beta = 0.9;
  const omega = longRunVar * (1 - alpha - beta);
  let variance = longRunVar * rng.uniform(0.6, 1.6);
  let shock = 0;
  for (let t = 0; t < n; t++) {
    variance = omega + alpha * shock * shock + beta * variance;
    shock = Math.sqrt(variance) * rng.normal();
    market[t] = (MARKET_DRIFT - 0.5 * MARKET_VOL ** 2) * dt + shock;
  }

  const sectors = new Map<Sector, Float64Array>();
  for (const sector of SECTORS) {
    const srng = rngFor(seed, 'sector', sector);
    const sd = PROFILES[sector].factorVol * Math.sqrt(dt);
    const series = new Float64Array(n);
    for (let t = 0; t < n; t++) series[t] = sd * srng.normal() - 0.5 * sd * sd;
    sectors.set(sector, series);
  }

  const context = { seed, dates, market, sectors };
  cachedContext = { key, context };
  return context;
}

// ---------------------------------------------------------------------------------
// Bars

const round2 = (x: number) => Math.round(x * 100) / 100;

function generateBars(company: SampleCompany, ctx: MarketContext): DailyBar[] {
  const rng = rngFor(ctx.seed, company.ticker, 'bars');
  const profile = PROFILES[company.sector];
  const n = ctx.dates.length;
  if (n === 0) return [];
  const dt = 1 / TRADING_DAYS_PER_YEAR;

  // Volatility: sector-typical total volatility, higher for small caps; the idiosyncratic
  // part is what remains after the market (beta) and sector factors, with a floor.
  const sizeFactor = Math.min(1.4, Math.max(0.9, (5e10 / company.marketCap) ** 0.07));
  const totalVol = profile.vol * rng.uniform(0.85, 1.2) * sizeFactor;
  const systematicVar = (company.beta * MARKET_VOL) ** 2 + profile.factorVol ** 2;
  const idioVol = Math.sqrt(Math.max(totalVol ** 2 - systematicVar, 0.1 ** 2));
  const idioSd = idioVol * Math.sqrt(dt);
  const dailySd = Math.sqrt(systematicVar + idioVol ** 2) * Math.sqrt(dt);
  const drift = (rng.uniform(-0.04, 0.06) - 0.5 * idioVol ** 2) * dt;
  const earningsPhase = rng.int(63);
  // Drawn before the path so they do not depend on the number of bars.
  const target = company.price * rng.uniform(0.85, 1.15);
  const turnover = rng.logRange([0.003, 0.012]);
  const marketSeries = ctx.market;
  const sectorSeries = ctx.sectors.get(company.sector) as Float64Array;

  // Log-price path: logPrice[0] is the close before the first bar.
  const returns = new Float64Array(n);
  const earnings = new Uint8Array(n);
  const logPrice = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    let r = drift + company.beta * marketSeries[t] + sectorSeries[t] + idioSd * rng.normal();
    if (t % 63 === earningsPhase) {
      earnings[t] = 1;
      r += 2.5 * idioSd * rng.normal();
    }
    returns[t] = r;
    logPrice[t + 1] = logPrice[t] + r;
  }
  const scale = Math.log(target) - logPrice[n];
  const baseVolume = (company.marketCap / company.price) * turnover;

  const bars: DailyBar[] = new Array(n);
  let previousClose = Math.max(0.01, round2(Math.exp(logPrice[0] + scale)));
  for (let t = 0; t < n; t++) {
    const r = returns[t];
    const close = Math.max(0.01, round2(Math.exp(logPrice[t + 1] + scale)));
    // Part of the day's move happens overnight (most of it on earnings days).
    const gap = (earnings[t] ? 0.8 : 0.3) * r + 0.25 * dailySd * rng.normal();
    const open = Math.max(0.01, round2(previousClose * Math.exp(gap)));
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    const high = Math.max(top, round2(top * Math.exp(Math.abs(rng.normal()) * 0.5 * dailySd)));
    const low = Math.max(
      0.01,
      Math.min(bottom, round2(bottom * Math.exp(-Math.abs(rng.normal()) * 0.5 * dailySd))),
    );
    const activity = (0.6 + 0.4 * Math.abs(r / dailySd)) * (earnings[t] ? 2.5 : 1);
    const volume = Math.max(100, Math.round(baseVolume * activity * Math.exp(0.3 * rng.normal() - 0.045)));
    bars[t] = { date: ctx.dates[t], open, high, low, close, volume };
    previousClose = close;
  }
  return bars;
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

function generateWith(company: SampleCompany, ctx: MarketContext, endDate: string): StockData {
  return {
    profile: profileOf(company),
    bars: generateBars(company, ctx),
    financials: generateFinancials(company, ctx.seed, Number(endDate.slice(0, 4)) - 1),
  };
}

/**
 * Generates bars and five fiscal years of financials for each company, sharing one
 * market and one set of sector factors (so stocks correlate). Deterministic in
 * (seed, endDate, years) and each company's parameters.
 */
export function generateStocks(companies: readonly SampleCompany[], options: GenerateOptions): StockData[] {
  const ctx = marketContext(options);
  return companies.map((company) => generateWith(company, ctx, options.endDate));
}

/** Generates one company's data; identical to its entry in `generateStocks` with the same options. */
export function generateStock(company: SampleCompany, options: GenerateOptions): StockData {
  return generateWith(company, marketContext(options), options.endDate);
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
