import { expect } from 'chai';
import {
  createWatchlist,
  normalizeTicker,
  parseWatchlist,
  type StorageLike,
  WATCHLIST_KEY,
} from './watchlist.ts';

class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

describe('watchlist', () => {
  it('normalises tickers', () => {
    expect(normalizeTicker(' brk.b ')).to.equal('BRK.B');
    expect(normalizeTicker('aapl')).to.equal('AAPL');
    expect(normalizeTicker('')).to.equal(null);
    expect(normalizeTicker('<script>')).to.equal(null);
  });

  it('adds, removes and toggles, persisting to storage', () => {
    const storage = new MemoryStorage();
    const w = createWatchlist(storage);
    w.add('aapl');
    w.add('MSFT');
    w.add('AAPL');
    expect(w.list()).to.deep.equal(['AAPL', 'MSFT']);
    expect(JSON.parse(storage.getItem(WATCHLIST_KEY)!)).to.deep.equal(['AAPL', 'MSFT']);
    expect(w.toggle('msft')).to.equal(false);
    expect(w.toggle('nvda')).to.equal(true);
    expect(w.has('NVDA')).to.equal(true);
    w.remove('AAPL');
    expect(w.list()).to.deep.equal(['NVDA']);
  });

  it('reads what an earlier session stored', () => {
    const storage = new MemoryStorage();
    storage.setItem(WATCHLIST_KEY, JSON.stringify(['ko', 'KO', 'pep', 7, null]));
    expect(createWatchlist(storage).list()).to.deep.equal(['KO', 'PEP']);
  });

  it('survives corrupt, missing and failing storage', () => {
    expect(parseWatchlist('{not json')).to.deep.equal([]);
    expect(parseWatchlist('{"a":1}')).to.deep.equal([]);
    expect(parseWatchlist(null)).to.deep.equal([]);
    const failing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota exceeded');
      },
    };
    const w = createWatchlist(failing);
    w.add('AAPL');
    expect(w.list()).to.deep.equal(['AAPL']);
    const none = createWatchlist(null);
    none.add('T');
    expect(none.list()).to.deep.equal(['T']);
  });

  it('notifies subscribers and stops after unsubscribe', () => {
    const w = createWatchlist(new MemoryStorage());
    const seen: string[][] = [];
    const off = w.subscribe((l) => seen.push([...l]));
    w.add('A');
    w.clear();
    off();
    w.add('B');
    expect(seen).to.deep.equal([['A'], []]);
  });

  it('reloads after another tab changed storage', () => {
    const storage = new MemoryStorage();
    const w = createWatchlist(storage);
    storage.setItem(WATCHLIST_KEY, '["XOM"]');
    w.reload();
    expect(w.list()).to.deep.equal(['XOM']);
  });
});
