/**
 * The cache as HTTP clients see it, on every database of the matrix, with the in-process
 * tier alone and (when TEST_REDIS_URL is set) in front of the real Redis: X-Cache MISS then
 * HIT, MISS again after an ingest, ETag revalidation (304) and a new ETag once the data
 * changed, the statistics route, and /health degraded while Redis is unreachable.
 */
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { revalidate, startTestServer, type TestServer } from '../../test-support/app.ts';
import { closedPort, dropPrefix, TEST_REDIS_URL, uniquePrefix } from '../../test-support/cache.ts';
import { createSqliteTestDb, describeEachDatabase, type TestDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { waitFor } from '../../test-support/wait.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { ScoreHistory, StockDetail } from '../stocks/schemas.ts';
import { CacheStats, Health } from '../system/schemas.ts';

const END_DATE = '2026-11-27';
/** Later sessions an ingest moves AAPL's quote to, so its detail and the lists change each time. */
const LATER_SESSIONS = ['2026-12-04', '2026-12-11', '2026-12-18'];

const TIERS = [
  { name: 'in-process tier', redisUrl: undefined, skip: undefined },
  {
    name: 'in-process tier + Redis',
    redisUrl: TEST_REDIS_URL,
    skip: TEST_REDIS_URL ? undefined : 'TEST_REDIS_URL not set',
  },
] as const;

/** A GET with the given request headers, the body as bytes (no decoding). */
function getRaw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

function testConfig(prefix: string, redisUrl?: string) {
  return loadConfig({
    NODE_ENV: 'test',
    CACHE_KEY_PREFIX: prefix,
    REDIS_ENABLED: redisUrl ? 'true' : 'false',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    // These tests are about HTTP caching, not Redis faults (faults.test.ts bounds those): on
    // a loaded machine a 50 ms command timeout turns a slow answer into BYPASS.
    REDIS_COMMAND_TIMEOUT_MS: '1000',
    // The in-process copy of an answer is kept for the whole suite: after CACHE_MEMORY_TTL
    // (30 s) a lookup reads Redis and gets an object of its own, whose Brotli bytes are not
    // made yet, so a slow machine would see gzip where a test asks for the kept br bytes.
    CACHE_MEMORY_TTL: '3600',
  });
}

describeEachDatabase('HTTP caching', (get) => {
  for (const tier of TIERS) {
    (tier.skip ? describe.skip : describe)(
      `${tier.name}${tier.skip ? ` (skipped: ${tier.skip})` : ''}`,
      () => {
        let api: TestServer;
        const prefix = uniquePrefix();

        before(async function () {
          this.timeout(120_000);
          await migrateLatest(get().db);
          // Each tier's suite starts from the same data (the other may have ingested).
          await seed(get().db, { seed: 'cache-test', endDate: END_DATE, historyPoints: 0, reset: true });
          api = await startTestServer(get().db, { config: testConfig(prefix, tier.redisUrl) });
          if (tier.redisUrl)
            await waitFor('redis up', async () => (await api.ctx.cache.health()).status === 'ok');
        });
        after(async () => {
          await api?.close();
          if (tier.redisUrl) await dropPrefix(tier.redisUrl, prefix);
        });

        let ingests = 0;
        /** Ingest AAPL through a later session, as the refresh job will; resolves with that session. */
        async function ingestLater(): Promise<string> {
          const asOf = LATER_SESSIONS[ingests++];
          const provider = createSampleProvider({ seed: 'cache-test', endDate: asOf });
          await api.ctx.services.ingest.ingest(provider, ['AAPL'], { asOf });
          return asOf;
        }

        it('answers MISS, then HIT with the same body, and MISS again after an ingest', async function () {
          this.timeout(60_000);
          for (const path of ['/api/stocks/AAPL', '/api/stocks?page=1&limit=20']) {
            const first = await api.get(path);
            const second = await api.get(path);
            expect(first.status, path).to.equal(200);
            expect([first.headers.get('x-cache'), second.headers.get('x-cache')], path).to.deep.equal([
              'MISS',
              'HIT',
            ]);
            expect(second.body, path).to.deep.equal(first.body);
            expect(first.headers.get('content-type')).to.equal('application/json; charset=utf-8');
          }
          // `size` is the older name of `limit`: same validated query, same entry.
          expect((await api.get('/api/stocks?size=20&page=1')).headers.get('x-cache')).to.equal('HIT');

          const before = StockDetail.parse((await api.get('/api/stocks/AAPL')).body);
          const asOf = await ingestLater();
          const detail = await api.get('/api/stocks/AAPL');
          expect(detail.headers.get('x-cache')).to.equal('MISS');
          const after = StockDetail.parse(detail.body);
          expect(after.quote.as_of).to.equal(asOf).and.not.equal(before.quote.as_of);
          expect((await api.get('/api/stocks?page=1&limit=20')).headers.get('x-cache')).to.equal('MISS');
          expect((await api.get('/api/stocks/AAPL')).headers.get('x-cache')).to.equal('HIT');
        });

        it('caches every cached route under its own key, and a 404 not at all', async () => {
          for (const path of [
            '/api/stocks/top?limit=5',
            '/api/stocks/leaderboard/top?limit=3&sector=Energy',
            '/api/stocks/screener/strategies/piotroski?limit=5',
            '/api/stocks/MSFT/scores',
          ]) {
            const outcomes = [];
            for (let i = 0; i < 2; i++) outcomes.push((await api.get(path)).headers.get('x-cache'));
            expect(outcomes, path).to.deep.equal(['MISS', 'HIT']);
          }
          // A shorter score history is the cached one's tail.
          const all = ScoreHistory.parse((await api.get('/api/stocks/MSFT/scores')).body);
          const one = await api.get('/api/stocks/MSFT/scores?limit=1');
          expect(one.headers.get('x-cache')).to.equal('HIT');
          expect(ScoreHistory.parse(one.body).items).to.deep.equal(all.items.slice(-1));
          for (let i = 0; i < 2; i++) {
            const missing = await api.get('/api/stocks/NOPE');
            expect(missing.status).to.equal(404);
            expect(missing.headers.get('x-cache')).to.equal(null);
          }
        });

        it('revalidates with ETag: 304 while the data is unchanged, a new ETag after an ingest', async function () {
          this.timeout(60_000);
          const first = await api.get('/api/stocks/AAPL');
          // fetch() accepts gzip: the compressed variant's ETag is the weak form of the bytes' one.
          const etag = first.headers.get('etag');
          expect(etag).to.match(/^W\/"[A-Za-z0-9_-]+"$/);
          expect(first.headers.get('cache-control')).to.equal('no-cache');

          const revalidated = await revalidate(`${api.url}/api/stocks/AAPL`, etag!);
          expect(revalidated.status).to.equal(304);
          expect(revalidated.body).to.equal('');
          expect(revalidated.headers['x-cache']).to.equal('HIT');
          expect(revalidated.headers.etag).to.equal(etag!.slice(2));

          await ingestLater();
          const changed = await revalidate(`${api.url}/api/stocks/AAPL`, etag!);
          expect(changed.status).to.equal(200);
          expect(changed.headers.etag).to.not.equal(etag);
          expect(changed.headers['x-cache']).to.equal('MISS');
          StockDetail.parse(JSON.parse(changed.body));
        });

        it('sends a large cached body gzip-compressed to a client that accepts it, a small one as it is', async () => {
          const get = (path: string, encoding?: string) =>
            getRaw(`${api.url}${path}`, encoding ? { 'Accept-Encoding': encoding } : {});
          const plain = await get('/api/stocks/AAPL');
          const packed = await get('/api/stocks/AAPL', 'gzip, deflate');
          expect(plain.headers['content-encoding']).to.equal(undefined);
          expect(packed.headers['content-encoding']).to.equal('gzip');
          expect(packed.headers.vary).to.equal('Accept-Encoding');
          expect(packed.bytes.length).to.be.below(plain.bytes.length);
          expect(gunzipSync(packed.bytes).equals(plain.bytes)).to.equal(true);
          expect(packed.headers.etag).to.equal(`W/${plain.headers.etag}`);
          expect((await get('/api/stocks/AAPL', 'identity')).headers['content-encoding']).to.equal(undefined);
          // The choice follows each request's header, asked again or not.
          for (const [encoding, expected] of [
            ['gzip;q=0, identity', undefined],
            ['gzip', 'gzip'],
            ['gzip;q=0, identity', undefined],
            ['*', 'gzip'],
            ['br;q=0, gzip', 'gzip'],
            ['gzip, br;q=0.5', 'gzip'],
            ['br;q=0', undefined],
            ['identity;q=0', undefined],
          ] as const) {
            const res = await get('/api/stocks/AAPL', encoding);
            expect(res.headers['content-encoding'], encoding).to.equal(expected);
          }
          const small = await get('/api/stocks/top?limit=1', 'gzip, deflate, br');
          expect(small.bytes.length).to.be.below(1400);
          expect(small.headers['content-encoding']).to.equal(undefined);
          expect(small.headers.etag).to.match(/^"[A-Za-z0-9_-]+"$/);
        });

        it('sends a large cached body Brotli-compressed to a client that names br, with an ETag of its own', async () => {
          const url = `${api.url}/api/stocks/AAPL`;
          const browser = { 'Accept-Encoding': 'gzip, deflate, br' };
          const plain = await getRaw(url);
          const gzipped = await getRaw(url, { 'Accept-Encoding': 'gzip' });
          // The Brotli bytes are made off the event loop on the first request that asks for
          // them; until then the browser gets gzip.
          const first = await getRaw(url, browser);
          expect(first.headers['content-encoding']).to.be.oneOf(['gzip', 'br']);
          const br = await waitFor('a br answer', async () => {
            const res = await getRaw(url, browser);
            return res.headers['content-encoding'] === 'br' && res;
          });
          expect(br.status).to.equal(200);
          expect(br.headers.vary).to.equal('Accept-Encoding');
          expect(br.headers['x-cache']).to.equal('HIT');
          expect(br.bytes.length).to.be.below(gzipped.bytes.length);
          expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).to.equal(true);
          expect(br.headers.etag).to.equal(`W/${plain.headers.etag!.slice(0, -1)}-br"`);
          expect(br.headers.etag).to.not.equal(gzipped.headers.etag);
          // Asked again: the same bytes; and br alone, or preferred by q, gets br too.
          expect((await getRaw(url, browser)).bytes.equals(br.bytes)).to.equal(true);
          for (const encoding of ['br', 'br;q=1, gzip;q=0.5', 'identity;q=0.1, br']) {
            const res = await getRaw(url, { 'Accept-Encoding': encoding });
            expect(res.headers['content-encoding'], encoding).to.equal('br');
          }
          for (const [encoding, expected] of [
            ['br;q=0, gzip, deflate', 'gzip'],
            ['gzip;q=1, br;q=0.9', 'gzip'],
            ['br;q=0', undefined],
            ['*', 'gzip'],
          ] as const) {
            const res = await getRaw(url, { 'Accept-Encoding': encoding });
            expect(res.headers['content-encoding'], encoding).to.equal(expected);
          }

          // Revalidation per encoding: the br ETag revalidates the br answer only.
          const notModified = await getRaw(url, { ...browser, 'If-None-Match': br.headers.etag! });
          expect(notModified.status).to.equal(304);
          expect(notModified.bytes.length).to.equal(0);
          expect(notModified.headers.etag).to.equal(br.headers.etag);
          for (const [encoding, etag] of [
            ['gzip', br.headers.etag!],
            [undefined, br.headers.etag!],
            ['gzip, deflate, br', gzipped.headers.etag!],
            ['gzip, deflate, br', plain.headers.etag!],
          ] as const) {
            const res = await getRaw(url, {
              ...(encoding ? { 'Accept-Encoding': encoding } : {}),
              'If-None-Match': etag,
            });
            expect(res.status, `${encoding} with ${etag}`).to.equal(200);
          }
          // gzip and identity revalidate each other as before.
          const gzip304 = await getRaw(url, {
            'Accept-Encoding': 'gzip',
            'If-None-Match': plain.headers.etag!,
          });
          expect(gzip304.status).to.equal(304);

          // Another process holds the same answer as an object of its own, whose Brotli bytes
          // are not made yet: the br variant revalidates there too (304 with the br ETag).
          const other = await startTestServer(get().db, { config: testConfig(prefix, tier.redisUrl) });
          try {
            const otherUrl = `${other.url}/api/stocks/AAPL`;
            await getRaw(otherUrl);
            const there = await getRaw(otherUrl, { ...browser, 'If-None-Match': br.headers.etag! });
            expect(there.status).to.equal(304);
            expect(there.headers.etag).to.equal(br.headers.etag);
            expect(there.headers['content-encoding']).to.equal('br');
            // Not a match, or a request that forbids a 304: the next encoding, whole.
            const whole = await getRaw(otherUrl, {
              ...browser,
              'If-None-Match': br.headers.etag!,
              'Cache-Control': 'no-cache',
            });
            expect(whole.status).to.equal(200);
            if (whole.headers['content-encoding'] === 'gzip') {
              expect(gunzipSync(whole.bytes).equals(plain.bytes)).to.equal(true);
            } else {
              expect(whole.headers['content-encoding']).to.equal('br');
              expect(brotliDecompressSync(whole.bytes).equals(plain.bytes)).to.equal(true);
            }
          } finally {
            await other.close();
          }

          await ingestLater();
          const changed = await getRaw(url, { ...browser, 'If-None-Match': br.headers.etag! });
          expect(changed.status).to.equal(200);
          expect(changed.headers['x-cache']).to.equal('MISS');
          expect(changed.headers.etag).to.not.equal(br.headers.etag);
        });

        it('does not cache free-text searches: many distinct q values do not grow the cache', async () => {
          const before = await api.ctx.cache.stats();
          for (let i = 0; i < 40; i++) {
            const res = await api.get(`/api/stocks?q=probe${i}`);
            expect(res.status).to.equal(200);
            expect(res.headers.get('x-cache')).to.equal('BYPASS');
          }
          const after = await api.ctx.cache.stats();
          expect(after.tiers?.memory.entries).to.equal(before.tiers?.memory.entries);
          expect(after.keys).to.equal(before.keys);
        });

        it('reports its statistics at /api/system/cache, shaped as CacheStats', async () => {
          await api.get('/api/stocks/top?limit=7');
          await api.get('/api/stocks/top?limit=7');
          const res = await api.admin('/api/system/cache');
          expect(res.status).to.equal(200);
          const stats = CacheStats.parse(res.body);
          expect(JSON.parse(JSON.stringify(stats))).to.deep.equal(res.body);
          expect(stats.backend).to.equal(tier.redisUrl ? 'redis' : 'memory');
          expect(stats.status).to.equal('up');
          expect(stats.hits).to.be.greaterThan(0);
          expect(stats.misses).to.be.greaterThan(0);
          expect(stats.hit_rate).to.be.within(0, 1);
          expect(stats.tiers?.memory.entries).to.be.greaterThan(0);
          expect(stats.tiers?.redis === null).to.equal(!tier.redisUrl);
          const health = Health.parse((await api.get('/health')).body);
          expect(health.status).to.equal('healthy');
          expect(health.checks.cache.status).to.equal(tier.redisUrl ? 'up' : 'disabled');
        });
      },
    );
  }
});

describe('HTTP caching without a reachable Redis', () => {
  let tdb: TestDatabase;
  let api: TestServer;

  before(async function () {
    this.timeout(120_000);
    tdb = await createSqliteTestDb();
    await migrateLatest(tdb.db);
    await seed(tdb.db, { seed: 'cache-test', endDate: END_DATE, historyPoints: 0 });
    const port = await closedPort();
    api = await startTestServer(tdb.db, {
      config: testConfig(uniquePrefix(), `redis://127.0.0.1:${port}/0`),
    });
  });
  after(async () => {
    await api?.close();
    await tdb?.dispose();
  });

  it('says degraded (HTTP 200) with the cause in /health while requests still answer 200', async () => {
    let health = await api.get('/health');
    await waitFor('health degraded', async () => {
      health = await api.get('/health');
      return health.body.status === 'degraded';
    });
    expect(health.status).to.equal(200);
    const body = Health.parse(health.body);
    expect(body.checks.database.status).to.equal('up');
    expect(body.checks.cache.status).to.equal('down');
    expect(body.checks.cache.detail).to.match(/ECONNREFUSED|connect|redis/i);

    for (const path of ['/api/stocks/AAPL', '/api/stocks?page=1&limit=20']) {
      const outcomes: Array<string | null> = [];
      for (let i = 0; i < 2; i++) {
        const res = await api.get(path);
        expect(res.status, path).to.equal(200);
        outcomes.push(res.headers.get('x-cache'));
      }
      // Loaded without the shared tier (BYPASS), then kept by the in-process tier.
      expect(outcomes, path).to.deep.equal(['BYPASS', 'HIT']);
    }
    const stats = CacheStats.parse((await api.admin('/api/system/cache')).body);
    expect(stats.status).to.equal('down');
    expect(stats.tiers?.redis?.error).to.be.a('string');
  });
});
