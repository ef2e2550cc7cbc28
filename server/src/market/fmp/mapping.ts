/**
 * FMP `/stable` rows → the project's market-data model. Each row is checked for the fields
 * we read (zod, unknown fields kept); a row that lacks one is a format change and raises
 * FmpResponseError naming the endpoint and the field.
 *
 * Units: FMP's `changePercentage` is in percent (as our `changePct`); statement figures
 * are in the reporting currency; cash outflows (capex, dividends) are negative in FMP and
 * positive in `AnnualFinancials`.
 */
import { z } from 'zod';
import type { ProviderQuote } from '../provider.ts';
import type { AnnualFinancials, CompanyProfile, DailyBar, Exchange, Sector } from '../types.ts';
import { FmpResponseError } from './errors.ts';

const num = z.number();
const optNum = z.number().nullish();

export const QuoteRow = z.looseObject({
  symbol: z.string(),
  price: num,
  change: optNum,
  changePercentage: optNum,
  /** Some FMP endpoints spell it in the plural. */
  changesPercentage: optNum,
  open: optNum,
  dayHigh: optNum,
  dayLow: optNum,
  previousClose: optNum,
  volume: optNum,
  timestamp: optNum,
});

export const ProfileRow = z.looseObject({
  symbol: z.string(),
  companyName: z.string(),
  sector: z.string().nullish(),
  industry: z.string().nullish(),
  exchange: z.string().nullish(),
  beta: optNum,
  description: z.string().nullish(),
  isEtf: z.boolean().nullish(),
  isFund: z.boolean().nullish(),
});

const fiscalYear = z.union([z.string().regex(/^\d{4}$/), z.number().int()]).transform(Number);

export const IncomeRow = z.looseObject({
  date: z.string(),
  fiscalYear,
  revenue: num,
  grossProfit: num,
  operatingIncome: num,
  depreciationAndAmortization: optNum,
  netIncome: num,
  epsDiluted: optNum,
  eps: optNum,
  weightedAverageShsOutDil: optNum,
  weightedAverageShsOut: optNum,
});

export const BalanceRow = z.looseObject({
  fiscalYear,
  totalAssets: num,
  totalLiabilities: num,
  totalCurrentAssets: num,
  totalCurrentLiabilities: num,
  totalDebt: optNum,
  longTermDebt: optNum,
  totalStockholdersEquity: num,
  retainedEarnings: optNum,
  cashAndCashEquivalents: optNum,
  propertyPlantEquipmentNet: optNum,
});

export const CashFlowRow = z.looseObject({
  fiscalYear,
  operatingCashFlow: optNum,
  netCashProvidedByOperatingActivities: optNum,
  capitalExpenditure: optNum,
  investmentsInPropertyPlantAndEquipment: optNum,
  depreciationAndAmortization: optNum,
  commonDividendsPaid: optNum,
  netDividendsPaid: optNum,
});

export const EodRow = z.looseObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  open: num,
  high: num,
  low: num,
  close: num,
  volume: num,
});

/** Parse every row of an FMP answer, or raise FmpResponseError naming the first bad field. */
export function parseRows<S extends z.ZodType>(endpoint: string, schema: S, rows: unknown[]): z.output<S>[] {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const symbol = (row as { symbol?: unknown })?.symbol;
    throw new FmpResponseError(
      { endpoint },
      `row ${i}${typeof symbol === 'string' ? ` (${symbol})` : ''}: ${issue.path.join('.') || 'row'} ${issue.message}`,
    );
  });
}

/** FMP's sector names (Morningstar-style) → GICS sectors. */
const FMP_SECTORS: Record<string, Sector> = {
  'Basic Materials': 'Materials',
  'Communication Services': 'Communication Services',
  'Consumer Cyclical': 'Consumer Discretionary',
  'Consumer Defensive': 'Consumer Staples',
  Energy: 'Energy',
  'Financial Services': 'Financials',
  Healthcare: 'Health Care',
  Industrials: 'Industrials',
  'Real Estate': 'Real Estate',
  Technology: 'Information Technology',
  Utilities: 'Utilities',
};

export function mapSector(fmpSector: string | null | undefined): Sector | null {
  if (!fmpSector) return null;
  return FMP_SECTORS[fmpSector.trim()] ?? null;
}

/** NASDAQ listings → NASDAQ; NYSE, NYSE American (AMEX) and NYSE Arca → NYSE; others null. */
export function mapExchange(fmpExchange: string | null | undefined): Exchange | null {
  const e = (fmpExchange ?? '').trim().toUpperCase();
  if (e.startsWith('NASDAQ')) return 'NASDAQ';
  if (e.startsWith('NYSE') || e === 'AMEX') return 'NYSE';
  return null;
}

export function toProviderQuote(row: z.output<typeof QuoteRow>, asOf: Date): ProviderQuote {
  const pct = row.changePercentage ?? row.changesPercentage;
  const previousClose = row.previousClose ?? null;
  const change = row.change ?? (previousClose !== null ? row.price - previousClose : 0);
  return {
    ticker: row.symbol.toUpperCase(),
    price: row.price,
    change,
    changePct: pct ?? (previousClose ? (change / previousClose) * 100 : 0),
    open: row.open ?? null,
    dayHigh: row.dayHigh ?? null,
    dayLow: row.dayLow ?? null,
    previousClose,
    volume: row.volume ?? null,
    timestamp: row.timestamp ? new Date(row.timestamp * 1000).toISOString() : asOf.toISOString(),
  };
}

/** A profile, or a reason it cannot be one of ours (unknown sector or exchange). */
export function toCompanyProfile(row: z.output<typeof ProfileRow>): CompanyProfile | { skip: string } {
  if (row.isEtf || row.isFund) return { skip: 'an ETF or fund, not a company' };
  const sector = mapSector(row.sector);
  if (!sector) return { skip: `sector "${row.sector ?? ''}" is not one of the 11 GICS sectors` };
  const exchange = mapExchange(row.exchange);
  if (!exchange) return { skip: `exchange "${row.exchange ?? ''}" is not NYSE or NASDAQ` };
  return {
    ticker: row.symbol.toUpperCase(),
    name: row.companyName,
    sector,
    industry: row.industry ?? '',
    exchange,
    beta: row.beta ?? 1,
    description: row.description ?? '',
  };
}

/**
 * Join the three annual statements by fiscal year (years missing from any of them are left
 * out), oldest first.
 */
export function toAnnualFinancials(
  income: z.output<typeof IncomeRow>[],
  balance: z.output<typeof BalanceRow>[],
  cashFlow: z.output<typeof CashFlowRow>[],
): AnnualFinancials[] {
  const bs = new Map(balance.map((r) => [r.fiscalYear, r]));
  const cf = new Map(cashFlow.map((r) => [r.fiscalYear, r]));
  const out: AnnualFinancials[] = [];
  for (const is of income) {
    const b = bs.get(is.fiscalYear);
    const c = cf.get(is.fiscalYear);
    if (!b || !c) continue;
    const shares = is.weightedAverageShsOutDil ?? is.weightedAverageShsOut ?? 0;
    const dividendsPaid = Math.abs(c.commonDividendsPaid ?? c.netDividendsPaid ?? 0);
    out.push({
      fiscalYear: is.fiscalYear,
      revenue: is.revenue,
      grossProfit: is.grossProfit,
      operatingIncome: is.operatingIncome,
      depreciation: is.depreciationAndAmortization ?? c.depreciationAndAmortization ?? 0,
      netIncome: is.netIncome,
      eps: is.epsDiluted ?? is.eps ?? (shares > 0 ? is.netIncome / shares : 0),
      totalAssets: b.totalAssets,
      totalLiabilities: b.totalLiabilities,
      currentAssets: b.totalCurrentAssets,
      currentLiabilities: b.totalCurrentLiabilities,
      totalDebt: b.totalDebt ?? 0,
      longTermDebt: b.longTermDebt ?? 0,
      shareholdersEquity: b.totalStockholdersEquity,
      retainedEarnings: b.retainedEarnings ?? 0,
      cash: b.cashAndCashEquivalents ?? 0,
      operatingCashFlow: c.operatingCashFlow ?? c.netCashProvidedByOperatingActivities ?? 0,
      capitalExpenditure: Math.abs(c.capitalExpenditure ?? c.investmentsInPropertyPlantAndEquipment ?? 0),
      netPPE: b.propertyPlantEquipmentNet ?? 0,
      sharesOutstanding: shares,
      dividendsPerShare: shares > 0 ? dividendsPaid / shares : 0,
    });
  }
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear);
}

export function toDailyBar(row: z.output<typeof EodRow>): DailyBar {
  return {
    date: row.date,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  };
}
