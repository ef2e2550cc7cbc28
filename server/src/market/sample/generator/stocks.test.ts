import { expect } from 'chai';
import { type Derived, defaultUniverse, END } from '../../../../test-support/sample-stocks.ts';
import type { StockData } from '../../types.ts';
import { SAMPLE_UNIVERSE } from '../universe.ts';
import { SAMPLE_SEED } from './shared.ts';
import { generateSampleUniverse, generateStock } from './stocks.ts';

describe('sample generator: determinism', () => {
  let universe: StockData[];
  let bySymbol: Map<string, Derived>;

  before(() => {
    ({ universe, bySymbol } = defaultUniverse());
  });

  it('gives deeply identical output for the same seed and options', () => {
    const again = generateSampleUniverse({ endDate: END });
    expect(again).to.deep.equal(universe);
    const seeded = generateSampleUniverse({ endDate: END, seed: 'abc', tickers: ['AAPL', 'XOM'] });
    expect(generateSampleUniverse({ endDate: END, seed: 'abc', tickers: ['AAPL', 'XOM'] })).to.deep.equal(
      seeded,
    );
  });

  it('gives different data for a different seed', () => {
    const a = generateSampleUniverse({ endDate: END, seed: 1, tickers: ['AAPL'] })[0];
    const b = generateSampleUniverse({ endDate: END, seed: 2, tickers: ['AAPL'] })[0];
    expect(a.bars.map((x) => x.close)).to.not.deep.equal(b.bars.map((x) => x.close));
    expect(a.financials).to.not.deep.equal(b.financials);
    expect(a.profile).to.deep.equal(b.profile);
  });

  it('uses SAMPLE_SEED by default', () => {
    const explicit = generateSampleUniverse({ endDate: END, seed: SAMPLE_SEED, tickers: ['MSFT'] });
    expect(explicit[0]).to.deep.equal(bySymbol.get('MSFT')?.stock);
  });

  it("does not change a company's data when other companies are added or removed", () => {
    const subset = generateSampleUniverse({ endDate: END, tickers: ['JPM', 'NEE'] });
    expect(subset.map((s) => s.profile.ticker)).to.deep.equal(['JPM', 'NEE']);
    expect(subset[0]).to.deep.equal(bySymbol.get('JPM')?.stock);
    expect(subset[1]).to.deep.equal(bySymbol.get('NEE')?.stock);
    const single = generateStock(SAMPLE_UNIVERSE[0], { endDate: END });
    expect(single).to.deep.equal(universe[0]);
  });

  it('rejects unknown tickers and bad options', () => {
    expect(() => generateSampleUniverse({ endDate: END, tickers: ['AAPL', 'NOPE'] })).to.throw(/NOPE/);
    expect(() => generateSampleUniverse({ endDate: END, years: 0 })).to.throw(RangeError);
    expect(() => generateSampleUniverse({ endDate: '2025-13-01' })).to.throw(RangeError);
  });
});
