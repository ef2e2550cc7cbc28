/**
 * Which published measures apply to a company, by its GICS sector and industry (pure, no I/O).
 *
 * - Altman's Z-score: the 1968 Z was fitted on public manufacturers; Altman's Z'' (no sales /
 *   assets term, book equity) is the version for non-manufacturers. Neither applies to
 *   financial companies or real estate, whose balance sheets (deposits, policy reserves,
 *   property financed with debt) the ratios were never fitted on.
 * - Gross margin: banks, brokers, consumer lenders, insurers and multi-sector holding companies
 *   have no cost of goods sold, so data providers report gross profit = revenue (a meaningless
 *   100 %).
 *
 * Industries are GICS sub-industry names (as in the sample universe); names from other
 * classifications (e.g. a provider's "Banks - Regional") fall back to keyword rules.
 */

/** Which Altman model fits a company. */
export type AltmanModel = 'manufacturer' | 'non-manufacturer';

/**
 * GICS sub-industries whose companies make goods: the counterpart of the US SIC manufacturing
 * division (major groups 20-39) that Altman's 1968 sample was drawn from. Mining (gold, copper),
 * oil & gas production and services, construction (homebuilders), transport, retail, software,
 * services, media, telecoms and utilities are not manufacturing.
 */
const MANUFACTURING_INDUSTRIES: ReadonlySet<string> = new Set([
  // Information Technology
  'Semiconductors',
  'Semiconductor Materials & Equipment',
  'Technology Hardware, Storage & Peripherals',
  'Communications Equipment',
  'Electronic Components',
  'Electronic Equipment & Instruments',
  'Electronic Manufacturing Services',
  // Materials (not mining)
  'Commodity Chemicals',
  'Diversified Chemicals',
  'Specialty Chemicals',
  'Fertilizers & Agricultural Chemicals',
  'Industrial Gases',
  'Construction Materials',
  'Metal, Glass & Plastic Containers',
  'Paper & Plastic Packaging Products & Materials',
  'Paper Products',
  'Forest Products',
  'Aluminum',
  'Steel',
  // Industrials (capital goods; not transport or services)
  'Aerospace & Defense',
  'Building Products',
  'Electrical Components & Equipment',
  'Heavy Electrical Equipment',
  'Industrial Conglomerates',
  'Construction Machinery & Heavy Transportation Equipment',
  'Agricultural & Farm Machinery',
  'Industrial Machinery & Supplies & Components',
  // Consumer Discretionary (durables and apparel; not retail, restaurants, hotels, homebuilding)
  'Automobile Manufacturers',
  'Motorcycle Manufacturers',
  'Automotive Parts & Equipment',
  'Tires & Rubber',
  'Consumer Electronics',
  'Home Furnishings',
  'Household Appliances',
  'Housewares & Specialties',
  'Leisure Products',
  'Apparel, Accessories & Luxury Goods',
  'Footwear',
  'Textiles',
  // Consumer Staples (food, beverage, tobacco and household products; not retail or distribution)
  'Brewers',
  'Distillers & Vintners',
  'Soft Drinks & Non-alcoholic Beverages',
  'Agricultural Products & Services',
  'Packaged Foods & Meats',
  'Tobacco',
  'Household Products',
  'Personal Care Products',
  // Health Care (products; not providers, services or managed care)
  'Pharmaceuticals',
  'Biotechnology',
  'Health Care Equipment',
  'Health Care Supplies',
  'Life Sciences Tools & Services',
  // Energy (petroleum refining is manufacturing; production and services are not)
  'Integrated Oil & Gas',
  'Oil & Gas Refining & Marketing',
]);

/** Sectors where no Altman model applies. */
const NO_ALTMAN_SECTORS: ReadonlySet<string> = new Set(['Financials', 'Real Estate']);

/** Keywords for industry names outside GICS: service-type words win over product words. */
const NON_MANUFACTURING_WORDS =
  /retail|stores|distribut|services|software|internet|restaurant|hotel|casino|homebuild|transport|logistic|railroad|trucking|airline|marine|shipping|exploration|drilling|midstream|coal|mining|gold|silver|copper|managed|facilities|media|entertainment|telecom|broadcast|advertis|publishing|cable|utilit|power|electricity|water|gas distribution|real estate|reit/i;
const MANUFACTURING_WORDS =
  /manufactur|semiconductor|hardware|equipment|machinery|chemical|steel|alumin|packag|pharma|drug|biotech|medical (devices|instruments)|instruments|aerospace|defense|food|beverage|brewer|tobacco|household|personal (care|products)|apparel|footwear|paper|refin|oil & gas integrated|auto parts|building products|electronic|conglomerate|furnish|appliance|leisure/i;

/**
 * The Altman model for a company: `null` for Financials and Real Estate (not applicable),
 * `manufacturer` (the 1968 Z) for the GICS sub-industries in `MANUFACTURING_INDUSTRIES`, and
 * `non-manufacturer` (Z'') otherwise. An industry name that is not a GICS sub-industry is
 * classed by keywords (service words first); when nothing matches, Z'' is used, the version
 * Altman proposed for firms in general since it leaves out the industry-sensitive sales / assets.
 */
export function altmanModel(sector: string, industry: string): AltmanModel | null {
  if (NO_ALTMAN_SECTORS.has(sector)) return null;
  if (MANUFACTURING_INDUSTRIES.has(industry)) return 'manufacturer';
  if (isGicsNonManufacturing(industry) || NON_MANUFACTURING_WORDS.test(industry)) return 'non-manufacturer';
  return MANUFACTURING_WORDS.test(industry) ? 'manufacturer' : 'non-manufacturer';
}

/** GICS sub-industries the manufacturing keywords would misread ("Oil & Gas Equipment & Services"). */
function isGicsNonManufacturing(industry: string): boolean {
  return industry === 'Oil & Gas Equipment & Services' || industry === 'Trading Companies & Distributors';
}

/** Financials industries without cost of goods sold (revenue is net revenue or premiums). */
const NO_COGS_INDUSTRIES =
  /(Diversified|Regional) Banks|^Banks\b|Thrifts|Mortgage Finance|Brokerage|Capital Markets|Consumer Finance|Credit Services|Insurance|Reinsurance|Multi-Sector Holdings/;

/** Why gross margin is shown as "n/a" for these companies. */
export const GROSS_MARGIN_NOT_APPLICABLE =
  'Not applicable: banks, brokers, lenders and insurers have no cost of goods sold, so gross profit equals revenue.';

/**
 * `false` for companies without cost of goods sold (banks, brokers, consumer lenders, insurers,
 * multi-sector holding companies such as Berkshire Hathaway): their gross margin would be
 * 100 % by construction. Payment networks, exchanges and asset managers report a cost of
 * revenue and keep theirs.
 */
export function grossMarginApplies(sector: string, industry: string): boolean {
  return !(sector === 'Financials' && NO_COGS_INDUSTRIES.test(industry));
}

/**
 * The fundamentals (API field names) that do not apply to a company, each with the reason
 * shown instead of a value. Empty for most companies.
 */
export function notApplicableFundamentals(sector: string, industry: string): Record<string, string> {
  return grossMarginApplies(sector, industry) ? {} : { gross_margin: GROSS_MARGIN_NOT_APPLICABLE };
}
