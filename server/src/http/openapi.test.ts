/**
 * The document's 503s and 429s match what the routes do: every route is asked with the
 * database away (a PostgreSQL URL whose port nothing listens on) and past the rate limit,
 * and a route answers 503 or 429 exactly when its operation documents it, with the headers
 * it documents.
 */
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { closedPort } from '../../test-support/cache.ts';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { createLogger } from '../logger.ts';
import { routeDefs } from './app.ts';
import { buildOpenApi } from './openapi.ts';

interface Operation {
  responses: Record<string, { headers?: Record<string, unknown>; content?: unknown }>;
}

const SAMPLE: Record<string, string> = { ticker: 'AAPL', strategy: 'piotroski' };

describe('OpenAPI: the documented 503 and 429 answers are the real ones', function () {
  this.timeout(60_000);
  let api: TestServer | undefined;

  async function start(env: Record<string, string>): Promise<TestServer> {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/vibeapp`,
      DATABASE_ACQUIRE_TIMEOUT_MS: '2000',
      ...env,
    });
    const db = createDb(config.database, {
      logger: createLogger({ level: 'silent' }),
      acquireTimeoutMs: config.databasePool.acquireTimeoutMs,
    });
    const server = await startTestServer(db, { config });
    return {
      ...server,
      close: async () => {
        await server.close();
        await db.destroy();
      },
    };
  }

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  /** Every route's operation in the document, and a URL to ask it with. */
  function operations(server: TestServer) {
    const defs = routeDefs(server.ctx);
    const doc = buildOpenApi(defs, 'test') as unknown as { paths: Record<string, { get: Operation }> };
    return defs.map((def) => ({
      def,
      url: def.path.replace(/:([A-Za-z_]+)/g, (_, k: string) => SAMPLE[k]),
      op: doc.paths[def.path.replace(/:([A-Za-z_]+)/g, '{$1}')].get,
    }));
  }

  it('a route answers 503 with Retry-After while the database is away exactly when it documents the 503', async () => {
    api = await start({ RATE_LIMIT_PER_MINUTE: '0' });
    const seen: string[] = [];
    for (const { def, url, op } of operations(api)) {
      const res = await api.admin(url);
      const documented = op.responses['503'];
      seen.push(`${def.path} ${res.status}`);
      expect(res.status === 503, `${url} answered ${res.status}; documents 503: ${!!documented}`).to.equal(
        !!documented,
      );
      if (res.status !== 503) continue;
      expect(res.headers.get('retry-after'), url).to.match(/^\d+$/);
      expect(documented.headers, url).to.have.property('Retry-After');
      if ((def.database ?? 'reads') === 'reads') {
        expect(res.body.error?.code, url).to.equal('database_unavailable');
      } else {
        // /health, /readyz: their own document, as documented.
        expect(def.response.safeParse(res.body).success, url).to.equal(true);
      }
    }
    // The routes that read the database are most of them; those that do not still answer.
    expect(seen.filter((s) => s.endsWith(' 503')).length, seen.join(', ')).to.be.at.least(10);
    expect(seen, seen.join(', ')).to.include.members(['/livez 200', '/api/market/status 200']);
  });

  it('a route answers 429 with Retry-After and RateLimit headers past the limit exactly when it documents the 429', async () => {
    api = await start({ RATE_LIMIT_PER_MINUTE: '1' });
    // The client's one request of the minute.
    expect((await api.get('/api/market/status')).status).to.equal(200);
    for (const { url, op } of operations(api)) {
      const res = await api.admin(url);
      const documented = op.responses['429'];
      expect(res.status === 429, `${url} answered ${res.status}; documents 429: ${!!documented}`).to.equal(
        !!documented,
      );
      if (res.status !== 429) continue;
      expect(res.body.error?.code, url).to.equal('rate_limited');
      for (const header of ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']) {
        expect(res.headers.get(header), `${url}: ${header}`).to.match(/^\d+$/);
        expect(documented.headers, url).to.have.property(header);
      }
    }
  });
});
