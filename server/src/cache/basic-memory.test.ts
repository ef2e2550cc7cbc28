import { expect } from 'chai';
import { fixedClock } from '../clock.ts';
import { createBasicMemoryCache, globToRegExp } from './basic-memory.ts';

describe('basic memory cache', () => {
  it('answers MISS then HIT, and loads once for concurrent misses', async () => {
    const cache = createBasicMemoryCache();
    let loads = 0;
    const loader = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { n: 1 };
    };
    const [a, b] = await Promise.all([cache.getOrSet('k', 60, loader), cache.getOrSet('k', 60, loader)]);
    expect([a.outcome, b.outcome]).to.deep.equal(['MISS', 'MISS']);
    expect(loads).to.equal(1);
    expect(await cache.getOrSet('k', 60, loader)).to.deep.equal({ value: { n: 1 }, outcome: 'HIT' });
    expect(await cache.stats()).to.include({ backend: 'memory', hits: 1, misses: 2, keys: 1 });
  });

  it('expires entries after their TTL', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const cache = createBasicMemoryCache({ clock });
    await cache.set('k', 'v', 10);
    clock.advance(9_999);
    expect(await cache.get('k')).to.equal('v');
    clock.advance(1);
    expect(await cache.get('k')).to.equal(undefined);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = createBasicMemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.set('c', 3, 60);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).to.deep.equal([
      undefined,
      2,
      3,
    ]);
  });

  it('invalidates by glob pattern, and a load racing an invalidation is not stored', async () => {
    const cache = createBasicMemoryCache();
    await cache.set('stocks:list:1', 1, 60);
    await cache.set('stocks:detail:AAPL', 2, 60);
    await cache.set('screener:universe:x', 3, 60);
    expect(await cache.invalidate('stocks:*')).to.equal(2);
    expect(await cache.get('screener:universe:x')).to.equal(3);
    let release: () => void = () => {};
    const pending = cache.getOrSet(
      'screener:universe:y',
      60,
      () => new Promise<number>((r) => (release = () => r(4))),
    );
    await cache.invalidate('screener:*');
    release();
    expect((await pending).value).to.equal(4);
    expect(await cache.get('screener:universe:y')).to.equal(undefined);
    expect(globToRegExp('stocks:detail:?').test('stocks:detail:A')).to.equal(true);
    expect(globToRegExp('a.b*').test('axb')).to.equal(false);
  });
});
