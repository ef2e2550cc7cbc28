import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer } from '../../test-support/app.ts';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';

describe('production mode: the API serves the built client', () => {
  let root: string;
  let dist: string;
  let tdb: TestDatabase;
  let base: string;
  let close: () => Promise<void>;

  before(async () => {
    // dist sits beside a sibling whose name starts with "dist" and a secret one level up:
    // neither may ever be served.
    root = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-static-'));
    dist = path.join(root, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    mkdirSync(path.join(root, 'dist-private'));
    writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
    writeFileSync(path.join(root, 'dist-private', 'secret.txt'), 'TOP-SECRET-SIBLING');
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>VibeApp</title><div id="app"></div>');
    writeFileSync(
      path.join(dist, 'assets', 'index-abc123.js'),
      'console.log(1)\n//# sourceMappingURL=index-abc123.js.map',
    );
    // Vite's build writes source maps beside the bundles: they stay private.
    writeFileSync(
      path.join(dist, 'assets', 'index-abc123.js.map'),
      '{"version":3,"sourcesContent":["SOURCE-MAP"]}',
    );
    writeFileSync(path.join(dist, 'root.js.map'), '{"version":3,"sourcesContent":["SOURCE-MAP"]}');
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    tdb = await createSqliteTestDb();
    await migrateLatest(tdb.db);
    const server = await startTestServer(tdb.db, {
      config: loadConfig({ NODE_ENV: 'production' }),
      app: { clientDist: dist },
    });
    base = server.url;
    close = server.close;
  });
  after(async () => {
    await close();
    await tdb.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes (SPA fallback), not cached', async () => {
    for (const route of ['/', '/stocks/AAPL', '/screener/value', '/status']) {
      const res = await fetch(base + route);
      expect(res.status, route).to.equal(200);
      expect(res.headers.get('content-type')).to.contain('text/html');
      expect(res.headers.get('cache-control')).to.equal('no-cache');
      expect(await res.text()).to.contain('<div id="app">');
    }
  });

  it('serves hashed assets with a one-year immutable cache, and 404s a missing one', async () => {
    const res = await fetch(`${base}/assets/index-abc123.js`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.match(/max-age=31536000.*immutable/);
    const missing = await fetch(`${base}/assets/nope-000.js`);
    expect(missing.status).to.equal(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).to.equal('route_not_found');
  });

  it('does not serve source maps, however the path is spelled (404, not index.html)', async () => {
    for (const probe of [
      '/assets/index-abc123.js.map',
      '/assets/index-abc123.js%2emap',
      '/assets/index-abc123.js.MAP',
      '/assets/index-abc123%2Ejs%2Emap',
      '/root.js.map',
    ]) {
      const res = await fetch(base + probe);
      const body = await res.text();
      expect(res.status, probe).to.equal(404);
      expect(body, probe).to.not.contain('SOURCE-MAP');
      expect(JSON.parse(body).error.code, probe).to.equal('route_not_found');
    }
    // The bundle itself is still served.
    expect((await fetch(`${base}/assets/index-abc123.js`)).status).to.equal(200);
  });

  it('serves other real files as they are and keeps the API paths', async () => {
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.headers.get('content-type')).to.contain('svg');
    expect((await fetch(`${base}/health`)).headers.get('content-type')).to.contain('json');
    expect((await fetch(`${base}/api/stocks`)).headers.get('content-type')).to.contain('json');
    const unknownApi = await fetch(`${base}/api/unknown`);
    expect(unknownApi.status).to.equal(404);
    expect(unknownApi.headers.get('content-type')).to.contain('json');
    expect((await fetch(`${base}/openapi.json`)).headers.get('content-type')).to.contain('json');
  });

  it('does not serve files outside the dist folder', async () => {
    const index = await (await fetch(`${base}/`)).text();
    for (const probe of [
      '/..%2fsecret.txt',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fdist-private%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await fetch(base + probe);
      const body = await res.text();
      expect(body, probe).to.not.match(/TOP-SECRET|root:/);
      // Either refused, or answered with the client's index.html (a client route).
      if (res.status === 200) expect(body, probe).to.equal(index);
      else expect([400, 403, 404], `${probe} → ${res.status}`).to.include(res.status);
    }
  });
});
