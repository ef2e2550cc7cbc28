/**
 * The build always ships the production bundle: a `.env` copied from `.env.example`
 * (NODE_ENV=development) or NODE_ENV=development in the shell must not turn
 * `npm run build` into a development build (preact/debug included, the development
 * build of the chart library: about twice the size).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const CLIENT = path.resolve(import.meta.dirname, '..');
const VITE = path.join(CLIENT, '..', 'node_modules', 'vite', 'bin', 'vite.js');
/** Strings only development bundles carry (preact/debug's checks and devtools hook). */
const DEV_ONLY = ['Undefined component passed to createElement', '__PREACT_DEVTOOLS__'];

function buildWith(env: Record<string, string | undefined>, outDir: string): Map<string, string> {
  const clean = { ...process.env };
  delete clean.NODE_ENV;
  delete clean.VITE_USER_NODE_ENV;
  const run = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: CLIENT, env: { ...clean, ...env }, encoding: 'utf8' },
  );
  expect(run.status, `${run.stdout}\n${run.stderr}`).to.equal(0);
  const assets = path.join(outDir, 'assets');
  return new Map(
    readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, readFileSync(path.join(assets, f), 'utf8')]),
  );
}

describe('client build', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-build-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('produces the production bundle whatever NODE_ENV the shell or .env holds', function () {
    this.timeout(120_000);
    const production = buildWith({}, path.join(dir, 'plain'));
    for (const text of production.values()) for (const s of DEV_ONLY) expect(text).to.not.contain(s);

    const cases = {
      // NODE_ENV=development exported in the shell.
      shell: { NODE_ENV: 'development' },
      // What vite's loadEnv turns a .env line NODE_ENV=development into (the config reads the repo's .env).
      dotenv: { VITE_USER_NODE_ENV: 'development' },
    };
    for (const [name, env] of Object.entries(cases)) {
      const built = buildWith(env, path.join(dir, name));
      for (const [file, text] of built) {
        for (const s of DEV_ONLY)
          expect(text, `${name}: ${file} has development-only code`).to.not.contain(s);
      }
      // Same content hashes: byte-for-byte the production bundle.
      expect([...built.keys()].sort(), name).to.deep.equal([...production.keys()].sort());
    }
  });
});
