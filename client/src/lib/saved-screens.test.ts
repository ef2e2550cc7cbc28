import { expect } from 'chai';
import { cleanName, createSavedScreens, parseSavedScreens, SAVED_SCREENS_KEY } from './saved-screens.ts';
import type { StorageLike } from './watchlist.ts';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

describe('saved screens', () => {
  it('saves by name, sorted, and keeps them in storage as JSON', () => {
    const storage = memoryStorage();
    const s = createSavedScreens(storage);
    expect(s.save('Value tech', '?sector=Information+Technology&pe_max=15')).to.equal(true);
    expect(s.save('  Big   payers ', 'dividend_yield_min=0.03')).to.equal(true);
    expect(s.list()).to.deep.equal([
      { name: 'Big payers', query: 'dividend_yield_min=0.03' },
      { name: 'Value tech', query: 'sector=Information+Technology&pe_max=15' },
    ]);
    expect(JSON.parse(storage.data[SAVED_SCREENS_KEY] ?? '[]')).to.have.length(2);
    // A new store over the same storage (a reload) finds them.
    expect(createSavedScreens(storage).list()).to.deep.equal(s.list());
  });

  it('replaces a screen of the same name whatever its case, refuses an empty name, removes by name', () => {
    const s = createSavedScreens(memoryStorage());
    s.save('Cheap', 'pe_max=10');
    s.save('cheap', 'pe_max=12');
    expect(s.list()).to.deep.equal([{ name: 'cheap', query: 'pe_max=12' }]);
    expect(s.save('   ', 'x=1')).to.equal(false);
    s.remove('CHEAP');
    expect(s.list()).to.deep.equal([]);
  });

  it('tells subscribers and stops when they unsubscribe', () => {
    const s = createSavedScreens(memoryStorage());
    const seen: number[] = [];
    const off = s.subscribe((l) => seen.push(l.length));
    s.save('a', 'q=a');
    s.save('b', 'q=b');
    off();
    s.remove('a');
    expect(seen).to.deep.equal([1, 2]);
  });

  it('survives corrupt, foreign or missing storage', () => {
    expect(parseSavedScreens('not json')).to.deep.equal([]);
    expect(parseSavedScreens('{"a":1}')).to.deep.equal([]);
    expect(
      parseSavedScreens(
        JSON.stringify([{ name: 'ok', query: '?a=1' }, { name: 5 }, null, { name: 'OK', query: '' }]),
      ),
    ).to.deep.equal([{ name: 'ok', query: 'a=1' }]);
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    const s = createSavedScreens(throwing);
    expect(s.list()).to.deep.equal([]);
    s.save('in memory', 'pe_max=1');
    expect(s.list()).to.deep.equal([{ name: 'in memory', query: 'pe_max=1' }]);
    const none = createSavedScreens(null);
    none.save('x', 'y=1');
    expect(none.list()).to.have.length(1);
  });

  it('cleans names: trimmed, spaces collapsed, at most 60 characters', () => {
    expect(cleanName('  a \n b  ')).to.equal('a b');
    expect(cleanName('x'.repeat(80))).to.have.length(60);
  });
});
