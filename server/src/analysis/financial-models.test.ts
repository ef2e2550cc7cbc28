import { expect } from 'chai';
import { year } from '../../test-support/fixtures.ts';
import {
  ALTMAN_ZONES,
  altmanScore,
  altmanZ,
  altmanZDoublePrime,
  altmanZDoublePrimeFromRatios,
  altmanZFromRatios,
  altmanZone,
  altmanZonePosition,
  grahamNumber,
  greenblattEarningsYield,
  greenblattReturnOnCapital,
  piotroski,
} from './financial-models.ts';

describe('financial models', () => {
  describe('piotroski', () => {
    // Hand-worked two-year example (no third year, so beginning-of-year assets of both
    // years are the 2022 total assets, 1,000):
    //   2022: assets 1,000, NI 50, CFO 60, LTD 300, CA 400 / CL 200, 100 shares, revenue 800, GP 240
    //   2023: assets 1,100, NI 80, CFO 120, LTD 250, CA 500 / CL 250, 105 shares, revenue 1,000, GP 290
    // 1 ROA 80/1,000 = 8 % > 0 ✓   2 CFO 120 > 0 ✓   3 ROA 8 % > 50/1,000 = 5 % ✓
    // 4 CFO 120 > NI 80 ✓   5 LTD/avg assets 250/1,050 = 23.8 % < 300/1,000 = 30 % ✓
    // 6 current ratio 2.0 vs 2.0: not higher ✗   7 shares 105 > 100 ✗
    // 8 gross margin 29 % < 30 % ✗   9 turnover 1,000/1,000 = 1.0 > 800/1,000 = 0.8 ✓   → F = 6
    const y2022 = year(2022, {
      totalAssets: 1000,
      netIncome: 50,
      operatingCashFlow: 60,
      longTermDebt: 300,
      currentAssets: 400,
      currentLiabilities: 200,
      sharesOutstanding: 100,
      revenue: 800,
      grossProfit: 240,
    });
    const y2023 = year(2023, {
      totalAssets: 1100,
      netIncome: 80,
      operatingCashFlow: 120,
      longTermDebt: 250,
      currentAssets: 500,
      currentLiabilities: 250,
      sharesOutstanding: 105,
      revenue: 1000,
      grossProfit: 290,
    });

    it('scores the hand-worked two-year example 6 of 9', () => {
      expect(piotroski([y2022, y2023])).to.deep.equal({
        score: 6,
        passed: ['roa', 'cfo', 'deltaRoa', 'accrual', 'deltaLeverage', 'deltaTurnover'],
      });
    });

    it("uses the prior year's beginning assets when a third year is there", () => {
      // With 2021 assets of 500: 2022 ROA = 50/500 = 10 % > 8 % ✗, 2022 turnover 800/500 = 1.6 > 1.0 ✗,
      // 2022 leverage 300 / avg(1,000, 500) = 40 % > 23.8 %: still fell ✓  → F = 4
      const result = piotroski([year(2021, { totalAssets: 500 }), y2022, y2023]);
      expect(result).to.deep.equal({ score: 4, passed: ['roa', 'cfo', 'accrual', 'deltaLeverage'] });
    });

    it('gives 9 to a steadily improving company and needs two years', () => {
      const a = year(2022, { grossProfit: 380, revenue: 1000, totalAssets: 2000, currentLiabilities: 320 });
      const b = year(2023, {
        netIncome: 170,
        grossProfit: 440,
        revenue: 1100,
        totalAssets: 2050,
        longTermDebt: 350,
        sharesOutstanding: 99,
      });
      expect(piotroski([a, b])?.score).to.equal(9);
      expect(piotroski([a])).to.equal(null);
    });

    // Piotroski (2000), the ΔLEVER signal (leverage, liquidity and source of funds): the change
    // in total long-term debt / average total assets; F_ΔLEVER is one when the leverage ratio
    // fell in the year before portfolio formation. 0 → 0 did not fall, so no point.
    it('gives no leverage point when there is no long-term debt in either year (0 → 0 did not fall)', () => {
      const a = year(2022, { longTermDebt: 0 });
      const b = year(2023, { longTermDebt: 0 });
      expect(piotroski([a, b])?.passed).to.not.include('deltaLeverage');
    });

    it('gives the leverage point for a normal decrease and none for an increase', () => {
      // Two years, no third: average assets are (2,000 + 2,000) / 2 = 2,000 in 2023 and 2,000 in 2022.
      // 400 / 2,000 = 20 % → 300 / 2,000 = 15 %: fell ✓. 400 → 500 (25 %): rose ✗.
      // 400 → 400: unchanged ✗. Debt paid off entirely, 400 → 0: fell ✓.
      const prior = year(2022, { longTermDebt: 400 });
      const lever = (ltd: number) => piotroski([prior, year(2023, { longTermDebt: ltd })])?.passed;
      expect(lever(300)).to.include('deltaLeverage');
      expect(lever(500)).to.not.include('deltaLeverage');
      expect(lever(400)).to.not.include('deltaLeverage');
      expect(lever(0)).to.include('deltaLeverage');
    });
  });

  describe('altmanZ', () => {
    it('matches a textbook exercise: ratios .34, .15, 0, .80, 1.6 → Z = 2.70', () => {
      // Exercise: WC/TA 0.34, RE/TA 0.15, EBIT/TA 0.00, MVE/TL 0.80, Sales/TA 1.6;
      // published answer 2.70 (1.2·.34 + 1.4·.15 + 0 + 0.6·.8 + 1.6 = 2.698).
      const z = altmanZFromRatios({
        workingCapital: 0.34,
        retainedEarnings: 0.15,
        ebit: 0,
        marketValueToLiabilities: 0.8,
        sales: 1.6,
      });
      expect(z).to.be.closeTo(2.7, 0.005);
      // Same company from statements: assets 1,000, WC 340, RE 150, EBIT 0, TL 500, market cap 400, sales 1,600
      const f = year(2023, {
        totalAssets: 1000,
        currentAssets: 640,
        currentLiabilities: 300,
        retainedEarnings: 150,
        operatingIncome: 0,
        totalLiabilities: 500,
        revenue: 1600,
      });
      expect(altmanZ(f, 400)).to.be.closeTo(2.698, 1e-9);
    });

    it("agrees with the paper's printed form .012X1 + .014X2 + .033X3 + .006X4 + .999X5 (X1-X4 in %)", () => {
      const r = {
        workingCapital: 0.21,
        retainedEarnings: 0.35,
        ebit: 0.12,
        marketValueToLiabilities: 1.9,
        sales: 1.3,
      };
      const paper =
        0.012 * r.workingCapital * 100 +
        0.014 * r.retainedEarnings * 100 +
        0.033 * r.ebit * 100 +
        0.006 * r.marketValueToLiabilities * 100 +
        0.999 * r.sales;
      expect(altmanZFromRatios(r)).to.be.closeTo(paper, 0.001 * r.sales + 1e-9);
    });

    it('gives Altman (1968) Table 1 group means their published Z: bankrupt −0.26, non-bankrupt 4.88', () => {
      // Altman (1968), Table 1 "Group means": bankrupt X1 −6.1 %, X2 −62.6 %, X3 −31.8 %, X4 40.1 %,
      // X5 1.5×; non-bankrupt X1 41.4 %, X2 35.5 %, X3 15.3 %, X4 247.7 %, X5 1.9×.
      // Bankrupt: 1.2·(−.061) + 1.4·(−.626) + 3.3·(−.318) + 0.6·.401 + 1.5
      //         = −.0732 − .8764 − 1.0494 + .2406 + 1.5 = −0.2584 (deep in distress, < 1.81)
      // Non-bankrupt: 1.2·.414 + 1.4·.355 + 3.3·.153 + 0.6·2.477 + 1.9
      //         = .4968 + .497 + .5049 + 1.4862 + 1.9 = 4.8849 (safe, > 2.99)
      const bankrupt = altmanZFromRatios({
        workingCapital: -0.061,
        retainedEarnings: -0.626,
        ebit: -0.318,
        marketValueToLiabilities: 0.401,
        sales: 1.5,
      });
      const healthy = altmanZFromRatios({
        workingCapital: 0.414,
        retainedEarnings: 0.355,
        ebit: 0.153,
        marketValueToLiabilities: 2.477,
        sales: 1.9,
      });
      expect(bankrupt).to.be.closeTo(-0.2584, 1e-9);
      expect(healthy).to.be.closeTo(4.8849, 1e-9);
      expect(altmanZone(bankrupt)).to.equal('distress');
      expect(altmanZone(healthy)).to.equal('safe');
    });

    it('classifies the zones at 1.81 and 2.99 and rejects non-positive assets', () => {
      expect(altmanZone(3.0)).to.equal('safe');
      expect(altmanZone(2.99)).to.equal('grey');
      expect(altmanZone(1.81)).to.equal('grey');
      expect(altmanZone(1.8)).to.equal('distress');
      expect(altmanZ(year(2023, { totalAssets: 0 }), 100)).to.equal(null);
    });
  });

  describe("Altman Z'' (non-manufacturers)", () => {
    // The model as published in Altman & Hotchkiss (2006), "Corporate Financial Distress and
    // Bankruptcy", 3rd ed. (first in Altman 1983): Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4,
    // X4 = book value of equity / total liabilities; safe above 2.60, distress below 1.10. No
    // company-level worked example of Z'' was at hand, so this one is worked by hand:
    //   assets 1,000; current assets 400, current liabilities 250 → X1 = 150 / 1,000 = 0.15
    //   retained earnings 200 → X2 = 0.20; EBIT 80 → X3 = 0.08; equity 400 / liabilities 600 → X4 = 0.6667
    //   Z'' = 6.56·.15 + 3.26·.20 + 6.72·.08 + 1.05·.6667 = .984 + .652 + .5376 + .70 = 2.8736 → safe
    const f = year(2023, {
      totalAssets: 1000,
      currentAssets: 400,
      currentLiabilities: 250,
      retainedEarnings: 200,
      operatingIncome: 80,
      shareholdersEquity: 400,
      totalLiabilities: 600,
      revenue: 5000, // sales / assets is not in Z'': a retailer's turnover does not flatter it
    });

    it("computes Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4 from statements: 2.8736, safe", () => {
      expect(altmanZDoublePrime(f)).to.be.closeTo(2.8736, 1e-9);
      expect(altmanZDoublePrime({ ...f, revenue: 100 })).to.be.closeTo(2.8736, 1e-9);
      expect(altmanZone(2.8736, 'non-manufacturer')).to.equal('safe');
      expect(
        altmanZDoublePrimeFromRatios({
          workingCapital: 0.15,
          retainedEarnings: 0.2,
          ebit: 0.08,
          bookEquityToLiabilities: 400 / 600,
        }),
      ).to.be.closeTo(2.8736, 1e-9);
      expect(altmanZDoublePrime(year(2023, { totalLiabilities: 0 }))).to.equal(null);
    });

    it("uses the published Z'' zones: safe above 2.60, grey 1.10-2.60, distress below 1.10", () => {
      expect(ALTMAN_ZONES['non-manufacturer']).to.deep.equal({ safe: 2.6, distress: 1.1 });
      expect(altmanZone(2.61, 'non-manufacturer')).to.equal('safe');
      expect(altmanZone(2.6, 'non-manufacturer')).to.equal('grey');
      expect(altmanZone(1.1, 'non-manufacturer')).to.equal('grey');
      expect(altmanZone(1.09, 'non-manufacturer')).to.equal('distress');
      // The same 2.8 is safe under Z'' but grey under the 1968 Z.
      expect(altmanZone(2.8)).to.equal('grey');
    });

    it('picks the model by sector and industry, and none for Financials and Real Estate', () => {
      const cap = 400;
      expect(altmanScore(f, cap, 'Information Technology', 'Semiconductors')).to.deep.equal({
        model: 'manufacturer',
        z: altmanZ(f, cap),
      });
      const software = altmanScore(f, cap, 'Information Technology', 'Application Software');
      expect(software?.model).to.equal('non-manufacturer');
      expect(software?.z).to.be.closeTo(2.8736, 1e-9);
      expect(altmanScore(f, cap, 'Financials', 'Diversified Banks')).to.equal(null);
      expect(altmanScore(f, cap, 'Financials', 'Transaction & Payment Processing Services')).to.equal(null);
      expect(altmanScore(f, cap, 'Real Estate', 'Industrial REITs')).to.equal(null);
      // The 1968 Z needs a market value; Z'' does not.
      expect(altmanScore(f, 0, 'Materials', 'Steel')).to.equal(null);
      expect(altmanScore(f, 0, 'Utilities', 'Electric Utilities')?.model).to.equal('non-manufacturer');
    });

    it('places both models on one zone scale: distress cut-off 1, safe cut-off 2', () => {
      const pos = (model: 'manufacturer' | 'non-manufacturer', z: number) => altmanZonePosition({ model, z });
      expect(pos('manufacturer', 1.81)).to.be.closeTo(1, 1e-12);
      expect(pos('manufacturer', 2.99)).to.be.closeTo(2, 1e-12);
      expect(pos('non-manufacturer', 1.1)).to.be.closeTo(1, 1e-12);
      expect(pos('non-manufacturer', 2.6)).to.be.closeTo(2, 1e-12);
      // A grey Z'' (1.2) ranks above a distressed Z (1.7), though its number is lower.
      expect(pos('non-manufacturer', 1.2)).to.be.above(pos('manufacturer', 1.7));
      expect(pos('manufacturer', -1)).to.be.below(pos('manufacturer', 0.5));
    });
  });

  describe('grahamNumber', () => {
    it('is √(22.5 × 1.5 × 10) = √337.5 ≈ 18.37 for EPS 1.5 and BVPS 10', () => {
      expect(grahamNumber(1.5, 10)).to.be.closeTo(18.37, 0.005);
      expect(grahamNumber(-1, 10)).to.equal(null);
      expect(grahamNumber(1.5, 0)).to.equal(null);
    });
  });

  describe('Greenblatt ratios', () => {
    it('earnings yield = EBIT / (market cap + debt − cash)', () => {
      expect(greenblattEarningsYield(year(2023), 1600)).to.be.closeTo(200 / 2000, 1e-12);
      expect(greenblattEarningsYield(year(2023, { cash: 5000 }), 100)).to.equal(null);
    });

    it('return on capital = EBIT / (NWC excluding cash and short-term debt + net PPE)', () => {
      // NWC = (600 − 100) − (300 − (500 − 400)) = 300; capital = 300 + 800
      expect(greenblattReturnOnCapital(year(2023))).to.be.closeTo(200 / 1100, 1e-12);
      // negative NWC is floored at 0
      expect(greenblattReturnOnCapital(year(2023, { currentAssets: 150 }))).to.be.closeTo(200 / 800, 1e-12);
      expect(greenblattReturnOnCapital(year(2023, { currentAssets: 100, netPPE: 0 }))).to.equal(null);
    });
  });
});
