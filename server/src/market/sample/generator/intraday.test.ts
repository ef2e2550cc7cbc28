import { expect } from 'chai';
import { type Derived, defaultUniverse, isCents } from '../../../../test-support/sample-stocks.ts';
import type { StockData } from '../../types.ts';
import { intradayState } from './intraday.ts';

describe('sample generator: intraday', () => {
  let bySymbol: Map<string, Derived>;

  before(() => {
    ({ bySymbol } = defaultUniverse());
  });

  it('moves from the open through the day to the close, inside the day range', () => {
    const stock = bySymbol.get('MSFT')?.stock as StockData;
    for (const bar of stock.bars.slice(-20)) {
      expect(intradayState(bar, 'MSFT', 0).price).to.equal(bar.open);
      expect(intradayState(bar, 'MSFT', 1)).to.deep.equal({
        price: bar.close,
        dayHigh: bar.high,
        dayLow: bar.low,
        volume: bar.volume,
      });
      let previous = intradayState(bar, 'MSFT', 0);
      const prices = new Set<number>();
      for (let f = 0.05; f < 1; f += 0.05) {
        const s = intradayState(bar, 'MSFT', f);
        prices.add(s.price);
        expect(s.price).to.be.within(s.dayLow, s.dayHigh);
        expect(s.dayHigh).to.be.within(previous.dayHigh, bar.high);
        expect(s.dayLow).to.be.within(bar.low, previous.dayLow);
        expect(s.volume).to.be.within(previous.volume, bar.volume);
        expect(isCents(s.price)).to.equal(true);
        previous = s;
      }
      expect(prices.size, bar.date).to.be.greaterThan(3);
    }
  });

  it('is deterministic in seed, ticker, day and time', () => {
    const bar = (bySymbol.get('KO') as Derived).stock.bars[10];
    const day = (seed: string) => [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => intradayState(bar, 'KO', f, seed));
    expect(day('s')).to.deep.equal(day('s'));
    expect(day('t').map((x) => x.price)).to.not.deep.equal(day('s').map((x) => x.price));
  });
});
