/**
 * The API's edges: unknown methods, control characters, requests node's own HTTP parser
 * rejects, oversized input, parameter vocabulary, repeated and unknown parameters, and
 * the echoed price range. Every answer is the documented `{ error: { code, message } }`.
 */
import net from 'node:net';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { ErrorBody } from '../api/shared.ts';
import { migrateLatest } from '../db/migrate.ts';
import { PriceHistory, StockPage } from '../stocks/schemas.ts';

const END_DATE = '2026-11-27';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send bytes as they are (fetch refuses TRACE and malformed requests) and read the whole answer. */
function rawRequest(url: string, request: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = (split < 0 ? text : text.slice(0, split)).split('\r\n');
      const status = Number(head[0].split(' ')[1]);
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, body: split < 0 ? '' : text.slice(split + 4) });
    });
    socket.write(request);
  });
}

const requestLine = (method: string, target: string) =>
  `${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;

/** The documented error shape, with a bounded message and no stack trace. */
function expectErrorBody(body: unknown, context: string): { code: string; message: string } {
  const parsed = ErrorBody.safeParse(typeof body === 'string' ? safeJson(body) : body);
  expect(parsed.success, `${context}: not the error shape: ${JSON.stringify(body)}`).to.equal(true);
  const { error } = parsed.data as ErrorBody;
  expect(error.message, context).to.not.match(/\n\s+at /);
  expect(error.message.length, `${context}: message too long`).to.be.at.most(300);
  return error;
}

const brief = (body: unknown) => JSON.stringify(body).slice(0, 200);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

describeEachDatabase('HTTP API edges', (get) => {
  let api: TestServer;

  before(async function () {
    this.timeout(120_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'edges-test', endDate: END_DATE, historyPoints: 4 });
    api = await startTestServer(get().db);
  });
  after(async () => {
    await api?.close();
  });

  it('answers unknown methods with 405 or 501 in the error shape, every 405 with Allow', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'FOO', 'POST', 'DELETE', 'PUT']) {
      for (const target of ['/api/stocks', '/api/stocks/AAPL', '/health']) {
        const res = await rawRequest(api.url, requestLine(method, target));
        const where = `${method} ${target}`;
        expect([405, 501], `${where}: ${res.status} ${res.body}`).to.include(res.status);
        expect(res.headers['content-type'], where).to.match(/application\/json/);
        const error = expectErrorBody(res.body, where);
        expect(error.code, where).to.equal(res.status === 405 ? 'method_not_allowed' : 'not_implemented');
        if (res.status === 405) expect(res.headers.allow, `${where}: Allow`).to.match(/\bGET\b/);
      }
    }
    const post = await rawRequest(api.url, requestLine('POST', '/api/stocks'));
    expect(post.status).to.equal(405);
  });

  it('rejects NUL and other control characters in any query or path parameter with 400', async () => {
    const cases = [
      ['/api/stocks?q=%00', 'q'],
      ['/api/stocks?q=AA%00PL', 'q'],
      ['/api/stocks?q=a%0Ab', 'q'],
      ['/api/stocks?sector=Energy%1B', 'sector'],
      ['/api/stocks?q=x%7F', 'q'],
      ['/api/stocks/top?limit=5%00', 'limit'],
      ['/api/stocks/AA%00PL', 'path'],
      ['/api/stocks/MSFT/prices?from=2026-11-02%09', 'from'],
      ['/api/stocks/screener/strategies/value%00', 'path'],
      // Lower-case escapes, DEL, C1 (U+0085 is %C2%85 in UTF-8), a parameter's name.
      ['/api/stocks?q=a%1fb', 'q'],
      ['/api/stocks?q=x%7f', 'q'],
      ['/api/stocks?q=next%C2%85line', 'q'],
      ['/api/stocks?q=%c2%9f', 'q'],
      ['/api/stocks?a%01b=1', 'query parameter name'],
      ['/api/stocks/AA%C2%80PL', 'path'],
    ] as const;
    for (const [path, mention] of cases) {
      const res = await api.get(path);
      expect(res.status, `${path}: ${brief(res.body)}`).to.equal(400);
      const error = expectErrorBody(res.body, path);
      expect(error.code, path).to.equal('invalid_parameter');
      expect(error.message, path).to.contain(mention);
    }
    // Ordinary text still searches, escaped or not, and other non-ASCII text is no control character.
    expect((await api.get('/api/stocks?q=Microsoft')).status).to.equal(200);
    expect((await api.get('/api/stocks?q=Micro%20soft+Corp')).status).to.equal(200);
    expect((await api.get('/api/stocks?q=%C3%A9t%C3%A9')).status).to.equal(200);
    // A raw byte outside ASCII in the request line: refused by the parser or by the check, never served.
    const raw = await rawRequest(
      api.url,
      `GET /api/stocks?q=a\x85b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(raw.status).to.equal(400);
  });

  it("renders errors raised by node's HTTP parser (431, 400) in the error shape", async () => {
    const longUrl = await rawRequest(api.url, requestLine('GET', `/api/stocks?q=${'a'.repeat(20_000)}`));
    expect(longUrl.status).to.equal(431);
    expect(longUrl.headers['content-type']).to.match(/application\/json/);
    expect(expectErrorBody(longUrl.body, '431').code).to.equal('request_header_fields_too_large');

    const badHeader = await rawRequest(
      api.url,
      'GET /api/stocks HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n',
    );
    expect(badHeader.status).to.equal(400);
    expect(expectErrorBody(badHeader.body, 'bad header').code).to.equal('bad_request');

    const badLength = await rawRequest(
      api.url,
      'GET /api/stocks HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n',
    );
    expect(badLength.status).to.equal(400);
    expectErrorBody(badLength.body, 'bad content-length');

    // The server keeps serving afterwards.
    expect((await api.get('/health')).status).to.equal(200);
  });

  it('validates the ticker format and never echoes unbounded input', async () => {
    const long = 'X'.repeat(300);
    for (const path of [
      `/api/stocks/${long}`,
      `/api/stocks/${long}/prices`,
      `/api/stocks/${long}/scores`,
      `/api/stocks/${encodeURIComponent('AAPL<script>')}`,
    ]) {
      const res = await api.get(path);
      expect(res.status, path).to.equal(404);
      const error = expectErrorBody(res.body, path);
      expect(error.message, path).to.contain('ticker');
      expect(error.message, path).to.not.contain('X'.repeat(40));
      expect(error.message, path).to.not.contain('<script>');
    }
    // Asked again, a bad ticker is refused again (only valid parameters are remembered).
    for (let i = 0; i < 2; i++) expect((await api.get('/api/stocks/AA%3CB')).status).to.equal(404);
    for (const path of [
      `/api/stocks?sector=${long}`,
      `/api/stocks/screener/strategies/${long}`,
      `/api/nothing/${long}`,
      `/api/stocks?${long}=1`,
      `/api/stocks?sort=${long}`,
    ]) {
      const res = await api.get(path);
      expect(res.status, path).to.be.within(400, 404);
      const error = expectErrorBody(res.body, path);
      expect(error.message, path).to.not.contain('X'.repeat(40));
    }
  });

  it('pages /api/stocks with limit like every other list route; size stays an alias', async () => {
    const byLimit = await api.get('/api/stocks?limit=2');
    expect(byLimit.status).to.equal(200);
    const page = StockPage.parse(byLimit.body);
    expect(page.items).to.have.length(2);
    expect(page).to.include({ limit: 2, page: 1 });
    expect(page.pages).to.equal(Math.ceil(page.total / 2));

    const bySize = StockPage.parse((await api.get('/api/stocks?size=3&page=2')).body);
    expect(bySize.items).to.have.length(3);
    expect(bySize).to.include({ limit: 3, size: 3, page: 2 });

    const both = await api.get('/api/stocks?limit=2&size=3');
    expect(both.status).to.equal(400);
    expect(expectErrorBody(both.body, 'both').message).to.contain('limit').and.contain('size');
    expect(expectErrorBody((await api.get('/api/stocks?limit=101')).body, 'limit').message).to.contain(
      'limit',
    );

    const doc = (await api.get('/openapi.json')).body;
    const params = doc.paths['/api/stocks'].get.parameters as Array<{ name: string; deprecated?: boolean }>;
    expect(params.find((p) => p.name === 'limit')).to.not.equal(undefined);
    expect(params.find((p) => p.name === 'size')?.deprecated).to.equal(true);
  });

  it('rejects unknown query parameters with a 400 naming them, on every route', async () => {
    const cases: Array<[string, string[]]> = [
      ['/api/stocks?colour=red&limit=2&shape=round', ['colour', 'shape']],
      ['/api/stocks/top?lmit=5', ['lmit']],
      ['/api/stocks/leaderboard/top?sectr=Energy', ['sectr']],
      ['/api/stocks/AAPL?x=1', ['x']],
      ['/api/stocks/AAPL/prices?range=1m&form=2026-01-01', ['form']],
      ['/api/stocks/AAPL/scores?count=3', ['count']],
      ['/api/stocks/screener/strategies?all=1', ['all']],
      ['/api/stocks/screener/strategies/value?size=3', ['size']],
      ['/api/sectors?q=tech', ['q']],
      ['/health?verbose=1', ['verbose']],
    ];
    for (const [path, unknown] of cases) {
      const res = await api.get(path);
      expect(res.status, `${path}: ${brief(res.body)}`).to.equal(400);
      const error = expectErrorBody(res.body, path);
      expect(error.message, path).to.match(/unknown/i);
      for (const name of unknown) expect(error.message, path).to.contain(name);
    }
  });

  it('rejects a repeated scalar parameter with a clear 400', async () => {
    for (const [path, name] of [
      ['/api/stocks?page=1&page=2', 'page'],
      ['/api/stocks?sort=name&sort=score', 'sort'],
      ['/api/stocks/top?limit=1&limit=2', 'limit'],
      ['/api/stocks/MSFT/prices?range=1m&range=1m', 'range'],
    ]) {
      const res = await api.get(path);
      expect(res.status, path).to.equal(400);
      const error = expectErrorBody(res.body, path);
      expect(error.message, path).to.contain(name);
      expect(error.message, path).to.match(/more than once|once/);
      expect(error.message, path).to.not.match(/whole number|must be one of/);
    }
  });

  it('echoes the effective price range when only one end is given', async () => {
    const fromOnly = PriceHistory.parse((await api.get('/api/stocks/MSFT/prices?from=2026-11-02')).body);
    expect(fromOnly.from).to.equal('2026-11-02');
    expect(fromOnly.to).to.equal(END_DATE);
    expect(fromOnly.items[fromOnly.items.length - 1].date).to.equal(END_DATE);

    const toOnly = PriceHistory.parse((await api.get('/api/stocks/MSFT/prices?to=2026-11-06')).body);
    expect(toOnly.to).to.equal('2026-11-06');
    expect(toOnly.from).to.equal(toOnly.items[0].date);
    expect(toOnly.items[toOnly.items.length - 1].date).to.equal('2026-11-06');

    const both = PriceHistory.parse(
      (await api.get('/api/stocks/MSFT/prices?from=2026-11-02&to=2026-11-06')).body,
    );
    expect(both).to.include({ from: '2026-11-02', to: '2026-11-06' });
    const ranged = PriceHistory.parse((await api.get('/api/stocks/MSFT/prices?range=1m')).body);
    expect(ranged.to).to.equal(END_DATE);
    expect(ranged.from).to.be.a('string');
  });
});
