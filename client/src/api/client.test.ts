import { expect } from 'chai';
import {
  ApiError,
  ApiUnreachableError,
  cached,
  createApiClient,
  errorMessage,
  type FetchLike,
  queryString,
} from './client.ts';

function jsonResponse(status: number, body: unknown, statusText = ''): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json' },
  });
}

/** A fake fetch that records the URLs it was asked for. */
function fakeFetch(respond: (url: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url) => {
    calls.push(url);
    return respond(url);
  };
  return { fetch, calls };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

describe('API client', () => {
  it('builds query strings from defined values only', () => {
    expect(queryString({ page: 2, q: '', sector: undefined, min_score: 0, x: null })).to.equal(
      '?page=2&min_score=0',
    );
    expect(queryString({})).to.equal('');
    expect(queryString({ sector: 'Health Care' })).to.equal('?sector=Health+Care');
  });

  it('requests the documented paths and returns the JSON body', async () => {
    const { fetch, calls } = fakeFetch(() =>
      jsonResponse(200, { items: [], page: 1, size: 20, total: 0, pages: 0 }),
    );
    const api = createApiClient({ fetch, baseUrl: 'http://api' });
    const page = await api.stocks({ page: 2, size: 50, sort: 'change_pct', order: 'asc', sector: 'Energy' });
    expect(page.total).to.equal(0);
    await api.stock('BRK.B');
    await api.prices('AAPL', '6m');
    await api.strategy('magic-formula', 25);
    await api.leaderboard({ sector: 'Utilities', limit: 5 });
    await api.top(10);
    expect(calls).to.deep.equal([
      'http://api/api/stocks?page=2&size=50&sort=change_pct&order=asc&sector=Energy',
      'http://api/api/stocks/BRK.B',
      'http://api/api/stocks/AAPL/prices?range=6m',
      'http://api/api/stocks/screener/strategies/magic-formula?limit=25',
      'http://api/api/stocks/leaderboard/top?sector=Utilities&limit=5',
      'http://api/api/stocks/top?limit=10',
    ]);
  });

  it("turns a 4xx error body into an ApiError with the server's code and message", async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse(404, { error: { code: 'stock_not_found', message: 'stock "ZZZZ" not found' } }),
    );
    const err = await rejection(createApiClient({ fetch }).stock('ZZZZ'));
    expect(err).to.be.instanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).to.equal(404);
    expect(e.code).to.equal('stock_not_found');
    expect(e.message).to.equal('stock "ZZZZ" not found');
    expect(errorMessage(e)).to.equal('stock "ZZZZ" not found');
  });

  it('keeps the message of a 400 validation error', async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse(400, { error: { code: 'invalid_parameter', message: 'size: must be at most 100' } }),
    );
    const err = (await rejection(createApiClient({ fetch }).stocks({ size: 1000 }))) as ApiError;
    expect(err).to.be.instanceOf(ApiError);
    expect(err.code).to.equal('invalid_parameter');
    expect(err.message).to.equal('size: must be at most 100');
  });

  it('reports a network failure as "API unreachable"', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const err = await rejection(createApiClient({ fetch }).sectors());
    expect(err).to.be.instanceOf(ApiUnreachableError);
    expect((err as Error).message).to.equal('API unreachable');
    expect((err as ApiUnreachableError).detail).to.equal('Failed to fetch');
    expect(errorMessage(err)).to.equal('Cannot reach the VibeApp API.');
  });

  it("treats a proxy's bare 502/503/504 as unreachable", async () => {
    for (const status of [502, 503, 504]) {
      const { fetch } = fakeFetch(() => new Response('', { status }));
      expect(await rejection(createApiClient({ fetch }).top(5))).to.be.instanceOf(ApiUnreachableError);
    }
  });

  it('reports a 500 without an error body as an ApiError with the status', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<html>oops</html>', { status: 500, statusText: 'Internal Server Error' }),
    );
    const err = (await rejection(createApiClient({ fetch }).top(5))) as ApiError;
    expect(err).to.be.instanceOf(ApiError);
    expect(err.status).to.equal(500);
    expect(err.message).to.equal('The API answered HTTP 500 Internal Server Error.');
  });

  it('rejects a 200 whose body is not JSON', async () => {
    const { fetch } = fakeFetch(() => new Response('<!doctype html>', { status: 200 }));
    const err = (await rejection(createApiClient({ fetch }).top(5))) as ApiError;
    expect(err).to.be.instanceOf(ApiError);
    expect(err.code).to.equal('bad_response');
  });

  it('returns an unhealthy health report sent with 503', async () => {
    const body = {
      status: 'unhealthy',
      version: '0.1.0',
      uptime_s: 3,
      checks: { database: { status: 'down' } },
    };
    const { fetch } = fakeFetch(() => jsonResponse(503, body));
    const h = await createApiClient({ fetch }).health();
    expect(h.status).to.equal('unhealthy');
  });

  it('passes aborts through untouched', async () => {
    const fetch: FetchLike = async () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    };
    const err = await rejection(createApiClient({ fetch }).top(1));
    expect((err as Error).name).to.equal('AbortError');
  });

  it('shares a cached request and forgets a failed one', async () => {
    let n = 0;
    const ok = () => Promise.resolve(++n);
    expect(await cached('t1', 10_000, ok)).to.equal(1);
    expect(await cached('t1', 10_000, ok)).to.equal(1);
    let fail = true;
    const flaky = () => (fail ? Promise.reject(new Error('x')) : Promise.resolve('ok'));
    await rejection(cached('t2', 10_000, flaky));
    fail = false;
    expect(await cached('t2', 10_000, flaky)).to.equal('ok');
  });
});
