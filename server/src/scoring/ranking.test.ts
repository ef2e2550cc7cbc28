import { expect } from 'chai';
import { syntheticUniverse } from '../../test-support/synthetic-scores.ts';
import { scoreUniverse } from './engine.ts';
import { compareTickers, rankOrder, rankScores } from './ranking.ts';
import type { ScoreInput, ScoreResult } from './types.ts';

/** The k of the explanation's "Ranks #k of n". */
const explainedRank = (r: ScoreResult) =>
  Number(/#([\d,]+) of/.exec(r.explanation.summary)?.[1].replace(/,/g, '') ?? Number.NaN);

describe('ranking', () => {
  it('orders by score descending, then ticker by code unit', () => {
    const order = rankOrder([
      { ticker: 'aa', score: 50 },
      { ticker: 'AB', score: 50 },
      { ticker: 'ZZ', score: 60.1 },
      { ticker: 'A.B', score: 50 },
      { ticker: 'AA', score: 50 },
      { ticker: 'A', score: 49.9 },
    ]).map((r) => r.ticker);
    expect(order).to.deep.equal(['ZZ', 'A.B', 'AA', 'AB', 'aa', 'A']);
  });

  it('puts tickers in one order whatever the locale', () => {
    // localeCompare puts 'aa' before 'AB' in English (and 'AA' after 'Z' in Danish).
    expect(compareTickers('AB', 'aa')).to.be.below(0);
    expect(compareTickers('AA', 'Z')).to.be.below(0);
    expect(compareTickers('BRK.B', 'BRKB')).to.be.below(0);
    expect(compareTickers('X', 'X')).to.equal(0);
  });

  it('numbers each sector in the same order as the universe', () => {
    const results = [
      { ticker: 'B', score: 70 },
      { ticker: 'a', score: 80 },
      { ticker: 'C', score: 80 },
      { ticker: 'D', score: 10 },
    ];
    const sectors = new Map([
      ['a', 'Energy'],
      ['B', 'Energy'],
      ['C', 'Utilities'],
      ['D', 'Energy'],
    ]);
    const { rank, sectorRank } = rankScores(results, sectors);
    expect(Object.fromEntries(rank)).to.deep.equal({ C: 1, a: 2, B: 3, D: 4 });
    expect(Object.fromEntries(sectorRank)).to.deep.equal({ C: 1, a: 1, B: 2, D: 3 });
  });

  describe('with planted ties in a scored universe', () => {
    // Copies of a stock under other tickers tie with it on every score; the tickers differ in
    // case and punctuation, where a locale-aware comparison orders them differently.
    const base = syntheticUniverse(40, 300, 4);
    const copies = (s: ScoreInput, tickers: string[]) => tickers.map((ticker) => ({ ...s, ticker }));
    const universe = [
      ...base,
      ...copies(base[0], ['aa', 'AB', 'A.B', 'Ab']),
      ...copies(base[7], ['zz', 'ZZ', 'Z-Z']),
    ];
    const results = scoreUniverse(universe);
    const sectors = new Map(universe.map((s) => [s.ticker, s.sector]));

    it('ranks tied stocks by ticker', () => {
      const tied = results.filter((r) => r.score === results.find((x) => x.ticker === 'aa')?.score);
      const planted = tied.map((r) => r.ticker).filter((t) => ['aa', 'AB', 'A.B', 'Ab'].includes(t));
      expect(planted).to.deep.equal(['A.B', 'AB', 'Ab', 'aa']);
      for (let i = 1; i < tied.length; i++)
        expect(compareTickers(tied[i - 1].ticker, tied[i].ticker)).to.equal(-1);
    });

    it('gives every stock the same rank in its explanation, its result and the stored ranks', () => {
      const stored = rankScores(results, sectors);
      for (const r of results) {
        expect(explainedRank(r), r.ticker).to.equal(stored.rank.get(r.ticker));
        expect(r.rank, r.ticker).to.equal(stored.rank.get(r.ticker));
      }
    });
  });
});
