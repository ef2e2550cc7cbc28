#!/usr/bin/env node
/**
 * `npm run build -w server [-- --out-dir <dir>]`: server/src compiled by tsc
 * (tsconfig.build.json) into server/dist, which plain `node` runs (the production image:
 * `node server/dist/cli/role.js <role>`). The output directory is emptied first, so a deleted
 * source leaves no stale module behind. Tests, fault tests, benchmarks and test support are
 * not compiled; the build fails if one got in.
 *
 * The output must sit directly in server/ (dist, or the build test's scratch directory there):
 * modules reach server/package.json (`"type": "module"`, the version) and the repository root
 * (client/dist, .env) by relative paths, as the sources do from server/src. Migrations compile
 * with the rest (db/migrations/*.js); knex records them under their `.ts` names
 * (src/db/migrate.ts). Nothing else is read from beside the modules at run time.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const SERVER = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const outDir = path.resolve(SERVER, values['out-dir']);
if (path.dirname(outDir) !== SERVER) {
  console.error(`build: --out-dir must be a directory directly in server/, got ${outDir}`);
  process.exit(2);
}

const started = performance.now();
rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
  cwd: SERVER,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);

const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' });
const strays = files.filter((f) => /\.(test|fault)\.js$|(^|\/)(bench|test-support)(\/|$)/.test(f));
if (strays.length > 0) {
  console.error(`build: test or benchmark code in the output: ${strays.join(', ')}`);
  process.exit(1);
}
// The image links `vibeapp` on its PATH to the role entry.
chmodSync(path.join(outDir, 'cli', 'role.js'), 0o755);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `build: ${files.filter((f) => f.endsWith('.js')).length} modules in ${path.relative(SERVER, outDir)}/ (${seconds} s)`,
);
