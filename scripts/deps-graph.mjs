#!/usr/bin/env node
// `npm run docs:deps`: redraws the picture of the server's layers in docs/ARCHITECTURE.md
// (between the layers-graph markers) from what dependency-cruiser finds: one box per folder
// (a routes module and the market's calendar, status and model have their own; the top-level
// entry files share one, the top-level infrastructure files another), placed in
// its layer (scripts/layers.cjs), one arrow per folder-to-folder import.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { LAYERS, layerOf } = createRequire(import.meta.url)('./layers.cjs');
const DOC = path.join(root, 'docs/ARCHITECTURE.md');
const START = '<!-- layers-graph:start (npm run docs:deps) -->';
const END = '<!-- layers-graph:end -->';

const json = execFileSync(
  path.join(root, 'node_modules/.bin/depcruise'),
  [
    'server/src',
    '--config',
    '.dependency-cruiser.cjs',
    '--include-only',
    '^server/src/',
    '--output-type',
    'json',
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
const { modules } = JSON.parse(json);

/** The box a module is drawn in: its folder, or itself for a top-level file. */
function boxOf(file) {
  const rel = file.replace(/^server\/src\//, '');
  if (/^market\/(calendar|status|types)\.ts$/.test(rel)) return 'market: calendar, status, types';
  if (/^(logger|config|sentry|version)\.ts$/.test(rel)) return 'logger, config, sentry, version';
  if (/^(main|worker|agendash)\.ts$/.test(rel)) return 'main, worker, agendash';
  const [first, ...rest] = rel.split('/');
  if (rest.length === 0) return first;
  if (first !== 'http' && rest.at(-1) === 'routes.ts' && rest.length === 1) return `${first}/routes`;
  return `${first}/`;
}

const boxes = new Map(); // box → layer
const edges = new Set();
for (const m of modules) {
  const from = boxOf(m.source);
  boxes.set(from, layerOf(m.source) ?? 'other');
  for (const d of m.dependencies) {
    if (!d.resolved.startsWith('server/src/')) continue;
    const to = boxOf(d.resolved);
    if (to !== from) edges.add(`${from}\t${to}`);
  }
}

const id = (box) => `n_${box.replace(/[^A-Za-z0-9]+/g, '_')}`;
const lines = ['```mermaid', 'flowchart TB'];
for (const [i, layer] of LAYERS.entries()) {
  const inLayer = [...boxes]
    .filter(([, l]) => l === layer.name)
    .map(([b]) => b)
    .sort();
  lines.push(`  subgraph L${i}["${layer.name}"]`, '    direction LR');
  for (const b of inLayer) lines.push(`    ${id(b)}["${b}"]`);
  lines.push('  end');
}
for (const e of [...edges].sort()) {
  const [from, to] = e.split('\t');
  lines.push(`  ${id(from)} --> ${id(to)}`);
}
lines.push('```');

const doc = readFileSync(DOC, 'utf8');
const a = doc.indexOf(START);
const b = doc.indexOf(END);
if (a < 0 || b < a) throw new Error(`docs/ARCHITECTURE.md: the markers ${START} … ${END} are missing`);
writeFileSync(DOC, `${doc.slice(0, a + START.length)}\n${lines.join('\n')}\n${doc.slice(b)}`);
console.log(`docs/ARCHITECTURE.md: ${boxes.size} boxes, ${edges.size} arrows`);
