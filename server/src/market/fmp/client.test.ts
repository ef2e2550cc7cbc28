import { expect } from 'chai';
import { type FakeFmp, fixture, startFakeFmp } from '../../../test-support/fmp/server.ts';
import { fixedClock } from '../../clock.ts';
import { createLogger, type Logger } from '../../logger.ts';
import { MemoryCallBudget } from './budget.ts';
import { FmpClient, type FmpClientOptions, redact } from './client.ts';
import {
  FmpApiError,
  FmpAuthError,
  FmpBodyTooLargeError,
  FmpBudgetExhaustedError,
  FmpError,
  FmpLegacyEndpointError,
  FmpNetworkError,
  FmpPlanError,
  FmpRateLimitError,
  FmpResponseError,
  FmpServerError,
  FmpTimeoutError,
} from './errors.ts';

const KEY = 'sEcReT-k3y-0123456789abcdef';

interface Harness {
  client: FmpClient;
  waits: number[];
  logs: string[];
  budget: MemoryCallBudget;
}

/** A real logger whose lines land in `logs` as "level msg {the whole JSON line}". */
function recordingLogger(logs: string[]): Logger {
  return createLogger({
    level: 'debug',
    format: 'json',
    destination: {
      write(line: string) {
        const r = JSON.parse(line) as { level: string; msg: string };
        logs.push(`${r.level} ${r.msg} ${line.trim()}`);
      },
    },
  });
}

async function caught(p: Promise<unknown>): Promise<FmpError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(FmpError);
    return err as FmpError;
  }
  throw new Error('expected the call to fail');
}

/** The key must not be anywhere a person or a tracker could read it. */
function expectNoKey(err: FmpError, logs: string[]) {
  const seen = [err.message, err.stack ?? '', JSON.stringify(err), String(err.url), ...logs].join('\n');
  expect(seen).not.to.contain(KEY);
  expect(seen).not.to.contain(encodeURIComponent(KEY));
}

/** The public face (a job's status) has a code and no URL, host, port or FMP wording. */
function expectPublic(err: FmpError, code: string) {
  expect(err.publicCode).to.equal(code);
  expect(err.publicMessage).to.match(new RegExp(`^FMP ${err.endpoint}: `));
  expect(err.publicMessage).not.to.match(/https?:|127\.0\.0\.1|localhost|apikey|:\d{2,5}\b/);
  if (err.fmpMessage) expect(err.publicMessage).not.to.contain(err.fmpMessage);
}

describe('FMP client (against a local FMP-format server)', () => {
  let fmp: FakeFmp;
  const make = (patch: Partial<FmpClientOptions> = {}): Harness => {
    const waits: number[] = [];
    const logs: string[] = [];
    const budget = new MemoryCallBudget(250);
    const client = new FmpClient({
      apiKey: KEY,
      baseUrl: fmp.baseUrl,
      budget,
      retries: 3,
      backoffMs: 1000,
      minIntervalMs: 0,
      logger: recordingLogger(logs),
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5, // no jitter
      ...patch,
    });
    return { client, waits, logs, budget };
  };

  beforeEach(async () => {
    fmp = await startFakeFmp({ apiKey: KEY });
  });
  afterEach(async () => {
    await fmp.close();
  });

  it('sends the key as apikey and returns the JSON array', async () => {
    const { client } = make();
    const rows = await client.get('profile', { symbol: 'AAPL' });
    expect(rows).to.have.length(1);
    expect(rows[0].companyName).to.equal('Apple Inc.');
    expect(fmp.requests).to.have.length(1);
    expect(fmp.requests[0]).to.deep.include({ endpoint: 'profile' });
    expect(fmp.requests[0].query).to.deep.equal({ symbol: 'AAPL', apikey: KEY });
  });

  it('gives [] for an unknown symbol, as FMP does', async () => {
    const { client } = make();
    expect(await client.get('profile', { symbol: 'NOPE' })).to.deep.equal([]);
  });

  describe('FMP error bodies → typed errors, no retry', () => {
    const cases = [
      {
        status: 401,
        file: 'error_401.json',
        type: FmpAuthError,
        code: 'invalid_key',
        publicCode: 'provider_auth',
        says: 'check FMP_API_KEY',
      },
      {
        status: 402,
        file: 'error_402.json',
        type: FmpPlanError,
        code: 'plan_restricted',
        publicCode: 'provider_plan',
        says: 'plan',
      },
      {
        status: 403,
        file: 'error_403.json',
        type: FmpLegacyEndpointError,
        code: 'legacy_endpoint',
        publicCode: 'provider_legacy_endpoint',
        says: '/stable',
      },
    ] as const;
    for (const c of cases) {
      it(`${c.status} → ${c.type.name} (${c.code}) with FMP's message and a redacted URL`, async () => {
        const { client, logs } = make();
        fmp.script('batch-quote', [{ status: c.status, body: fixture(c.file) }]);
        const err = await caught(client.get('batch-quote', { symbols: 'AAPL,MSFT' }));
        expect(err).to.be.instanceOf(c.type);
        expect(err.code).to.equal(c.code);
        expect(err.status).to.equal(c.status);
        expect(err.attempts).to.equal(1);
        expect(fmp.requests).to.have.length(1);
        expect(err.message).to.contain('FMP batch-quote:').and.contain(c.says);
        expect(err.message).to.contain((fixture(c.file) as { 'Error Message': string })['Error Message']);
        expect(err.url).to.equal(`${fmp.baseUrl}/batch-quote?symbols=AAPL%2CMSFT&apikey=***`);
        expect(err.message).to.contain('apikey=***');
        expectNoKey(err, logs);
        expectPublic(err, c.publicCode);
        expect(err.publicMessage).to.contain(`(HTTP ${c.status})`);
      });
    }

    it('a 403 that is not about a legacy endpoint: provider_forbidden, not retried', async () => {
      const { client } = make();
      fmp.script('profile', [{ status: 403, body: { 'Error Message': 'Denied.' } }]);
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expectPublic(err, 'provider_forbidden');
      expect(fmp.requests).to.have.length(1);
    });

    it('a wrong key gets the server’s real 401', async () => {
      const { client } = make({ apiKey: 'wrong-key' });
      const err = await caught(client.get('quote', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpAuthError);
      expect(err.message).not.to.contain('wrong-key');
    });

    it('an "Error Message" on a 200 is still an error', async () => {
      const { client } = make();
      fmp.script('profile', [{ status: 200, body: { 'Error Message': 'Something odd.' } }]);
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpApiError);
      expect(err.fmpMessage).to.equal('Something odd.');
    });

    it('a body that is not FMP’s format is a FmpResponseError', async () => {
      const { client } = make();
      fmp.script('profile', [
        { status: 200, raw: '<html>maintenance</html>' },
        { status: 200, body: { symbol: 'AAPL' } },
      ]);
      expect((await caught(client.get('profile', { symbol: 'AAPL' }))).message).to.contain('not JSON');
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpResponseError);
      expect(err.message).to.contain('expected a JSON array');
    });
  });

  describe('retries with backoff', () => {
    it('retries 429 and 5xx, doubling the wait, then succeeds', async () => {
      const { client, waits, logs, budget } = make();
      fmp.script('profile', [
        { status: 429, body: fixture('error_429.json') },
        { status: 500, body: { 'Error Message': 'Internal error' } },
        { status: 503, raw: 'Service Unavailable' },
      ]);
      const rows = await client.get('profile', { symbol: 'AAPL' });
      expect(rows).to.have.length(1);
      expect(fmp.requests).to.have.length(4);
      expect(waits).to.deep.equal([1000, 2000, 4000]);
      expect(logs.filter((l) => l.startsWith('warn'))).to.have.length(3);
      expect(logs[0]).to.contain('rate_limited (attempt 1 of 4), retrying in 1000 ms');
      expect((await budget.usage(new Date())).used).to.equal(4); // every attempt is a call
    });

    it('honours Retry-After on a 429 (capped)', async () => {
      const { client, waits } = make({ maxBackoffMs: 5000 });
      fmp.script('profile', [
        { status: 429, body: fixture('error_429.json'), headers: { 'retry-after': '2' } },
        { status: 429, body: fixture('error_429.json'), headers: { 'retry-after': '120' } },
      ]);
      await client.get('profile', { symbol: 'AAPL' });
      expect(waits).to.deep.equal([2000, 5000]);
    });

    it('reads a Retry-After date against the injected clock', async () => {
      const clock = fixedClock('2026-11-27T15:00:00Z');
      const { client, waits } = make({ clock });
      fmp.script('profile', [
        {
          status: 429,
          body: fixture('error_429.json'),
          headers: { 'retry-after': 'Fri, 27 Nov 2026 15:00:03 GMT' },
        },
      ]);
      await client.get('profile', { symbol: 'AAPL' });
      expect(waits).to.deep.equal([3000]);
    });

    it('jitters the backoff by at most ±20 %', () => {
      const low = make({ random: () => 0 }).client;
      const high = make({ random: () => 0.999999 }).client;
      expect(low.backoff(3)).to.equal(3200);
      expect(high.backoff(3)).to.be.closeTo(4800, 1);
    });

    it('exhausted on 429: FmpRateLimitError after 1 + retries attempts', async () => {
      const { client, logs } = make({ retries: 2 });
      fmp.script('batch-quote', Array(3).fill({ status: 429, body: fixture('error_429.json') }));
      const err = await caught(client.get('batch-quote', { symbols: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpRateLimitError);
      expect(err.attempts).to.equal(3);
      expect(fmp.requests).to.have.length(3);
      expect(err.message).to.contain('after 3 attempts').and.contain('Limit Reach');
      expectNoKey(err, logs);
    });

    it('exhausted on 5xx: FmpServerError', async () => {
      const { client, logs } = make({ retries: 1 });
      fmp.script('profile', [
        { status: 502, raw: 'Bad Gateway' },
        { status: 500, body: { 'Error Message': 'Internal error' } },
      ]);
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpServerError);
      expect(err.status).to.equal(500);
      expect(err.attempts).to.equal(2);
      expectNoKey(err, logs);
    });

    it('times out each attempt and retries; exhausted: FmpTimeoutError', async () => {
      const { client, logs } = make({ retries: 1, timeoutMs: 100 });
      fmp.script('profile', [
        { status: 200, body: [], delayMs: 1000 },
        { status: 200, body: [], delayMs: 1000 },
      ]);
      const started = Date.now();
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpTimeoutError);
      expect(err.message).to.contain('no answer within 100 ms');
      expect(err.attempts).to.equal(2);
      expect(Date.now() - started).to.be.lessThan(900);
      expectNoKey(err, logs);
    });

    it('a connection failure is a FmpNetworkError after the retries', async () => {
      const closed = await startFakeFmp({ apiKey: KEY });
      const baseUrl = closed.baseUrl;
      await closed.close();
      const { client, logs } = make({ baseUrl, retries: 1 });
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpNetworkError);
      expect(err.message).to.contain('cannot reach FMP');
      expect(err.attempts).to.equal(2);
      expectNoKey(err, logs);
    });

    it('does not retry 4xx errors other than 429', async () => {
      const { client } = make();
      fmp.script('profile', [{ status: 400, body: { 'Error Message': 'Invalid parameters' } }]);
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpApiError);
      expect(fmp.requests).to.have.length(1);
    });
  });

  describe('provider failures: each bounded in time and size, retried only where it helps', () => {
    it('a connection that never answers: provider_timeout after every attempt, within the bound', async () => {
      const { client, logs } = make({ retries: 1, timeoutMs: 150 });
      fmp.script('profile', [
        { status: 200, hang: 'headers' },
        { status: 200, hang: 'headers' },
      ]);
      const started = performance.now();
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpTimeoutError);
      expect(err.attempts).to.equal(2);
      expect(performance.now() - started).to.be.lessThan(2 * 150 + 1_000);
      expectPublic(err, 'provider_timeout');
      expect(err.publicMessage).to.contain('no answer within 150 ms').and.contain('after 2 attempts');
      expectNoKey(err, logs);
    });

    it('headers, then a body that stalls: the same timeout cuts it off, and the retry succeeds', async () => {
      const { client, waits } = make({ timeoutMs: 150 });
      fmp.script('profile', [{ status: 200, hang: 'body' }]);
      const started = performance.now();
      const rows = await client.get('profile', { symbol: 'AAPL' });
      expect(rows).to.have.length(1);
      expect(fmp.requests).to.have.length(2);
      expect(waits).to.deep.equal([1000]);
      expect(performance.now() - started).to.be.lessThan(150 + 1_000);
    });

    it('a stalled body on every attempt: provider_timeout', async () => {
      const { client } = make({ retries: 2, timeoutMs: 100 });
      fmp.script('profile', Array(3).fill({ status: 200, hang: 'body' }));
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpTimeoutError);
      expect(err.attempts).to.equal(3);
      expectPublic(err, 'provider_timeout');
    });

    it('a 50 MB body without a length: cut off at the cap, provider_body_too_large, not retried', async () => {
      const { client, logs } = make({ maxBodyBytes: 1024 * 1024 });
      fmp.script('historical-price-eod/full', [{ status: 200, bytes: 50 * 1024 * 1024 }]);
      const heap = process.memoryUsage().heapUsed;
      const err = await caught(client.get('historical-price-eod/full', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpBodyTooLargeError);
      expect(err.attempts).to.equal(1);
      expect(fmp.requests).to.have.length(1);
      // Not buffered: what the read kept is about the cap, far from 50 MB.
      expect(process.memoryUsage().heapUsed - heap).to.be.lessThan(20 * 1024 * 1024);
      expectPublic(err, 'provider_body_too_large');
      expect(err.publicMessage).to.contain(`larger than ${1024 * 1024} bytes`);
      expectNoKey(err, logs);
    });

    it('a declared Content-Length over the cap is refused before reading', async () => {
      let read = false;
      const body = new ReadableStream(
        {
          pull(controller) {
            read = true;
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      const { client } = make({
        maxBodyBytes: 1000,
        fetch: async () => new Response(body, { headers: { 'content-length': String(50 * 1024 * 1024) } }),
      });
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expectPublic(err, 'provider_body_too_large');
      expect(read).to.equal(false);
    });

    it('a body that is not JSON: provider_bad_response, not retried', async () => {
      const { client } = make();
      fmp.script('batch-quote', [{ status: 200, raw: '[{"symbol": "AAPL", "price": 1' }]);
      const err = await caught(client.get('batch-quote', { symbols: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpResponseError);
      expect(fmp.requests).to.have.length(1);
      expectPublic(err, 'provider_bad_response');
      expect(err.publicMessage).to.contain('the body is not JSON');
    });

    it('5xx: retried, with a Retry-After honoured; exhausted: provider_server_error', async () => {
      const { client, waits } = make({ retries: 2 });
      fmp.script('batch-quote', [
        { status: 503, raw: '<html>down</html>', headers: { 'retry-after': '7' } },
        { status: 502, raw: 'Bad Gateway' },
        { status: 500, body: { 'Error Message': 'Internal error' } },
      ]);
      const err = await caught(client.get('batch-quote', { symbols: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpServerError);
      expect(waits).to.deep.equal([7000, 2000]);
      expectPublic(err, 'provider_server_error');
      expect(err.publicMessage).to.contain('(HTTP 500)').and.contain('after 3 attempts');
    });

    it('429 exhausted: provider_rate_limited', async () => {
      const { client } = make({ retries: 0 });
      fmp.script('batch-quote', [{ status: 429, body: fixture('error_429.json') }]);
      expectPublic(await caught(client.get('batch-quote', { symbols: 'AAPL' })), 'provider_rate_limited');
    });

    it('a connection reset: retried; exhausted: provider_network without a host or port', async () => {
      const { client } = make({ retries: 1 });
      fmp.script('profile', [{ status: 200, reset: true }]);
      expect(await client.get('profile', { symbol: 'AAPL' })).to.have.length(1);
      const closed = await startFakeFmp({ apiKey: KEY });
      await closed.close();
      const refused = make({ baseUrl: closed.baseUrl, retries: 1 }).client;
      const err = await caught(refused.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpNetworkError);
      expectPublic(err, 'provider_network');
    });

    it('our own budget spent: provider_budget_exhausted', async () => {
      const { client } = make({ budget: new MemoryCallBudget(0) });
      expectPublic(await caught(client.get('profile', { symbol: 'AAPL' })), 'provider_budget_exhausted');
    });
  });

  describe('daily budget and pacing', () => {
    it('stops before sending once the day’s budget is spent, and says so', async () => {
      const budget = new MemoryCallBudget(2);
      const { client } = make({ budget });
      await client.get('profile', { symbol: 'AAPL' });
      await client.get('profile', { symbol: 'AAPL' });
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpBudgetExhaustedError);
      expect(err.code).to.equal('daily_budget_exhausted');
      expect(err.message).to.contain('daily budget of 2 calls').and.contain('no request sent');
      expect(fmp.requests).to.have.length(2);
    });

    it('retries count against the budget: a retry past it is not sent', async () => {
      const budget = new MemoryCallBudget(2);
      const { client } = make({ budget });
      fmp.script('profile', Array(4).fill({ status: 500, body: { 'Error Message': 'Internal error' } }));
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err).to.be.instanceOf(FmpBudgetExhaustedError);
      expect(fmp.requests).to.have.length(2);
    });

    it('the budget starts again on the next New York day', async () => {
      const budget = new MemoryCallBudget(1);
      const clock = fixedClock('2026-11-27T04:59:00Z'); // 23:59 EST on Nov 26
      const { client } = make({ budget, clock });
      await client.get('profile', { symbol: 'AAPL' });
      expect(await caught(client.get('profile', { symbol: 'AAPL' }))).to.be.instanceOf(
        FmpBudgetExhaustedError,
      );
      clock.set('2026-11-27T05:00:00Z'); // 00:00 EST on Nov 27
      await client.get('profile', { symbol: 'AAPL' });
      expect(await budget.usage(clock.now())).to.deep.equal({
        day: '2026-11-27',
        used: 1,
        limit: 1,
        remaining: 0,
      });
    });

    it('spaces requests by the minimum interval', async () => {
      const { client, waits } = make({ minIntervalMs: 100 });
      for (let i = 0; i < 3; i++) await client.get('profile', { symbol: 'AAPL' });
      expect(waits).to.have.length(2);
      expect(waits[0]).to.be.within(50, 100);
      expect(waits[1]).to.be.within(150, 200);
    });

    it('paces by the injected clock: waits what is left of the interval, nothing once it has passed', async () => {
      const clock = fixedClock('2026-11-27T15:00:00Z');
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
        clock.advance(ms);
      };
      const { client } = make({ minIntervalMs: 100, clock, sleep });
      await client.get('profile', { symbol: 'AAPL' });
      clock.advance(30);
      await client.get('profile', { symbol: 'AAPL' });
      await client.get('profile', { symbol: 'AAPL' });
      clock.advance(1000);
      await client.get('profile', { symbol: 'AAPL' });
      expect(waits).to.deep.equal([70, 100]);
    });
  });

  describe('key redaction', () => {
    it('redact() removes the key, its URL-encoded form and any apikey parameter', () => {
      const key = 'a+b/c=d';
      expect(redact(`x a+b/c=d y ${encodeURIComponent(key)} z`, key)).to.equal('x *** y *** z');
      expect(redact('https://h/stable/quote?symbol=A&apikey=other&x=1', key)).to.equal(
        'https://h/stable/quote?symbol=A&apikey=***&x=1',
      );
    });

    it('an FMP message that echoes the key is redacted too', async () => {
      const { client, logs } = make();
      fmp.script('profile', [{ status: 401, body: { 'Error Message': `Invalid API KEY: ${KEY}` } }]);
      const err = await caught(client.get('profile', { symbol: 'AAPL' }));
      expect(err.fmpMessage).to.equal('Invalid API KEY: ***');
      expectNoKey(err, logs);
    });

    it('refuses to start without a key', () => {
      expect(
        () => new FmpClient({ apiKey: '', budget: new MemoryCallBudget(1), baseUrl: 'http://127.0.0.1:1' }),
      ).to.throw(/FMP_API_KEY/);
    });
  });
});
