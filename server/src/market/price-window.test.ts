import { expect } from 'chai';
import { deriveQuote } from '../analysis/fundamentals.ts';
import {
  dateOfDay,
  decodeWindow,
  emptyWindow,
  encodeWindow,
  hasBar,
  mergeWindow,
  TAIL,
  WINDOW_DAYS,
  windowQuote,
} from './price-window.ts';
import { generateSampleUniverse } from './sample/generator/stocks.ts';

describe('price windows', () => {
  const [stock] = generateSampleUniverse({ endDate: '2026-11-27', tickers: ['MSFT'] });
  const bars = stock.bars;

  it('keep WINDOW_DAYS of bars back from the last and quote exactly as deriveQuote', () => {
    const w = mergeWindow(emptyWindow(), bars);
    const first = dateOfDay(w.days[0]);
    const kept = bars.filter((b) => b.date >= first);
    expect(w.days.length).to.equal(kept.length);
    expect(w.days[w.days.length - 1] - w.days[0]).to.be.at.most(WINDOW_DAYS);
    expect(bars.length - kept.length).to.be.greaterThan(200);
    expect(Array.from(w.close)).to.deep.equal(kept.map((b) => b.close));
    expect(windowQuote(w)).to.deep.equal(deriveQuote(bars));
  });

  it('append new bars, or merge a correction by date, to the same result as building from all bars', () => {
    const upTo = (n: number) => mergeWindow(emptyWindow(), bars.slice(0, n));
    const appended = mergeWindow(upTo(bars.length - 3), bars.slice(-3));
    const whole = upTo(bars.length);
    expect(appended).to.deep.equal(whole);
    const corrected = { ...bars[bars.length - 2], close: bars[bars.length - 2].close + 1 };
    expect(hasBar(whole, corrected)).to.equal(false);
    expect(hasBar(whole, bars[bars.length - 2])).to.equal(true);
    const merged = mergeWindow(whole, [corrected]);
    expect(merged.close[merged.close.length - 2]).to.equal(corrected.close);
    expect(merged.days).to.deep.equal(whole.days);
  });

  it('round-trip through the binary form exactly (opens and volumes of the last TAIL bars)', () => {
    const w = mergeWindow(emptyWindow(), bars);
    const back = decodeWindow(new Uint8Array(encodeWindow(w)));
    for (const k of ['days', 'close', 'high', 'low'] as const) expect(back[k]).to.deep.equal(w[k]);
    const n = w.days.length;
    expect(Array.from(back.volume.subarray(n - TAIL))).to.deep.equal(Array.from(w.volume.subarray(n - TAIL)));
    expect(Number.isNaN(back.open[0])).to.equal(true);
    expect(windowQuote(back)).to.deep.equal(windowQuote(w));
    expect(encodeWindow(w).byteLength).to.be.below(n * 28 + 600);
    expect(decodeWindow(encodeWindow(emptyWindow())).days.length).to.equal(0);
  });
});
