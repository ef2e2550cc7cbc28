/**
 * Financials: five fiscal years anchored on the company's reference valuation (market
 * cap / P/S → revenue, market cap / P/E → net income, market cap / P/B → equity) and
 * walked back with seeded growth and margin noise; balance sheets add up. Only companies
 * the universe marks as cyclical get a past loss year; steady earners are profitable in
 * every year (see `EarningsProfile`).
 */
import type { AnnualFinancials } from '../../types.ts';
import type { EarningsProfile, SampleCompany } from '../universe.ts';
import { rngFor } from './random.ts';
import { financialStructure, PROFILES, type SectorProfile } from './sectors.ts';
import { type GenerateOptions, round2, SAMPLE_SEED } from './shared.ts';

const YEARS_OF_FINANCIALS = 5;

/**
 * Chance that a profitable company gets one loss year among the years before the latest, by
 * earnings profile: never for steady earners, about one in three for cyclical ones (loss
 * makers have their own rule: profitable in earlier years about two times out of three).
 */
const PAST_LOSS_CHANCE: Record<EarningsProfile, number> = { steady: 0, cyclical: 0.35, 'loss-making': 0 };

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

/** A company's five fiscal years as known at `endDate` (the last is the year before endDate's). */
export function sampleFinancials(company: SampleCompany, options: GenerateOptions): AnnualFinancials[] {
  return generateFinancials(company, options.seed ?? SAMPLE_SEED, Number(options.endDate.slice(0, 4)) - 1);
}
