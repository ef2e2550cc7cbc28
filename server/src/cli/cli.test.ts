import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const SERVER_DIR = path.resolve(import.meta.dirname, '..', '..');

/** Run a CLI entry point as a real process; returns its exit code and output. */
function run(script: string, env: Record<string, string>, args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineFailure(r: ReturnType<typeof run>, pattern: RegExp) {
  expect(r.code, r.stderr).to.equal(1);
  expect(r.stderr).to.match(pattern);
  expect(r.stderr, 'no stack trace').to.not.match(/\n\s+at /);
}

describe('command-line entry points on bad input', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reject a malformed DATABASE_URL before touching anything', () => {
    const r = run('migrate', { DATABASE_URL: 'mysql://root@db/x' });
    expectOneLineFailure(r, /DATABASE_URL: unsupported scheme/);
  });

  it('name an unreachable PostgreSQL server in one line', () => {
    const r = run('migrate', { DATABASE_URL: 'postgres://vibeapp@127.0.0.1:1/vibeapp' });
    expectOneLineFailure(r, /^migrate: connect ECONNREFUSED 127\.0\.0\.1:1\s*$/);
  });

  it('name a data folder that cannot be written', () => {
    // A regular file where the folder should be: fails for root too.
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const r = run('setup', { DATABASE_URL: `sqlite:${blocker}/vibeapp.db` });
    expectOneLineFailure(r, /^setup: data folder .*not-a-folder is not writable \((ENOTDIR|EEXIST)\)/);
  });

  it('reject unknown arguments with the usage', () => {
    expectOneLineFailure(run('seed', {}, ['--bogus']), /seed: Unknown option '--bogus'; usage: seed/);
    expectOneLineFailure(run('migrate', {}, ['sideways']), /usage: migrate/);
    expectOneLineFailure(run('migrate', {}, ['make', 'Bad-Name']), /migration name must be snake_case/);
  });

  it('migrate, report status and roll back on a file database', () => {
    const env = { DATABASE_URL: `sqlite:${dir}/cli.db` };
    const n = readdirSync(path.join(SERVER_DIR, 'src/db/migrations')).filter((f) => f.endsWith('.ts')).length;
    expect(run('migrate', env).stdout).to.match(/applied .*create_market_tables/);
    expect(run('migrate', env).stdout).to.contain('already up to date');
    expect(run('migrate', env, ['status']).stdout).to.contain(`${n} applied, 0 pending`);
    expect(run('migrate', env, ['rollback', '--all']).stdout).to.match(/rolled back/);
    expect(run('migrate', env, ['status']).stdout).to.contain(`0 applied, ${n} pending`);
  });
});
