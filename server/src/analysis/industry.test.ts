import { expect } from 'chai';
import { SAMPLE_UNIVERSE } from '../market/sample/universe.ts';
import { altmanModel, grossMarginApplies, notApplicableFundamentals } from './industry.ts';

const of = (ticker: string) => {
  const c = SAMPLE_UNIVERSE.find((x) => x.ticker === ticker);
  if (!c) throw new Error(ticker);
  return c;
};
const modelOf = (ticker: string) => altmanModel(of(ticker).sector, of(ticker).industry);

describe('industry applicability', () => {
  describe('altmanModel', () => {
    it('uses the 1968 Z for companies that make goods', () => {
      // Altman's 1968 sample: public manufacturers (SIC 20-39). Hardware, chips, chemicals, steel,
      // machinery, aerospace, cars, food and drink, drugs, medical devices and oil refining.
      for (const t of [
        'AAPL',
        'NVDA',
        'CSCO',
        'DOW',
        'NUE',
        'CAT',
        'BA',
        'TSLA',
        'NKE',
        'KO',
        'PG',
        'LLY',
        'ABT',
        'XOM',
        'MPC',
      ]) {
        expect(modelOf(t), t).to.equal('manufacturer');
      }
    });

    it("uses Z'' for non-manufacturers: software, services, retail, transport, media, mining, utilities", () => {
      for (const t of [
        'MSFT',
        'ORCL',
        'ACN',
        'GOOGL',
        'VZ',
        'AMZN',
        'HD',
        'MCD',
        'WMT',
        'KR',
        'UNP',
        'UPS',
        'ADP',
        'WM',
        'UNH',
        'CVS',
        'COP',
        'HAL',
        'KMI',
        'FCX',
        'NEM',
        'NEE',
        'VST',
      ]) {
        expect(modelOf(t), t).to.equal('non-manufacturer');
      }
    });

    it('applies no Altman model to Financials or Real Estate', () => {
      for (const c of SAMPLE_UNIVERSE.filter(
        (x) => x.sector === 'Financials' || x.sector === 'Real Estate',
      )) {
        expect(altmanModel(c.sector, c.industry), c.ticker).to.equal(null);
      }
    });

    it('classes industry names from other classifications by keywords, service words first', () => {
      expect(altmanModel('Information Technology', 'Consumer Electronics')).to.equal('manufacturer');
      expect(altmanModel('Health Care', 'Drug Manufacturers - General')).to.equal('manufacturer');
      expect(altmanModel('Industrials', 'Specialty Industrial Machinery')).to.equal('manufacturer');
      expect(altmanModel('Consumer Discretionary', 'Auto - Dealerships')).to.equal('non-manufacturer');
      expect(altmanModel('Information Technology', 'Software - Infrastructure')).to.equal('non-manufacturer');
      expect(altmanModel('Energy', 'Oil & Gas Equipment & Services')).to.equal('non-manufacturer');
      expect(altmanModel('Consumer Staples', 'Grocery Stores')).to.equal('non-manufacturer');
      // Nothing recognisable: Z'', the version for firms in general.
      expect(altmanModel('Industrials', 'Miscellaneous')).to.equal('non-manufacturer');
    });
  });

  describe('gross margin', () => {
    it('does not apply to banks, brokers, lenders, insurers and Berkshire Hathaway', () => {
      for (const t of ['JPM', 'BAC', 'PNC', 'GS', 'SCHW', 'AXP', 'PGR', 'CB', 'BRK.B']) {
        expect(grossMarginApplies(of(t).sector, of(t).industry), t).to.equal(false);
        expect(notApplicableFundamentals(of(t).sector, of(t).industry).gross_margin, t).to.match(
          /cost of goods sold/,
        );
      }
      expect(grossMarginApplies('Financials', 'Banks - Regional')).to.equal(false);
      expect(grossMarginApplies('Financials', 'Insurance - Diversified')).to.equal(false);
    });

    it('applies to payment networks, exchanges, asset managers and every other sector', () => {
      for (const t of ['V', 'MA', 'SPGI', 'BLK', 'AAPL', 'PLD', 'NEE']) {
        expect(grossMarginApplies(of(t).sector, of(t).industry), t).to.equal(true);
        expect(notApplicableFundamentals(of(t).sector, of(t).industry), t).to.deep.equal({});
      }
      // "Asset Management & Custody Banks" is not a bank without cost of goods sold.
      expect(grossMarginApplies('Financials', 'Asset Management & Custody Banks')).to.equal(true);
    });
  });
});
