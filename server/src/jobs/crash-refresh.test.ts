/**
 * A worker killed with SIGKILL in the middle of `refresh-stock-data` (the real worker process,
 * `src/worker.ts`, and the real ingest use case with the sample provider), on each database:
 *
 * - worker A takes a queued refresh of an empty database (each stock's full history, so the
 *   run is long enough) in batches of INGEST_BATCH_SIZE=5 stocks (~30 transactions); it is
 *   killed once at least one batch is committed while it holds a batch transaction open;
 * - what A left: every batch wholly stored or wholly absent (stock row, price window, fiscal
 *   years and bars, each equal to what a complete refresh stores for that stock), and the
 *   job row still locked by A, unfinished;
 * - worker B (WORKER_LOCK_LIFETIME_S=5) takes the job over once A's lock has expired and
 *   finishes it; the database then equals, row for row, a reference database refreshed once
 *   at the same instant without any kill.
 *
 * Why this fails without transactional batches: A is killed while a batch's writes are in
 * flight (the probe below waits for an open write: SQLite's write lock held, or a Postgres
 * backend with a transaction id writing the market tables). A batch writes its stock rows,
 * then fiscal years, then bars, then price windows; committed one statement at a time, the
 * kill leaves stocks without bars or windows (the all-or-nothing check fails), and the next
 * run rebuilds a stock's window from the bars it finds and fetches only from its last bar,
 * so a half-written history stays half-written (the final comparison fails). Checked by
 * replacing `writeTransaction` in `ingest/service.ts` with a plain call: fails on both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Agenda, type AgendaBackend } from 'agenda';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { memoryCache } from '../../test-support/cache.ts';
import { DATABASES, type TestDatabase } from '../../test-support/db.ts';
import { waitFor } from '../../test-support/wait.ts';
import { fixedClock } from '../clock.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { createIngestService } from '../ingest/service.ts';
import { createLogger } from '../logger.ts';
import { lastCompletedSession } from '../market/calendar.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { refreshStockData } from './refresh-stock-data.ts';
import { ensureScheduled, JOBS, runNow } from './registry.ts';
import { createJobBackend, prepareJobStore } from './store.ts';

const SERVER = path.join(import.meta.dirname, '../..');
const SEED = 'crash-refresh';
const BATCH = 5;
const LOCK_S = 5;
const JOB = refreshStockData.name;

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(name: string, url: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER, 'src/worker.ts')], {
    cwd: SERVER,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: url,
      REDIS_ENABLED: 'false',
      FMP_API_KEY: '',
      SAMPLE_SEED: SEED,
      SENTRY_DSN: '',
      WORKER_NAME: name,
      WORKER_SHUTDOWN_S: '5',
      WORKER_LOCK_LIFETIME_S: String(LOCK_S),
      INGEST_BATCH_SIZE: String(BATCH),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Rows of a table in a stable order, minus the columns named. */
async function rows(db: Knex, table: string, order: string[], omit: string[] = []) {
  const all = (await db(table).select('*').orderBy(order)) as Record<string, unknown>[];
  return all.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k))));
}

/** Everything a refresh stores, per table. */
async function marketData(db: Knex) {
  return {
    // updated_at is when a row last changed (an unchanged row is not rewritten): for the
    // stocks A stored, A's run, in a session or not.
    stocks: await rows(db, 'stocks', ['ticker'], ['updated_at']),
    financials: await rows(db, 'financials', ['ticker', 'fiscal_year']),
    daily_prices: await rows(db, 'daily_prices', ['ticker', 'date']),
    stock_state: await rows(db, 'stock_state', ['ticker'], ['updated_at']),
    scores: await rows(db, 'scores', ['ticker']),
    score_snapshots: await rows(db, 'score_snapshots', ['ticker', 'date']),
    dataset_info: await rows(db, 'dataset_info', ['key']),
  };
}

/** Group rows by ticker. */
function byTicker<R extends Record<string, unknown>>(list: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of list) {
    const t = String(r.ticker);
    const group = out.get(t) ?? [];
    group.push(r);
    out.set(t, group);
  }
  return out;
}

/**
 * True while another connection holds a write transaction open on the market tables:
 * SQLite, our BEGIN IMMEDIATE fails at once (a batch takes the write lock first, see
 * `writeTransaction`); Postgres, a backend with a transaction id last ran a market write.
 */
function writeProbe(test: TestDatabase): { busy: () => Promise<boolean>; close: () => Promise<void> } {
  if (test.target.client === 'pg') {
    const name = new URL(test.target.connectionString).pathname.slice(1);
    return {
      busy: async () => {
        const { rows: found } = (await test.db.raw(
          `select count(*)::int as n from pg_stat_activity
            where datname = ? and pid <> pg_backend_pid() and backend_xid is not null
              and query ~* '(insert|update).*(stocks|financials|daily_prices|stock_state)'`,
          [name],
        )) as { rows: Array<{ n: number }> };
        return found[0].n > 0;
      },
      close: async () => {},
    };
  }
  const probe = createDb(test.target, { poolMax: 1 });
  let ready = false;
  return {
    busy: async () => {
      if (!ready) {
        await probe.raw('pragma busy_timeout = 0');
        ready = true;
      }
      try {
        await probe.raw('begin immediate');
      } catch (err) {
        if (/SQLITE_BUSY/.test((err as Error).message)) return true;
        throw err;
      }
      await probe.raw('rollback');
      return false;
    },
    close: () => probe.destroy(),
  };
}

for (const entry of DATABASES) {
  const title = `a worker SIGKILLed mid-refresh [${entry.name}]`;
  if (entry.skip) {
    describe.skip(`${title} (skipped: ${entry.skip})`, () => {});
    continue;
  }
  describe(title, function () {
    this.timeout(120_000);
    let test: TestDatabase | undefined;
    let reference: TestDatabase | undefined;
    let queue: Agenda | undefined;
    let store: AgendaBackend | undefined;
    const workers: Worker[] = [];
    after(async () => {
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await store?.disconnect().catch(() => {});
      // Both, even if one fails (a leftover database otherwise stays behind).
      const disposed = await Promise.allSettled([test?.dispose(), reference?.dispose()]);
      for (const d of disposed) if (d.status === 'rejected') throw d.reason;
    });

    it('leaves whole batches only; the next worker takes the job over after the lock expires and completes it', async () => {
      test = await entry.create();
      const { db, target } = test;
      await migrateLatest(db);
      await prepareJobStore(target, db);
      const universe = await createSampleProvider({ seed: SEED }).universe();
      const batches: string[][] = [];
      for (let i = 0; i < universe.length; i += BATCH) batches.push(universe.slice(i, i + BATCH));

      // The job store as the workers find it: the scheduled rows exist but are disabled, so the
      // wall-clock schedule cannot start a second refresh during the test; one refresh is queued
      // with `runNow` (a one-off run, as an admin action queues it).
      store = createJobBackend(target, db, { notifications: false });
      queue = new Agenda({ backend: store, name: 'test' });
      await queue.ready;
      await ensureScheduled(queue, JOBS, new Date());
      await queue.disable({ names: JOBS.filter((j) => j.schedule).map((j) => j.name) });
      await runNow(queue, JOB);
      const jobRow = async () => {
        const found = (await queue!.queryJobs({ name: JOB })).jobs.filter((j) => !j.disabled);
        expect(found).to.have.length(1);
        return found[0];
      };

      // Worker A: killed once a batch is committed, while another one's writes are in flight.
      const a = startWorker('crash-a', target.url);
      workers.push(a);
      const probe = writeProbe(test);
      let stocksAtKill: number;
      try {
        stocksAtKill = await waitFor(
          'worker A to commit a batch and open another',
          async () => {
            if (a.child.exitCode !== null) throw new Error(`worker A exited early:\n${a.output()}`);
            const [{ n }] = await db('stocks').count<{ n: number | string }[]>({ n: '*' });
            // Kill before the last batch, so the run is surely cut short.
            if (Number(n) >= universe.length - BATCH)
              throw new Error('the refresh got to its last batch before it could be killed');
            // Past half the universe without catching a write in flight (a very loaded machine):
            // kill anyway; the checks below hold wherever the kill lands.
            if (Number(n) < BATCH || (Number(n) < universe.length / 2 && !(await probe.busy())))
              return undefined;
            a.child.kill('SIGKILL');
            return Number(n);
          },
          { timeoutMs: 60_000 },
        );
      } finally {
        await probe.close();
      }
      const killed = await a.exited;
      expect(killed.signal, a.output()).to.equal('SIGKILL');

      // The job: still locked by A, not finished, not failed.
      const locked = await jobRow();
      expect(locked.lockedAt, 'still locked').to.be.instanceOf(Date);
      expect(locked.lastModifiedBy).to.equal('crash-a');
      expect(locked.lastFinishedAt ?? null).to.equal(null);
      expect(locked.failCount ?? 0).to.equal(0);
      const aLockedAt = locked.lockedAt as Date;

      // What A left: per stock, which of its four kinds of rows exist; per batch, all or none.
      const left = await marketData(db);
      const has = (list: Array<Record<string, unknown>>) => new Set(list.map((r) => String(r.ticker)));
      const kinds = {
        stock: has(left.stocks),
        window: has(left.stock_state),
        financials: has(left.financials),
        bars: has(left.daily_prices),
      };
      const stored = batches.map((tickers) => {
        const flags = tickers.flatMap((t) => Object.values(kinds).map((set) => set.has(t)));
        expect(new Set(flags).size, `batch ${tickers.join(',')} partly stored`).to.equal(1);
        return flags[0];
      });
      const whole = stored.filter(Boolean).length;
      // Batches run in order: the stored ones come first; at least one, not all.
      expect(stored).to.deep.equal(batches.map((_, i) => i < whole));
      expect(whole).to.be.at.least(1).and.below(batches.length);
      expect(left.stocks.length).to.be.at.least(stocksAtKill);
      // A's run never reached the rescore.
      expect(left.scores).to.deep.equal([]);
      const [{ at }] = await db('stocks').max<{ at: string }[]>({ at: 'updated_at' });
      const aNow = new Date(at);

      // Worker B: takes the job over once A's lock has expired, finishes it.
      const b = startWorker('crash-b', target.url);
      workers.push(b);
      const done = await waitFor(
        'worker B to finish the refresh',
        async () => {
          if (b.child.exitCode !== null) throw new Error(`worker B exited early:\n${b.output()}`);
          const row = await jobRow();
          return row.lastFinishedAt ? row : undefined;
        },
        { timeoutMs: 90_000 },
      );
      expect(done.lastModifiedBy).to.equal('crash-b');
      expect(done.failCount ?? 0, String(done.failReason)).to.equal(0);
      expect(done.failReason ?? null).to.equal(null);
      expect(done.lockedAt ?? null).to.equal(null);
      expect(done.lastRunAt!.getTime(), 'B started after A lock expired').to.be.at.least(
        aLockedAt.getTime() + LOCK_S * 1000,
      );
      b.child.kill('SIGTERM');
      const stopped = await b.exited;
      expect(stopped.code, b.output()).to.equal(0);
      expect(b.output()).to.match(/refresh: \d+ stocks from sample/);

      // The reference: one uninterrupted refresh of an empty database at B's instant.
      const final = await marketData(db);
      const quotesAt = final.dataset_info.find((r) => r.key === 'quotes_at')?.value;
      expect(quotesAt, 'dataset_info.quotes_at').to.be.a('string');
      const bNow = new Date(String(quotesAt));
      reference = await entry.create();
      await migrateLatest(reference.db);
      const clock = fixedClock(bNow);
      await createIngestService({
        db: reference.db,
        cache: memoryCache(),
        clock,
        logger: createLogger({ level: 'silent' }),
        batchSize: BATCH,
      }).ingest(createSampleProvider({ seed: SEED, clock }), 'all');
      const expected = await marketData(reference.db);
      expect(final.stocks).to.have.length(universe.length);
      for (const table of Object.keys(expected) as Array<keyof typeof expected>)
        expect(final[table], table).to.deep.equal(expected[table]);

      // And what A stored for its stocks was already each stock's complete data.
      const aStored = new Set(batches.filter((_, i) => stored[i]).flat());
      const pick = <R extends Record<string, unknown>>(list: R[]) =>
        list.filter((r) => aStored.has(String(r.ticker)));
      expect(left.financials).to.deep.equal(pick(expected.financials));
      // (Bars run through the last session completed when A ran: should one have closed
      // between A and B, B added its bar to every stock.)
      const aThrough = lastCompletedSession(aNow);
      expect(left.daily_prices).to.deep.equal(
        pick(expected.daily_prices).filter((r) => String(r.date) <= aThrough),
      );
      const windows = byTicker(left.stock_state);
      for (const [t, bars] of byTicker(left.daily_prices))
        expect(windows.get(t)?.[0].last_date, t).to.equal(bars[bars.length - 1].date);
    });
  });
}
