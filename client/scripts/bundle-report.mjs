#!/usr/bin/env node
/**
 * `npm run bench:client -w client`: build the client (timed, as `vite build` would run) and report
 * the gzip size of what index.html loads up front (the entry chunk and its static imports: the
 * overview page's initial JS) against the lazy chunks (other pages, the chart library).
 * Exits 1 when a budget is exceeded: initial JS > 50 kB gzip or a build over 30 s.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_INITIAL_JS_GZIP_KB = 50;
const BUDGET_BUILD_S = 30;

const clientDir = path.resolve(import.meta.dirname, '..');
const dist = path.join(clientDir, 'dist');
const require = createRequire(import.meta.url);
const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

const started = performance.now();
const run = spawnSync(process.execPath, [viteBin, 'build', '--manifest', '--logLevel', 'warn'], {
  cwd: clientDir,
  stdio: 'inherit',
  env: process.env,
});
const buildSeconds = (performance.now() - started) / 1000;
if (run.status !== 0) {
  console.error(`vite build failed (exit ${run.status})`);
  process.exit(1);
}

const manifestPath = path.join(dist, '.vite', 'manifest.json');
/** @type {Record<string, { file: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
// The manifest is only for this report: leave dist/ as a plain `npm run build` makes it.
rmSync(path.join(dist, '.vite'), { recursive: true, force: true });

const sizeOf = (file) => {
  const buf = readFileSync(path.join(dist, file));
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};

// What index.html loads before anything renders: its entry chunk and every chunk it imports statically.
const initial = new Set();
const initialCss = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const css of chunk.css ?? []) initialCss.add(css);
  for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

// The entry's own <script>/<link rel=modulepreload> tags must match (a sanity check on the manifest walk).
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const htmlJs = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
for (const f of htmlJs) initial.add(f);

const jsFiles = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js'));
const lazy = jsFiles.filter((f) => !initial.has(f));
const nameOf = (file) => {
  const entry = Object.entries(manifest).find(([, c]) => c.file === file);
  return entry ? entry[0] : file;
};

// A lazy page's own stylesheet, loaded with its chunk.
const lazyCss = [
  ...new Set(Object.values(manifest).flatMap((c) => (initial.has(c.file) ? [] : (c.css ?? [])))),
].filter((f) => !initialCss.has(f));

const kb = (n) => (n / 1024).toFixed(2).padStart(8);
const row = (label, file, s) =>
  console.log(`  ${label.padEnd(10)} ${kb(s.raw)} ${kb(s.gzip)}  ${file}  (${nameOf(file)})`);
const sum = (files) =>
  files.map(sizeOf).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });

console.log('\nVibeApp client bundle report');
console.log(`  ${''.padEnd(10)} ${'raw kB'.padStart(8)} ${'gzip kB'.padStart(8)}  file`);
for (const f of initial) row('initial', f, sizeOf(f));
for (const f of initialCss) row('css', f, sizeOf(f));
for (const f of lazyCss) row('lazy css', f, sizeOf(f));
for (const f of lazy.sort((a, b) => sizeOf(b).gzip - sizeOf(a).gzip)) row('lazy', f, sizeOf(f));

const initialJs = sum([...initial]);
const lazyJs = sum(lazy);
const css = sum([...initialCss]);
const cssLazy = sum(lazyCss);
const distBytes = statSync(path.join(dist, 'index.html')).size;
console.log('');
console.log(
  `  initial JS (index.html entry + static imports): ${kb(initialJs.gzip).trim()} kB gzip (${kb(initialJs.raw).trim()} kB raw) in ${initial.size} file(s); budget ${BUDGET_INITIAL_JS_GZIP_KB} kB`,
);
console.log(
  `  CSS: ${kb(css.gzip).trim()} kB gzip initial (${kb(css.raw).trim()} kB raw), ${kb(cssLazy.gzip).trim()} kB gzip in lazy pages (${kb(cssLazy.raw).trim()} kB raw) in ${lazyCss.length} file(s); index.html: ${(distBytes / 1024).toFixed(2)} kB`,
);
console.log(
  `  lazy JS: ${kb(lazyJs.gzip).trim()} kB gzip (${kb(lazyJs.raw).trim()} kB raw) in ${lazy.length} chunk(s)`,
);
console.log(`  build time: ${buildSeconds.toFixed(2)} s; budget ${BUDGET_BUILD_S} s`);

const problems = [];
if (initialJs.gzip / 1024 > BUDGET_INITIAL_JS_GZIP_KB) problems.push('initial JS over budget');
if (buildSeconds > BUDGET_BUILD_S) problems.push('build time over budget');
if (problems.length) {
  console.log(`\n  FAIL: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('\n  OK: within budgets');
