/**
 * Sector profiles: per GICS sector, the typical volatility, growth, balance-sheet shape
 * and valuation ranges the generator draws from, with industries and name nouns for
 * synthetic companies; and the balance-sheet style of financial companies by industry.
 */
import type { Sector } from '../../types.ts';
import type { SampleCompany } from '../universe.ts';

type Range = readonly [number, number];

export interface SectorProfile {
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
export const PROFILES: Record<Sector, SectorProfile> = {
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
export function financialStructure(
  company: Pick<SampleCompany, 'sector' | 'industry'>,
): FinancialStructure | null {
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
