/**
 * Provider failures end to end: the worker's refresh job, wired by the composition root, reads
 * FMP from a local FMP-format server that fails (5xx, a connection that never answers, a body
 * that stalls, a 50 MB body, a body that is not JSON, a refused key). Each run fails within
 * its bounds; the stored stocks, bars and scores stay as they were and the API keeps serving
 * them from its cache; `/api/system/jobs` shows the run's code and a message without the
 * provider's URL, host or port; a failure that would recur is not retried.
 */
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { type FakeFmp, startFakeFmp } from '../../test-support/fmp/server.ts';
import { seedDeps } from '../../test-support/seed.ts';
import { waitForEvent } from '../../test-support/wait.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { seedSampleData } from '../ingest/seed.ts';
import { createLogger } from '../logger.ts';
import { createProvider } from '../market/providers.ts';
import { refreshStockData } from './refresh-stock-data.ts';
import { runNow } from './registry.ts';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.ts';
import { JobList } from './schemas.ts';
import { createJobDeps } from './wiring.ts';

const KEY = 'provider-failure-key-0123456789';
const TIMEOUT_MS = 300;
const ATTEMPTS = 4; // the client's 1 + 3 retries

describeEachDatabase('a refresh whose provider fails (local FMP server, real worker and API)', (get) => {
  // A nested suite: its `after` stops the worker before the database is disposed.
  describe('FMP failing in each way, then answering again', () => {
    let fmp: FakeFmp;
    let api: TestServer;
    let runtime: WorkerRuntime;

    before(async function () {
      this.timeout(60_000);
      const { db, target } = get();
      await migrateLatest(db);
      await seedSampleData(seedDeps(db), { seed: 'provider-failure', reset: true, historyPoints: 0 });
      fmp = await startFakeFmp({ apiKey: KEY });
      const config = loadConfig({
        NODE_ENV: 'test',
        FMP_API_KEY: KEY,
        FMP_BASE_URL: fmp.baseUrl,
        FMP_TIMEOUT_MS: String(TIMEOUT_MS),
        FMP_MAX_BODY_MB: '1',
      });
      const provider = createProvider(config, {
        db,
        universe: ['AAPL', 'MSFT'],
        sleep: async () => {}, // no pacing or backoff waits: the attempts are what is counted
      });
      api = await startTestServer(db, { config, overrides: { provider } });
      const quiet = createLogger({ level: 'silent' });
      runtime = await startWorkerRuntime({
        target,
        db,
        deps: { ...createJobDeps(api.ctx), log: quiet },
        jobs: [refreshStockData],
        log: quiet,
        name: 'provider-failure-worker',
        heartbeatMs: 60_000,
        shutdownMs: 5_000,
        processEveryMs: 50,
        // Agenda leaves a timer of half the lock lifetime per run (see end-to-end.test.ts).
        lockLifetimeMs: 10_000,
      });
    });
    after(async () => {
      await runtime?.stop();
      await api?.close();
      await fmp?.close();
    });

    /** Everything a refresh writes, in a stable order. */
    async function stored(): Promise<string> {
      const { db } = get();
      const rows = async (table: 'stocks' | 'scores' | 'financials' | 'stock_state' | 'dataset_info') =>
        (await db(table).select()).map((r) => JSON.stringify(r)).sort();
      const [{ bars, last }] = await db('daily_prices').count({ bars: '*' }).max({ last: 'date' });
      return JSON.stringify({
        stocks: await rows('stocks'),
        scores: await rows('scores'),
        financials: await rows('financials'),
        state: await rows('stock_state'),
        dataset: await rows('dataset_info'),
        bars: Number(bars),
        last,
      });
    }

    /** Run the refresh now; resolve when the run has ended and its end state is saved. */
    async function failedRefresh() {
      // 'complete' comes once the run's end state is saved ('fail' and 'success' come before).
      const failed = waitForEvent(runtime.agenda, 'complete', {
        what: 'the refresh to end and its state to be saved',
        timeoutMs: 20_000,
      });
      const started = performance.now();
      const sent = fmp.requests.length;
      await runNow(runtime.agenda, refreshStockData.name);
      await failed;
      const ms = performance.now() - started;
      const [row] = (await runtime.agenda.queryJobs({ name: refreshStockData.name })).jobs.filter(
        (j) => j.type === 'normal',
      );
      const { items } = JobList.parse((await api.admin('/api/system/jobs')).body);
      const status = items.find((i) => i.name === refreshStockData.name);
      // Start the next case from no run at all (and no pending retry that could run during it).
      await runtime.agenda.cancel({ name: refreshStockData.name });
      return { ms, requests: fmp.requests.length - sent, retryScheduled: Boolean(row?.nextRunAt), status };
    }

    const cases = [
      {
        what: '5xx on every attempt',
        answers: Array(ATTEMPTS).fill({ status: 503, raw: '<html>Service Unavailable</html>' }),
        code: 'provider_server_error',
        says: '(HTTP 503)',
        requests: ATTEMPTS,
        retried: true,
      },
      {
        what: 'a connection that never answers',
        answers: Array(ATTEMPTS).fill({ status: 200, hang: 'headers' }),
        code: 'provider_timeout',
        says: `no answer within ${TIMEOUT_MS} ms`,
        requests: ATTEMPTS,
        retried: true,
      },
      {
        what: 'headers, then a body that stalls',
        answers: Array(ATTEMPTS).fill({ status: 200, hang: 'body' }),
        code: 'provider_timeout',
        says: `no answer within ${TIMEOUT_MS} ms`,
        requests: ATTEMPTS,
        retried: true,
      },
      {
        what: 'a 50 MB body',
        answers: [{ status: 200, bytes: 50 * 1024 * 1024 }],
        code: 'provider_body_too_large',
        says: 'the body is larger than',
        requests: 1,
        retried: false,
      },
      {
        what: 'a body that is not JSON',
        answers: [{ status: 200, raw: '<html>maintenance</html>' }],
        code: 'provider_bad_response',
        says: 'the body is not JSON',
        requests: 1,
        retried: false,
      },
      {
        what: 'a refused key (401)',
        answers: [{ status: 401, body: { 'Error Message': `Invalid API KEY: ${KEY}` } }],
        code: 'provider_auth',
        says: 'check FMP_API_KEY',
        requests: 1,
        retried: false,
      },
    ] as const;

    for (const c of cases) {
      it(`${c.what}: bounded, ${c.code} in the job status, the last good data still served`, async function () {
        this.timeout(30_000);
        const detail = async () => api.get('/api/stocks/AAPL');
        await detail();
        const before = await detail();
        expect(before.status).to.equal(200);
        expect(before.headers.get('x-cache')).to.equal('HIT');
        const data = await stored();

        fmp.script('batch-quote', [...c.answers]);
        const run = await failedRefresh();

        expect(run.requests).to.equal(c.requests);
        expect(run.ms).to.be.lessThan(c.requests * TIMEOUT_MS + 10_000);
        expect(run.retryScheduled, 'the job retries later').to.equal(c.retried);
        expect(run.status).to.include({ last_status: 'failed', last_error_code: c.code, data_source: 'fmp' });
        const message = run.status?.last_error ?? '';
        expect(message)
          .to.match(/^FMP batch-quote: /)
          .and.contain(c.says);
        expect(message).not.to.match(/https?:|127\.0\.0\.1|apikey|:\d{2,5}\b|\bat \//);
        expect(message).not.to.contain(KEY);
        if (c.requests > 1) expect(message).to.contain(`after ${c.requests} attempts`);

        expect(await stored()).to.equal(data);
        const after = await detail();
        expect(after.headers.get('x-cache')).to.equal('HIT');
        expect(after.body).to.deep.equal(before.body);
      });
    }

    it('then the provider answers again: the next run succeeds, writes and invalidates (the checks above can see a change)', async function () {
      this.timeout(30_000);
      await api.get('/api/stocks/AAPL');
      expect((await api.get('/api/stocks/AAPL')).headers.get('x-cache')).to.equal('HIT');
      const data = await stored();
      const succeeded = waitForEvent(runtime.agenda, 'complete', {
        what: 'the refresh to end and its state to be saved',
        timeoutMs: 20_000,
      });
      await runNow(runtime.agenda, refreshStockData.name);
      await succeeded;
      expect(await stored()).not.to.equal(data);
      expect((await api.get('/api/stocks/AAPL')).headers.get('x-cache')).to.equal('MISS');
      const { items } = JobList.parse((await api.admin('/api/system/jobs')).body);
      expect(items.find((i) => i.name === refreshStockData.name)).to.include({
        last_status: 'succeeded',
        last_error: null,
        last_error_code: null,
      });
    });
  });
});
