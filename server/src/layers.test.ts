import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A tree that breaks each rule of .dependency-cruiser.cjs once, as `importer → imported`. */
const BREAKS: Record<string, [string, string]> = {
  'no-circular': ['server/src/cache/a.ts', 'server/src/cache/b.ts'],
  'no-import-of-entry-points': ['server/src/db/x.ts', 'server/src/cli/tool.ts'],
  'root-only-from-entry-points': ['server/src/http/deps.ts', 'server/src/app-context.ts'],
  'no-upward-import-of-interface': ['server/src/stocks/service.ts', 'server/src/http/errors.ts'],
  'no-upward-import-of-use-cases': ['server/src/market/ingest.ts', 'server/src/scoring-runs/recompute.ts'],
  'domain-imports-no-infrastructure': ['server/src/scoring/engine.ts', 'server/src/logger.ts'],
  'client-never-imports-server': ['client/src/api/types.ts', 'server/src/api/schemas.ts'],
};

describe('the dependency rules (npm run lint:deps)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-layers-'));
    const write = (file: string, body: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), body, { flag: 'a' });
    };
    for (const [from, to] of Object.values(BREAKS)) {
      const spec = path.relative(path.dirname(from), to);
      write(from, `import '${spec.startsWith('.') ? spec : `./${spec}`}';\n`);
      write(to, 'export {};\n');
    }
    write('server/src/cache/b.ts', "import './a.ts';\n");
    // Allowed: a routes module imports the HTTP layer; a use case imports infrastructure and domain.
    write('server/src/stocks/routes.ts', "import '../http/route.ts';\n");
    write('server/src/http/route.ts', 'export {};\n');
    write(
      'server/src/ingest/service.ts',
      "import '../market/repository.ts';\nimport '../scoring/engine.ts';\n",
    );
    write('server/src/market/repository.ts', "import './types.ts';\n");
    write('server/src/market/types.ts', 'export {};\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("fails on each kind of violation, naming the rule, and lets the layers' own imports through", async () => {
    const bin = path.join(ROOT, 'node_modules/.bin/depcruise');
    const config = path.join(ROOT, '.dependency-cruiser.cjs');
    let out = '';
    let code = 0;
    try {
      await promisify(execFile)(bin, ['server/src', 'client/src', '--config', config], { cwd: dir });
    } catch (err) {
      const e = err as { code: number; stdout: string };
      code = e.code;
      out = e.stdout;
    }
    expect(code, out).to.not.equal(0);
    const reported = [...out.matchAll(/error (\S+): (\S+) → (\S+)/g)].map(
      (m) => `${m[1]}: ${m[2]} → ${m[3]}`,
    );
    const expected = Object.entries(BREAKS)
      .filter(([rule]) => rule !== 'no-circular')
      .map(([rule, [from, to]]) => `${rule}: ${from} → ${to}`);
    expect(reported.sort()).to.deep.equal(expected.sort());
    expect(out).to.match(
      /error no-circular: server\/src\/cache\/a\.ts →\s+server\/src\/cache\/b\.ts →\s+server\/src\/cache\/a\.ts/,
    );
  });
});
