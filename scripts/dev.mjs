#!/usr/bin/env node
// `npm run dev` on a bare machine: setup (migrate, seed if empty: safe to run twice or at
// once), then the API, the worker and the Vite client together, each reloading on change.
// Ctrl-C stops all of them. The worker joins once the project defines `dev:worker`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const setup = spawnSync(npm, ['run', '--silent', 'setup'], { cwd: root, stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

const parts = [
  ['api', 'dev:api', 'blue'],
  ['worker', 'dev:worker', 'green'],
  ['client', 'dev:client', 'magenta'],
].filter(([, script]) => scripts[script]);
const args = [
  'concurrently',
  '-k',
  '-n',
  parts.map(([name]) => name).join(','),
  '-c',
  parts.map(([, , color]) => color).join(','),
  ...parts.map(([, script]) => `npm:${script}`),
];
const child = spawn('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
