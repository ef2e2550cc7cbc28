import v8 from 'node:v8';
import vm from 'node:vm';
import { expect } from 'chai';
import { heapBytes, stringBytes } from './heap-size.ts';
import { ENTRY_OVERHEAD_BYTES, entryBytes, MemoryTier } from './memory.ts';

describe('heap size of cached values', () => {
  it('counts strings at one byte a character, two when any is beyond Latin-1, with a 16-byte header, in 8-byte steps', () => {
    expect(stringBytes('')).to.equal(16);
    expect(stringBytes('abc')).to.equal(24);
    expect(stringBytes('x'.repeat(9))).to.equal(32);
    expect(stringBytes('café')).to.equal(24); // é is Latin-1: still one byte
    expect(stringBytes(`${'a'.repeat(19)}—`)).to.equal(56); // the dash makes all 20 two bytes
  });

  it('counts numbers outside the small-integer range as boxed, except in arrays of numbers only', () => {
    expect(heapBytes(7)).to.equal(0);
    expect(heapBytes(2 ** 31 - 1)).to.equal(0);
    expect(heapBytes(2 ** 31)).to.equal(16);
    expect(heapBytes(1.5)).to.equal(16);
    expect(heapBytes(-0)).to.equal(16);
    expect(heapBytes([1.5, 2.5, 3])).to.equal(32 + 16 + 3 * 8);
    // A null among them: every element is a slot, and each double a box of its own.
    expect(heapBytes([null, 1.5, 3])).to.equal(32 + 16 + 3 * 8 + 16);
  });

  it('counts an object as a header and a slot a property, plus what each value holds', () => {
    expect(heapBytes({})).to.equal(24);
    expect(heapBytes({ a: 'x', b: 2, c: null, d: true })).to.equal(24 + 4 * 8 + 24);
    // Reached twice, counted twice: the estimate errs high, never low.
    const shared = 'y'.repeat(100);
    expect(heapBytes({ a: shared, b: shared })).to.equal(24 + 2 * 8 + 2 * stringBytes(shared));
  });

  it('errs high, but not by half, against the heap a realistic parsed body takes', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const item = (i: number) => ({
      ticker: `T${i}`,
      name: `Company number ${i} Incorporated`,
      sector: ['Technology', 'Energy', 'Utilities'][i % 3],
      price: 100 + i / 7,
      change_pct: (i % 13) / 10 - 0.6,
      market_cap: 1e9 * (i + 1),
      score: 40 + (i % 50) + 0.25,
      rank: i + 1,
      components: { value: 51.2, quality: 63.9, momentum: null },
      history: Array.from({ length: 12 }, (_, k) => 50 + k / 3),
    });
    const json = JSON.stringify({
      items: Array.from({ length: 50 }, (_, i) => item(i)),
      total: 147,
      page: 1,
    });
    const copies = 400;
    // Synchronous from here to the second measure: nothing else allocates meanwhile.
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: copies }, () => JSON.parse(json));
    gc();
    const measured = (process.memoryUsage().heapUsed - before - (32 + 16 + copies * 8)) / copies;
    const estimate = heapBytes(kept[0]);
    expect(kept).to.have.length(copies);
    expect(estimate / measured, `estimate ${estimate} B, measured ${Math.round(measured)} B`).to.be.within(
      1,
      1.5,
    );
  });
});

describe('the in-process tier counts what an entry holds', () => {
  const clock = { now: () => new Date(0) };

  it('an entry counts its bookkeeping, its key, its object and its JSON bytes', () => {
    const value = { ticker: 'AAPL', price: 190.5 };
    expect(entryBytes('stocks:detail:AAPL', value, 33)).to.equal(
      ENTRY_OVERHEAD_BYTES + stringBytes('stocks:detail:AAPL') + heapBytes(value) + 33,
    );
    const tier = new MemoryTier(100, 1_000_000, clock);
    tier.set('stocks:detail:AAPL', value, 60_000, 33);
    expect(tier.bytes).to.equal(entryBytes('stocks:detail:AAPL', value, 33));
  });

  it('stays within its byte bound, evicting the least recently used, and keeps no entry larger than the bound', () => {
    const value = (i: number) => ({ i, text: 'z'.repeat(1000) });
    const one = entryBytes('k:0', value(0), 1020);
    const tier = new MemoryTier(100, 3 * one, clock);
    for (let i = 0; i < 10; i++) tier.set(`k:${i}`, value(i), 60_000, 1020);
    expect(tier.entries).to.equal(3);
    expect(tier.bytes).to.be.at.most(3 * one);
    expect(tier.get('k:9')?.value).to.deep.equal(value(9));
    expect(tier.get('k:0')).to.equal(undefined);
    tier.set('huge', { text: 'z'.repeat(4 * one) }, 60_000, 4 * one);
    expect(tier.get('huge')).to.equal(undefined);
    expect(tier.entries).to.equal(3);
  });
});
