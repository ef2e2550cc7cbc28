/**
 * `npm run bench:scoring`: time the composite scoring of a 5,000-stock universe (the
 * pure engine that recomputeScores runs), cold (first call in the process) and warm.
 * Data: the sample generator's synthetic universe, two years of bars each.
 *
 *   npm run bench:scoring -- [--stocks 5000] [--runs 10]
 */
import { parseArgs } from 'node:util';
import { deriveFundamentals } from '../src/analysis/fundamentals.ts';
import { generateSyntheticUniverse } from '../src/market/sample/generator/stocks.ts';
import { type ScoreInput, scoreUniverse } from '../src/scoring/engine.ts';

const { values } = parseArgs({
  options: { stocks: { type: 'string', default: '5000' }, runs: { type: 'string', default: '10' } },
});
const n = Number(values.stocks);
const runs = Number(values.runs);

let t = performance.now();
const data = generateSyntheticUniverse(n, { seed: 'bench', endDate: '2026-11-27' });
const genMs = performance.now() - t;
const inputs: ScoreInput[] = data.map((d) => {
  const closes = d.bars.map((b) => b.close);
  return {
    ticker: d.profile.ticker,
    sector: d.profile.sector,
    industry: d.profile.industry,
    fundamentals: deriveFundamentals(d.financials, closes[closes.length - 1], d.profile.beta),
    financials: d.financials,
    closes,
    highs: d.bars.map((b) => b.high),
    lows: d.bars.map((b) => b.low),
  };
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
t = performance.now();
scoreUniverse(inputs);
const coldMs = performance.now() - t;
const warm: number[] = [];
const lean: number[] = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  scoreUniverse(inputs);
  warm.push(performance.now() - t);
  t = performance.now();
  scoreUniverse(inputs, { explain: false });
  lean.push(performance.now() - t);
}
console.log(`generated ${n} stocks × ${data[0].bars.length} bars in ${genMs.toFixed(0)} ms`);
console.log(`score ${n} stocks, first call (cold JIT):        ${coldMs.toFixed(0)} ms`);
console.log(
  `score ${n} stocks, warm median of ${runs}:          ${median(warm).toFixed(0)} ms (min ${Math.min(...warm).toFixed(0)})`,
);
console.log(`score ${n} stocks, warm, without explanations: ${median(lean).toFixed(0)} ms`);
