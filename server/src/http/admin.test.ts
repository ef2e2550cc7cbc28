/**
 * Strangers stay out: the operational routes answer only with the admin token, are off (not
 * open) without one configured, and no public body carries SQL, a host or a stack.
 */
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';

const ADMIN_ROUTES = ['/api/system/jobs', '/api/system/cache'];

describeEachDatabase('the admin token', (get) => {
  let api: TestServer;
  before(async function () {
    this.timeout(60_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'admin-test', historyPoints: 8 });
    api = await startTestServer(get().db);
  });
  after(() => api?.close());

  for (const path of ADMIN_ROUTES) {
    it(`${path}: 401 with WWW-Authenticate without the token or with a wrong one, 200 with it`, async () => {
      for (const headers of [
        {} as Record<string, string>,
        { Authorization: 'Bearer wrong-token-wrong-token' },
        { Authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` },
        { Authorization: `Bearer ${api.ctx.config.adminToken}x` },
      ]) {
        const res = await api.get(path, { headers });
        expect(res.status, JSON.stringify(headers)).to.equal(401);
        expect(res.body.error.code).to.equal('unauthorized');
        expect(res.headers.get('www-authenticate')).to.match(/^Bearer /);
      }
      // Unknown parameters are not checked before the token: a stranger learns nothing.
      expect((await api.get(`${path}?x=1`)).status).to.equal(401);
      const ok = await api.admin(path);
      expect(ok.status).to.equal(200);
      expect(ok.headers.get('www-authenticate')).to.equal(null);
    });
  }

  it('keeps /health and the data routes public', async () => {
    for (const path of ['/health', '/api/stocks?limit=1', '/api/market/status', '/openapi.json']) {
      expect((await api.get(path)).status, path).to.equal(200);
    }
  });

  it('documents the token as a bearer scheme on the admin routes and none on the public ones', async () => {
    const doc = (await api.get('/openapi.json')).body;
    expect(doc.components.securitySchemes.adminToken).to.deep.include({ type: 'http', scheme: 'bearer' });
    for (const [path, item] of Object.entries(doc.paths) as [string, { get: Record<string, unknown> }][]) {
      const op = item.get as { security: unknown; responses: Record<string, unknown> };
      if (ADMIN_ROUTES.includes(path)) {
        expect(op.security, path).to.deep.equal([{ adminToken: [] }]);
        expect(op.responses, path).to.include.keys('401', '403');
      } else {
        expect(op.security, path).to.deep.equal([]);
      }
    }
    expect(doc.servers).to.be.an('array').that.is.not.empty;
  });
});

describeEachDatabase('without ADMIN_TOKEN', (get) => {
  it('turns the operational routes off: 403 admin_disabled, whatever is sent', async () => {
    const api = await startTestServer(get().db, { noAdminToken: true });
    try {
      for (const path of ADMIN_ROUTES) {
        for (const headers of [
          {} as Record<string, string>,
          { Authorization: 'Bearer anything-at-all-here' },
        ]) {
          const res = await api.get(path, { headers });
          expect(res.status, path).to.equal(403);
          expect(res.body.error.code).to.equal('admin_disabled');
        }
      }
    } finally {
      await api.close();
    }
  });
});

describe('ADMIN_TOKEN in the configuration', () => {
  it('refuses a short token and accepts none or a long one', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).to.throw(/ADMIN_TOKEN must be at least 16/);
    expect(loadConfig({}).adminToken).to.equal('');
    expect(loadConfig({ ADMIN_TOKEN: ' 0123456789abcdef0123 ' }).adminToken).to.equal('0123456789abcdef0123');
  });
});

describeEachDatabase('public error bodies', (get) => {
  it('carry no SQL, values, hosts or stacks when a query fails on a public route', async () => {
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'admin-test', historyPoints: 8 });
    const api = await startTestServer(get().db);
    try {
      // A broken schema: every query that reads scores fails in the database.
      await get().db.schema.renameTable('scores', 'scores_moved');
      try {
        const res = await api.get('/api/stocks/AAPL');
        expect(res.status).to.equal(500);
        expect(res.body).to.deep.equal({
          error: { code: 'internal_error', message: 'Internal server error' },
        });
        const line = api.logged.find((l) => l.msg === 'unhandled error');
        const message = String((line?.err as { message?: string })?.message);
        // The log has the driver's message after the SQL with its placeholders (knex's
        // compileSqlOnError: false), never the bound values.
        expect(message).to.match(/scores/);
        expect(message).to.not.contain('AAPL');
      } finally {
        await get().db.schema.renameTable('scores_moved', 'scores');
      }
    } finally {
      await api.close();
    }
  });
});
