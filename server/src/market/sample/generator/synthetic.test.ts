import { expect } from 'chai';
import { barProblems, derive, END, lossYears, share } from '../../../../test-support/sample-stocks.ts';
import { SECTORS, type StockData } from '../../types.ts';
import { generateSyntheticUniverse } from './stocks.ts';
import { syntheticCompanies } from './synthetic.ts';

describe('sample generator: synthetic companies', () => {
  let synthetic: StockData[];
  before(() => {
    synthetic = generateSyntheticUniverse(330, { endDate: END, seed: 7 });
  });

  it('makes SYN-numbered companies spread over the 11 sectors', () => {
    expect(synthetic).to.have.length(330);
    expect(synthetic[0].profile.ticker).to.equal('SYN0001');
    expect(synthetic[329].profile.ticker).to.equal('SYN0330');
    expect(new Set(synthetic.map((s) => s.profile.ticker)).size).to.equal(330);
    for (const sector of SECTORS) {
      expect(synthetic.filter((s) => s.profile.sector === sector).length, sector).to.equal(30);
    }
  });

  it('does not depend on the count', () => {
    const few = generateSyntheticUniverse(5, { endDate: END, seed: 7 });
    expect(few).to.deep.equal(synthetic.slice(0, 5));
    expect(syntheticCompanies(3, 7)).to.deep.equal(syntheticCompanies(10, 7).slice(0, 3));
  });

  it('has consistent bars and balance sheets and plausible ratios', () => {
    const d = synthetic.map(derive);
    for (const s of synthetic) expect(s.bars.length).to.equal(502);
    expect(synthetic.flatMap(barProblems)).to.deep.equal([]);
    const unbalanced = synthetic.flatMap((s) =>
      s.financials.filter((f) => f.totalAssets !== f.totalLiabilities + f.shareholdersEquity),
    );
    expect(unbalanced).to.deep.equal([]);
    const pes = d.map((x) => x.pe).filter((x): x is number => x !== null);
    expect(share(pes, (pe) => pe >= 6 && pe <= 45)).to.be.at.least(0.8);
    expect(share(d, (x) => x.pb >= 0.7 && x.pb <= 15)).to.be.at.least(0.9);
    expect(share(d, (x) => x.dividendYield <= 0.065)).to.equal(1);
    expect(share(d, (x) => x.latest.netIncome < 0)).to.be.within(0.02, 0.2);
  });

  it('gives synthetic companies a profile: loss makers, and cyclical ones mostly in Energy and Materials', () => {
    const companies = syntheticCompanies(1100, 7);
    for (const c of companies) expect(c.earnings === 'loss-making', c.ticker).to.equal(c.pe === null);
    const cyclicalShare = (sector: string) =>
      share(
        companies.filter((c) => c.sector === sector && c.pe !== null),
        (c) => c.earnings === 'cyclical',
      );
    expect(cyclicalShare('Energy')).to.be.above(cyclicalShare('Consumer Staples') + 0.3);
    const data = generateSyntheticUniverse(110, { endDate: END, seed: 7, years: 1 });
    const steady = data.filter((_, i) => companies[i].earnings === 'steady');
    expect(steady.length).to.be.at.least(50);
    for (const s of steady) expect(lossYears(s), s.profile.ticker).to.deep.equal([]);
  });
});
