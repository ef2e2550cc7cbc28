/**
 * The HTTP edge against strangers: security headers on every answer (HSTS only over TLS,
 * which X-Forwarded-Proto may claim only with TRUST_PROXY), the per-client rate limit (429
 * in the error shape with Retry-After and RateLimit headers, probes exempt, X-Forwarded-For
 * believed only with TRUST_PROXY), shared through Redis when it is on, and failing open to
 * memory, never to a 5xx, when Redis is unreachable.
 */
import http from 'node:http';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { closedPort, TEST_REDIS_URL, uniquePrefix } from '../../test-support/cache.ts';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';

describe('HTTP edge: headers and rate limit', () => {
  let tdb: TestDatabase;
  const servers: TestServer[] = [];
  async function start(env: Record<string, string>): Promise<TestServer> {
    const server = await startTestServer(tdb.db, {
      config: loadConfig({ NODE_ENV: 'test', CACHE_KEY_PREFIX: uniquePrefix(), ...env }),
    });
    servers.push(server);
    return server;
  }

  before(async () => {
    tdb = await createSqliteTestDb();
    await migrateLatest(tdb.db);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  after(async () => tdb?.dispose());

  it('sends the CSP, frame-ancestors none, no-referrer and no Server-Timing outside development', async () => {
    const api = await start({});
    for (const path of ['/health', '/api/sectors', '/docs', '/api/nowhere']) {
      const res = await api.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).to.contain("default-src 'self'").and.contain("frame-ancestors 'none'");
      expect(csp, path).to.contain("script-src 'self'").and.not.contain('unsafe-eval');
      expect(res.headers.get('referrer-policy'), path).to.equal('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).to.equal('nosniff');
      expect(res.headers.get('server-timing'), path).to.equal(null);
      expect(res.headers.get('strict-transport-security'), path).to.equal(null);
    }
    // Without TRUST_PROXY a client cannot claim TLS.
    const claimed = await api.get('/health', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(claimed.headers.get('strict-transport-security')).to.equal(null);
  });

  it("sends helmet's headers, the same and in the same order, on every kind of answer", async () => {
    const api = await start({ RATE_LIMIT_PER_MINUTE: '3' });
    const expected: [string, string][] = [
      [
        'content-security-policy',
        "default-src 'self';base-uri 'self';script-src 'self';style-src 'self' 'unsafe-inline';" +
          "img-src 'self' data:;font-src 'self' data:;connect-src 'self';object-src 'none';" +
          "form-action 'self';frame-ancestors 'none'",
      ],
      ['cross-origin-opener-policy', 'same-origin'],
      ['cross-origin-resource-policy', 'same-origin'],
      ['origin-agent-cluster', '?1'],
      ['referrer-policy', 'no-referrer'],
      ['x-content-type-options', 'nosniff'],
      ['x-dns-prefetch-control', 'off'],
      ['x-download-options', 'noopen'],
      ['x-frame-options', 'SAMEORIGIN'],
      ['x-permitted-cross-domain-policies', 'none'],
      ['x-xss-protection', '0'],
    ];
    const names = new Set(expected.map(([n]) => n));
    const statuses = new Set<number>();
    for (const path of ['/health', '/api/sectors', '/api/nowhere', '/api/stocks?nope=1', '/api/sectors']) {
      const res = await api.get(path);
      statuses.add(res.status);
      const sent = [...res.headers].filter(([n]) => names.has(n));
      // Headers iterate sorted by name: compare as sets, and the order on the wire below.
      expect(sent, `${path} (${res.status})`).to.deep.equal(
        [...expected].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    expect([...statuses]).to.include.members([200, 404, 400, 429]);
    const raw = await new Promise<string[]>((resolve, reject) =>
      http.get(`${api.url}/health`, (res) => resolve(res.rawHeaders)).on('error', reject),
    );
    const order = raw
      .filter((_, i) => i % 2 === 0)
      .map((n) => n.toLowerCase())
      .filter((n) => names.has(n));
    expect(order).to.deep.equal(expected.map(([n]) => n));
  });

  it('sends HSTS when a trusted proxy says the request came over TLS', async () => {
    const api = await start({ TRUST_PROXY: 'true' });
    const res = await api.get('/health', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).to.match(/^max-age=\d+/);
    expect((await api.get('/health')).headers.get('strict-transport-security')).to.equal(null);
  });

  it('sends Server-Timing in development only', async () => {
    const api = await start({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    expect((await api.get('/health')).headers.get('server-timing')).to.match(/^app;dur=/);
  });

  it('answers 429 rate_limited with Retry-After past the limit; probes are not counted', async () => {
    const api = await start({ RATE_LIMIT_PER_MINUTE: '3' });
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.get('/api/sectors');
      expect(res.status).to.equal(200);
      expect(res.headers.get('ratelimit-limit')).to.equal('3');
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(remaining).to.deep.equal(['2', '1', '0']);
    const limited = await api.get('/api/sectors');
    expect(limited.status).to.equal(429);
    expect(limited.body.error.code).to.equal('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
    expect(Number(limited.headers.get('ratelimit-reset'))).to.be.within(1, 60);
    expect(limited.headers.get('ratelimit-remaining')).to.equal('0');
    expect(limited.headers.get('content-security-policy')).to.contain("frame-ancestors 'none'");
    expect((await api.get('/health')).status).to.equal(200);
    // Without TRUST_PROXY, X-Forwarded-For does not make a new client.
    const spoofed = await api.get('/api/sectors', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(spoofed.status).to.equal(429);
  });

  it('takes the client from X-Forwarded-For with TRUST_PROXY', async () => {
    const api = await start({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'true' });
    const as = (ip: string) => api.get('/api/sectors', { headers: { 'X-Forwarded-For': ip } });
    expect((await as('203.0.113.1')).status).to.equal(200);
    expect((await as('203.0.113.1')).status).to.equal(429);
    expect((await as('203.0.113.2')).status).to.equal(200);
  });

  it('sets no limit with RATE_LIMIT_PER_MINUTE=0', async () => {
    const api = await start({ RATE_LIMIT_PER_MINUTE: '0' });
    for (let i = 0; i < 20; i++) expect((await api.get('/api/sectors')).status).to.equal(200);
    expect((await api.get('/api/sectors')).headers.get('ratelimit-limit')).to.equal(null);
  });

  it('fails open to memory, never to a 5xx, when Redis is unreachable, and says so once', async () => {
    const port = await closedPort();
    const api = await start({
      RATE_LIMIT_PER_MINUTE: '2',
      REDIS_ENABLED: 'true',
      REDIS_URL: `redis://127.0.0.1:${port}/0`,
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/api/sectors')).status);
    expect(statuses).to.deep.equal([200, 200, 429, 429]);
    const warned = api.logged.filter((l) => l.level === 'warn' && /rate limit: Redis failed/.test(l.msg));
    expect(warned).to.have.length(1);
  });

  (TEST_REDIS_URL ? it : it.skip)(
    'counts in Redis: two API processes share one budget per client',
    async () => {
      const prefix = uniquePrefix();
      const env = {
        RATE_LIMIT_PER_MINUTE: '2',
        REDIS_ENABLED: 'true',
        REDIS_URL: TEST_REDIS_URL ?? '',
        REDIS_COMMAND_TIMEOUT_MS: '1000',
        CACHE_KEY_PREFIX: prefix,
      };
      const a = await start(env);
      const b = await start(env);
      // The limiter's own Redis connections come up on their own (a request before that
      // would be counted in memory, failing open).
      await new Promise((r) => setTimeout(r, 500));
      expect((await a.get('/api/sectors')).status).to.equal(200);
      expect((await b.get('/api/sectors')).status).to.equal(200);
      expect((await a.get('/api/sectors')).status).to.equal(429);
      expect((await b.get('/api/sectors')).status).to.equal(429);
    },
  );
});
