/**
 * The invalidation bus over the database (Redis off): its contract on SQLite and PostgreSQL
 * (ordering, own rows skipped, restart from the newest id, rows seen out of id order,
 * pruning), two caches in one process, a second real process on the same database, and
 * the HTTP answer of an API whose data a separate worker-like context refreshes.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { memoryLogger, startTestServer, type TestServer } from '../../test-support/app.ts';
import { cacheConfig } from '../../test-support/cache.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { waitFor } from '../../test-support/wait.ts';
import { type AppContext, createAppContext } from '../app-context.ts';
import { fixedClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { StockDetail } from '../stocks/schemas.ts';
import { type DbBusOptions, DbInvalidationBus } from './db-bus.ts';
import { type AppCache, createCache } from './index.ts';

const PEER = path.join(import.meta.dirname, '..', '..', 'test-support', 'cache-db-peer.ts');
const quiet = createLogger({ level: 'silent' });

/** A bus that records what it was told, polled by hand (its timer is far off). */
function recordingBus(db: Knex, opts: Partial<DbBusOptions> = {}) {
  const remote: string[] = [];
  let resyncs = 0;
  const bus = new DbInvalidationBus({
    db,
    logger: quiet,
    intervalMs: 60_000,
    onRemote: (p) => remote.push(p),
    onResync: () => {
      resyncs++;
    },
    ...opts,
  });
  return { bus, remote, resyncs: () => resyncs };
}

describeEachDatabase(
  'cache invalidation bus over the database',
  (get) => {
    const open: DbInvalidationBus[] = [];
    function make(opts: Partial<DbBusOptions> = {}) {
      const r = recordingBus(get().db, opts);
      open.push(r.bus);
      return r;
    }

    beforeEach(async () => {
      await migrateLatest(get().db);
    });
    afterEach(async () => {
      for (const bus of open.splice(0)) await bus.close();
    });

    it('hands another process’s patterns over in the order they were published, and skips its own', async () => {
      const a = make();
      const b = make();
      await Promise.all([a.bus.ready(), b.bus.ready()]);
      for (const p of ['stocks:detail:AAPL', 'stocks:list:*', 'leaderboard:*']) await a.bus.publish(p);
      expect(await b.bus.poll()).to.equal(3);
      expect(b.remote).to.deep.equal(['stocks:detail:AAPL', 'stocks:list:*', 'leaderboard:*']);
      expect(await a.bus.poll()).to.equal(0);
      expect(a.remote).to.deep.equal([]);
      // Nothing new: nothing applied again.
      expect(await b.bus.poll()).to.equal(0);
      expect(b.remote).to.have.length(3);
    });

    it('starts from the newest row, not from the first, and drops what it held before knowing', async () => {
      const a = make();
      await a.bus.ready();
      await a.bus.publish('stocks:*');
      await a.bus.publish('screener:*');
      const late = make();
      await late.bus.ready();
      expect(late.resyncs()).to.equal(1);
      expect(await late.bus.poll()).to.equal(0);
      expect(late.remote).to.deep.equal([]);
      await a.bus.publish('stocks:top:*');
      expect(await late.bus.poll()).to.equal(1);
      expect(late.remote).to.deep.equal(['stocks:top:*']);
    });

    it('still applies a row that becomes visible after a higher id, once', async () => {
      const b = make({ settleMs: 60_000 });
      await b.bus.ready();
      const { db } = get();
      await db('cache_invalidations').insert({ id: 1000, pattern: 'late:high', origin: 'x', at: Date.now() });
      expect(await b.bus.poll()).to.equal(1);
      await db('cache_invalidations').insert({ id: 900, pattern: 'late:low', origin: 'x', at: Date.now() });
      expect(await b.bus.poll()).to.equal(1);
      expect(await b.bus.poll()).to.equal(0);
      expect(b.remote).to.deep.equal(['late:high', 'late:low']);
    });

    it('prunes rows older than the retention, and a long-silent bus asks for a resync', async () => {
      const clock = fixedClock(new Date(1_000_000));
      const a = make({ retentionMs: 10_000, clock });
      const b = make({ retentionMs: 10_000, clock });
      await Promise.all([a.bus.ready(), b.bus.ready()]);
      const resyncsAtStart = b.resyncs();
      await a.bus.publish('old:1');
      await a.bus.publish('old:2');
      expect(await b.bus.poll()).to.equal(2);
      clock.advance(10_001);
      await a.bus.publish('new:1'); // publishing prunes the rows past retention
      const left = await get().db('cache_invalidations').select('pattern').orderBy('id');
      expect(left.map((r) => r.pattern)).to.deep.equal(['new:1']);
      expect(await b.bus.poll()).to.equal(1);
      expect(b.resyncs(), 'b polled 10 s apart: longer than rows are kept').to.equal(resyncsAtStart + 1);
      expect(await a.bus.prune()).to.equal(0);
    });

    it('carries an invalidation from one cache to another on the same database', async () => {
      const { db } = get();
      const make = () =>
        createCache({ config: cacheConfig(), logger: memoryLogger([]), db, busIntervalMs: 20 });
      const a = make();
      const b = make();
      try {
        await Promise.all([a.health(), b.health()]);
        expect((await a.health()).check.detail).to.match(/invalidations shared through the database/);
        const load = async () => ({ price: 1 });
        expect((await a.getOrSet('stocks:detail:AAPL', 300, load)).outcome).to.equal('MISS');
        expect((await a.getOrSet('stocks:detail:AAPL', 300, load)).outcome).to.equal('HIT');
        await b.set('stocks:detail:MSFT', { price: 2 }, 300);
        await b.invalidate('stocks:detail:*');
        expect(await b.get('stocks:detail:MSFT')).to.equal(undefined);
        await waitFor('a drops the key', async () => (await a.get('stocks:detail:AAPL')) === undefined, {
          timeoutMs: 3000,
        });
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('keeps what is cached from the very first lookup: the bus is ready before anything is stored', async () => {
      // The bus drops everything cached before it knew where to start; a lookup made at once
      // must wait for that start rather than store an entry the start then throws away.
      const cache = createCache({ config: cacheConfig(), logger: memoryLogger([]), db: get().db });
      try {
        const load = async () => ({ price: 1 });
        const first = await cache.getOrSet('stocks:detail:AAPL', 300, load);
        await cache.health(); // resolves once the bus has started
        const second = await cache.getOrSet('stocks:detail:AAPL', 300, load);
        expect([first.outcome, second.outcome]).to.deep.equal(['MISS', 'HIT']);
        await cache.set('stocks:detail:MSFT', { price: 2 }, 300);
        expect(await cache.get('stocks:detail:MSFT')).to.deep.equal({ price: 2 });
      } finally {
        await cache.close();
      }
    });

    describe('across two processes', function () {
      this.timeout(30_000);
      let child: ChildProcessWithoutNullStreams;
      let rl: Interface;
      let lines: AsyncIterator<string>;
      let cache: AppCache;

      async function ask(cmd: Record<string, unknown>): Promise<Record<string, unknown>> {
        child.stdin.write(`${JSON.stringify(cmd)}\n`);
        const { value, done } = await lines.next();
        if (done) throw new Error('the peer process exited');
        return JSON.parse(value);
      }

      beforeEach(async () => {
        child = spawn(process.execPath, ['--import', 'tsx', PEER], {
          env: { ...process.env, DATABASE_URL: get().target.url, LOG_LEVEL: 'warn' },
        });
        child.stderr.pipe(process.stderr);
        rl = createInterface({ input: child.stdout });
        lines = rl[Symbol.asyncIterator]();
        const { value } = await lines.next();
        expect(JSON.parse(value)).to.deep.equal({ ready: true });
        cache = createCache({
          config: cacheConfig(),
          logger: memoryLogger([]),
          db: get().db,
          busIntervalMs: 100,
        });
        expect((await cache.health()).status).to.equal('ok');
      });

      afterEach(async () => {
        child.stdin.end();
        await new Promise((r) => child.once('exit', r));
        rl.close();
        await cache.close();
      });

      it('a data change in the other process makes this one’s next lookup a MISS within 2 s', async () => {
        let loads = 0;
        const load = async () => ({ price: ++loads });
        expect((await cache.getOrSet('stocks:detail:AAPL', 300, load)).outcome).to.equal('MISS');
        expect((await cache.getOrSet('stocks:detail:AAPL', 300, load)).outcome).to.equal('HIT');
        expect((await ask({ op: 'invalidate' })).removed).to.be.a('number');
        // get() does not refill, so polling does not re-cache the old value. 2 s is the bound under test.
        await waitFor(
          'this process to drop its copy',
          async () => (await cache.get('stocks:detail:AAPL')) === undefined,
          {
            timeoutMs: 2000,
          },
        );
        expect(await cache.getOrSet('stocks:detail:AAPL', 300, load)).to.deep.equal({
          value: { price: 2 },
          outcome: 'MISS',
        });
      });

      it('and the other way round: this process’s invalidation reaches the peer, which keeps what does not match', async () => {
        await ask({ op: 'set', key: 'stocks:detail:AAPL', value: { price: 1 } });
        await ask({ op: 'set', key: 'screener:graham:10', value: { n: 1 } });
        await cache.invalidate('stocks:*');
        await waitFor(
          'the peer drops the key',
          async () => (await ask({ op: 'get', key: 'stocks:detail:AAPL' })).value === undefined,
          { timeoutMs: 2000 },
        );
        expect((await ask({ op: 'get', key: 'screener:graham:10' })).value).to.deep.equal({ n: 1 });
      });
    });
  },
  { fresh: 'each' },
);

describeEachDatabase('an API and a separate worker context on one database, Redis off', (get) => {
  let api: TestServer;
  let worker: AppContext;
  let workerDb: Knex;

  before(async function () {
    this.timeout(60_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'xproc', endDate: '2026-11-27', historyPoints: 0, reset: true });
    const config = loadConfig({ NODE_ENV: 'test', REDIS_ENABLED: 'false', DATABASE_URL: get().target.url });
    api = await startTestServer(get().db, { config });
    // Its own connection pool, as the worker process has.
    workerDb = createDb(get().target);
    worker = await createAppContext(config, {
      name: 'worker',
      db: workerDb,
      logger: memoryLogger([]),
      sentry: null,
    });
    await Promise.all([api.ctx.cache.health(), worker.cache.health()]);
  });

  after(async () => {
    await worker?.close();
    await workerDb?.destroy();
    await api?.close();
  });

  it('the API answers MISS with the new data shortly after the worker refreshes', async function () {
    this.timeout(60_000);
    await api.get('/api/stocks/AAPL');
    const cached = await api.get('/api/stocks/AAPL');
    expect(cached.headers.get('x-cache')).to.equal('HIT');
    const before = StockDetail.parse(cached.body);

    const asOf = '2026-12-04';
    await worker.services.ingest.ingest(createSampleProvider({ seed: 'xproc', endDate: asOf }), ['AAPL'], {
      asOf,
    });

    // Without the bus the API would keep answering HIT with the old quote for minutes.
    let res = cached;
    await waitFor(
      'the API to drop its copy',
      async () => {
        res = await api.get('/api/stocks/AAPL');
        return res.headers.get('x-cache') !== 'HIT';
      },
      { timeoutMs: 3000 },
    );
    expect(res.headers.get('x-cache')).to.equal('MISS');
    const after = StockDetail.parse(res.body);
    expect(after.quote.as_of).to.equal(asOf).and.not.equal(before.quote.as_of);
    expect((await api.get('/api/stocks/AAPL')).headers.get('x-cache')).to.equal('HIT');
  });
});
