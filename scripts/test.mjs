#!/usr/bin/env node
// `npm test`: runs every workspace's mocha suite and closes with one line adding them up:
// "total: N passed, N failed, N skipped". Exits non-zero if any suite failed or crashed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const workspaces = ['server', 'client'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-tests-'));
const summaryFile = path.join(dir, 'summary.jsonl');
let crashed = false;

for (const ws of workspaces) {
  const pkg = JSON.parse(readFileSync(path.join(root, ws, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  console.log(`\n=== ${ws} ===`);
  const run = spawnSync('npm', ['test', '-w', ws, '--', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VIBEAPP_TEST_SUMMARY: summaryFile },
  });
  if (run.status !== 0) {
    console.error(`${ws}: test run exited with ${run.status ?? run.signal}`);
    crashed = true;
  }
}

let lines = [];
try {
  lines = readFileSync(summaryFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  crashed = true;
}
rmSync(dir, { recursive: true, force: true });
const total = lines.reduce(
  (t, l) => ({ passed: t.passed + l.passed, failed: t.failed + l.failed, skipped: t.skipped + l.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
// Named again at the very end, where a CI log cut to its tail still shows them.
const failures = lines.flatMap((l) => (l.failures ?? []).map((f) => `  - [${path.basename(l.cwd)}] ${f}`));
if (failures.length) console.log(`\nfailed:\n${failures.join('\n')}`);
if (crashed && total.failed === 0) total.failed = 1; // a suite that crashed before reporting counts as a failure
console.log(`\ntotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || crashed ? 1 : 0);
