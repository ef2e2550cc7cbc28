/**
 * The job-store contract: what Agenda needs from a backend (modelled on Agenda's own
 * repository tests), run against our SQLite backend always and against the official
 * PostgreSQL backend when TEST_DATABASE_URL is set (a throwaway database per run).
 * Then Agenda itself on each store: two instances racing, and a worker killed mid-job.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda, type AgendaBackend, type JobParameters, type JobRepository } from 'agenda';
import { expect } from 'chai';
import type { Knex } from 'knex';
import pg from 'pg';
import { createPgTestDb, createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { waitFor } from '../../test-support/wait.ts';
import type { DatabaseTarget } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { SqliteBackend } from './sqlite-backend/index.ts';

interface Store {
  test: TestDatabase;
  repo: JobRepository;
  /** A second, independent backend on the same store (its own connections), as another worker has. */
  otherBackend(): { backend: AgendaBackend; close(): Promise<void> };
  dispose(): Promise<void>;
}

async function sqliteStore(): Promise<Store> {
  const test = await createSqliteTestDb();
  await migrateLatest(test.db);
  const backend = new SqliteBackend(test.db);
  await backend.connect();
  const extra: Knex[] = [];
  return {
    test,
    repo: backend.repository,
    otherBackend() {
      // Two connections each: node-sqlite3 waits for the file's write lock on one of libuv's
      // four threads, so two full pools in one process could block all four while the
      // lock holder waits for a thread. (Separate worker processes each have their own.)
      const db = createDb(test.target, { poolMax: 2 });
      extra.push(db);
      return { backend: new SqliteBackend(db), close: () => db.destroy() };
    },
    async dispose() {
      await Promise.all(extra.map((db) => db.destroy()));
      await test.dispose();
    },
  };
}

async function postgresStore(): Promise<Store> {
  const test = await createPgTestDb();
  const url = (test.target as Extract<DatabaseTarget, { client: 'pg' }>).connectionString;
  // Each backend on a pool the test owns and ends itself: agenda.stop() can leave an idle
  // client behind in a pool it ends, which the database drop at the end would then cut off.
  const pools: pg.Pool[] = [];
  const pool = () => {
    const p = new pg.Pool({ connectionString: url });
    p.on('error', () => {});
    pools.push(p);
    return p;
  };
  const backend = new PostgresBackend({ pool: pool(), disableNotifications: true });
  await backend.connect();
  return {
    test,
    repo: backend.repository,
    otherBackend() {
      // Polling only in-process (LISTEN is exercised by the worker processes below).
      const own = pool();
      // The schema exists (the first backend made it). Two backends creating it at once can
      // block each other: the worker runs that step once, under a lock (prepareJobStore).
      const other = new PostgresBackend({ pool: own, disableNotifications: true, ensureSchema: false });
      return { backend: other, close: () => own.end().catch(() => {}) };
    },
    async dispose() {
      await Promise.all(pools.map((p) => (p.ending ? undefined : p.end().catch(() => {}))));
      await test.dispose();
    },
  };
}

const STORES: Array<{ name: string; create: () => Promise<Store>; skip?: string }> = [
  { name: 'sqlite', create: sqliteStore },
  {
    name: 'postgres',
    create: postgresStore,
    skip: process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL is not set',
  },
];

const MIN = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const later = (ms: number) => new Date(Date.now() + ms);

function job(over: Partial<JobParameters> = {}): JobParameters {
  return { name: 'job', priority: 0, nextRunAt: ago(1_000), type: 'normal', data: {}, ...over };
}

for (const store of STORES) {
  const title = store.skip
    ? `job store contract on ${store.name} (skipped: ${store.skip})`
    : `job store contract on ${store.name}`;
  describe(title, () => {
    if (store.skip) {
      it.skip(store.skip);
      return;
    }
    let s: Store;
    let repo: JobRepository;
    before(async () => {
      s = await store.create();
      repo = s.repo;
    });
    after(async () => s?.dispose());
    beforeEach(async () => {
      await repo.purgeAllJobs();
    });

    /** Claim arguments as Agenda's processor passes them: scan window 5 s, lock lifetime 10 min. */
    const claim = (name: string, lockLifetimeMs = 10 * MIN) =>
      repo.getNextJobToRun(name, later(5_000), ago(lockLifetimeMs), new Date(), undefined);

    describe('saveJob', () => {
      it('inserts a new job with an id and its fields', async () => {
        const saved = await repo.saveJob(
          job({ name: 'a', priority: 10, data: { foo: 'bar', n: [1, 2] } }),
          undefined,
        );
        expect(saved._id).to.be.a('string').and.not.empty;
        expect(saved).to.include({ name: 'a', priority: 10, type: 'normal' });
        expect(saved.data).to.deep.equal({ foo: 'bar', n: [1, 2] });
        const back = await repo.getJobById(String(saved._id));
        expect(back?.data).to.deep.equal({ foo: 'bar', n: [1, 2] });
        expect(back?.nextRunAt?.getTime()).to.equal(saved.nextRunAt?.getTime());
      });

      it('updates an existing job in place', async () => {
        const saved = await repo.saveJob(job({ priority: 5, data: { v: 1 } }), undefined);
        const updated = await repo.saveJob({ ...saved, priority: 20, data: { v: 2 } }, undefined);
        expect(String(updated._id)).to.equal(String(saved._id));
        expect(updated.priority).to.equal(20);
        expect(updated.data).to.deep.equal({ v: 2 });
        expect((await repo.queryJobs()).total).to.equal(1);
      });

      it("upserts 'single' jobs by name (one row per name)", async () => {
        const first = await repo.saveJob(
          job({ name: 'single', type: 'single', nextRunAt: later(MIN) }),
          undefined,
        );
        const second = await repo.saveJob(
          job({ name: 'single', type: 'single', priority: 10, nextRunAt: later(2 * MIN), data: { run: 2 } }),
          undefined,
        );
        expect(String(second._id)).to.equal(String(first._id));
        expect(second.priority).to.equal(10);
        expect(second.data).to.deep.equal({ run: 2 });
        expect((await repo.queryJobs({ name: 'single' })).total).to.equal(1);
      });

      it("keeps a stored due time when a 'single' job is saved again with a past one", async () => {
        const due = later(MIN);
        await repo.saveJob(job({ name: 'single', type: 'single', nextRunAt: due }), undefined);
        const again = await repo.saveJob(
          job({ name: 'single', type: 'single', nextRunAt: ago(1_000) }),
          undefined,
        );
        expect(again.nextRunAt?.getTime()).to.equal(due.getTime());
      });

      it('keeps the disabled flag and a repeat interval', async () => {
        const saved = await repo.saveJob(job({ disabled: true, repeatInterval: '5 minutes' }), undefined);
        const back = await repo.getJobById(String(saved._id));
        expect(back?.disabled).to.equal(true);
        expect(back?.repeatInterval).to.equal('5 minutes');
      });

      it('returns the data unchanged when the job was removed meanwhile', async () => {
        const saved = await repo.saveJob(job(), undefined);
        await repo.removeJobs({ id: saved._id });
        const again = await repo.saveJob({ ...saved, priority: 3 }, undefined);
        expect(again.priority).to.equal(3);
        expect(await repo.getJobById(String(saved._id))).to.equal(null);
      });
    });

    describe('getJobById', () => {
      it('finds a job by id, and null once removed', async () => {
        const saved = await repo.saveJob(job({ name: 'by-id', data: { k: 'v' } }), undefined);
        expect((await repo.getJobById(String(saved._id)))?.name).to.equal('by-id');
        await repo.removeJobs({ id: saved._id });
        expect(await repo.getJobById(String(saved._id))).to.equal(null);
      });
    });

    describe('queryJobs', () => {
      beforeEach(async () => {
        await repo.saveJob(
          job({ name: 'job-a', priority: 10, nextRunAt: later(MIN), data: { kind: 'alpha', count: 1 } }),
          undefined,
        );
        await repo.saveJob(
          job({ name: 'job-b', priority: 5, nextRunAt: later(2 * MIN), data: { kind: 'beta', count: 2 } }),
          undefined,
        );
        await repo.saveJob(
          job({ name: 'job-a', priority: 15, nextRunAt: later(3 * MIN), data: { kind: 'alpha', count: 3 } }),
          undefined,
        );
      });

      it('lists every job with its computed state', async () => {
        const all = await repo.queryJobs();
        expect(all.total).to.equal(3);
        expect(all.jobs.map((j) => j.state)).to.deep.equal(['scheduled', 'scheduled', 'scheduled']);
      });

      it('filters by name, by names and by a search text', async () => {
        const a = await repo.queryJobs({ name: 'job-a' });
        expect(a.total).to.equal(2);
        expect(a.jobs.every((j) => j.name === 'job-a')).to.equal(true);
        expect((await repo.queryJobs({ names: ['job-a', 'job-b'] })).total).to.equal(3);
        expect((await repo.queryJobs({ search: 'nomatch' })).total).to.equal(0);
        expect((await repo.queryJobs({ search: 'ob-b' })).total).to.equal(1);
      });

      it('filters by (partial) job data', async () => {
        expect((await repo.queryJobs({ data: { kind: 'alpha' } })).total).to.equal(2);
        expect((await repo.queryJobs({ data: { kind: 'alpha', count: 3 } })).total).to.equal(1);
        expect((await repo.queryJobs({ data: { kind: 'gamma' } })).total).to.equal(0);
      });

      it('pages after filtering: skip and limit, with the total before paging', async () => {
        const page = await repo.queryJobs({ skip: 1, limit: 1, sort: { priority: 'desc' } });
        expect(page.total).to.equal(3);
        expect(page.jobs.map((j) => j.priority)).to.deep.equal([10]);
      });

      it('leaves out disabled jobs when asked, and finds them by state "paused"', async () => {
        await repo.saveJob(job({ name: 'off', disabled: true }), undefined);
        expect((await repo.queryJobs({ includeDisabled: true })).total).to.equal(4);
        expect((await repo.queryJobs({ includeDisabled: false })).total).to.equal(3);
        const paused = await repo.queryJobs({ state: 'paused' });
        expect(paused.jobs.map((j) => j.name)).to.deep.equal(['off']);
      });
    });

    describe('removeJobs', () => {
      it('removes by name, id, ids and all-but-names, and counts what it removed', async () => {
        const [r1] = [
          await repo.saveJob(job({ name: 'remove' }), undefined),
          await repo.saveJob(job({ name: 'remove' }), undefined),
        ];
        const keep = await repo.saveJob(job({ name: 'keep' }), undefined);
        const other = await repo.saveJob(job({ name: 'other' }), undefined);
        expect(await repo.removeJobs({ id: r1._id })).to.equal(1);
        expect(await repo.removeJobs({ name: 'remove' })).to.equal(1);
        expect(await repo.removeJobs({ notNames: ['keep', 'other'] })).to.equal(0);
        expect(await repo.removeJobs({ ids: [keep._id as string, other._id as string] })).to.equal(2);
        expect((await repo.queryJobs()).total).to.equal(0);
      });

      it('removes by data, and nothing when nothing matches or nothing is named', async () => {
        await repo.saveJob(job({ data: { user: 1 } }), undefined);
        await repo.saveJob(job({ data: { user: 2 } }), undefined);
        expect(await repo.removeJobs({ name: 'missing' })).to.equal(0);
        expect(await repo.removeJobs({})).to.equal(0);
        expect(await repo.removeJobs({ data: { user: 2 } })).to.equal(1);
        expect((await repo.queryJobs()).jobs.map((j) => j.data)).to.deep.equal([{ user: 1 }]);
      });

      it('purges every job', async () => {
        await repo.saveJob(job({ name: 'x' }), undefined);
        await repo.saveJob(job({ name: 'y' }), undefined);
        expect(await repo.purgeAllJobs()).to.equal(2);
        expect(await repo.getDistinctJobNames()).to.deep.equal([]);
      });
    });

    describe('names and queue size', () => {
      it('lists distinct job names, sorted', async () => {
        for (const name of ['b', 'a', 'b']) await repo.saveJob(job({ name }), undefined);
        expect(await repo.getDistinctJobNames()).to.deep.equal(['a', 'b']);
      });

      it('counts the jobs that are due', async () => {
        await repo.saveJob(job({ nextRunAt: ago(MIN) }), undefined);
        await repo.saveJob(job({ nextRunAt: ago(30_000) }), undefined);
        await repo.saveJob(job({ nextRunAt: later(MIN) }), undefined);
        expect(await repo.getQueueSize()).to.equal(2);
      });
    });

    describe('disable / enable', () => {
      it('a disabled job is never claimed; enabled again it is', async () => {
        await repo.saveJob(job({ name: 'toggle' }), undefined);
        expect(await repo.disableJobs({ name: 'toggle' })).to.equal(1);
        expect(await claim('toggle')).to.equal(undefined);
        expect(await repo.enableJobs({ name: 'toggle' })).to.equal(1);
        expect((await claim('toggle'))?.name).to.equal('toggle');
      });

      it('changes nothing without a filter', async () => {
        await repo.saveJob(job(), undefined);
        expect(await repo.disableJobs({})).to.equal(0);
        expect(await repo.enableJobs({})).to.equal(0);
      });
    });

    describe('lockJob / unlockJob', () => {
      it('locks a due job once; a second lock attempt fails', async () => {
        const saved = await repo.saveJob(job(), undefined);
        const locked = await repo.lockJob(saved, undefined);
        expect(locked?.lockedAt).to.be.instanceOf(Date);
        expect(String(locked?._id)).to.equal(String(saved._id));
        expect(await repo.lockJob(saved, undefined)).to.equal(undefined);
      });

      it('does not lock a job that was rescheduled since it was read', async () => {
        const saved = await repo.saveJob(job(), undefined);
        await repo.saveJob({ ...saved, nextRunAt: later(MIN) }, undefined);
        expect(await repo.lockJob(saved, undefined)).to.equal(undefined);
      });

      it('unlocks one job, but leaves a running one-shot job (no next run) locked', async () => {
        const saved = await repo.saveJob(job(), undefined);
        const locked = await repo.lockJob(saved, undefined);
        await repo.unlockJob(locked as JobParameters);
        expect((await repo.getJobById(String(saved._id)))?.lockedAt == null).to.equal(true);

        const running = await repo.lockJob(saved, undefined);
        await repo.saveJobState(
          { ...(running as JobParameters), nextRunAt: null, lastRunAt: new Date() },
          undefined,
        );
        await repo.unlockJob({ ...(running as JobParameters), nextRunAt: null });
        expect((await repo.getJobById(String(saved._id)))?.lockedAt).to.be.instanceOf(Date);
      });

      it('unlocks many jobs by id (what agenda.stop() does)', async () => {
        const a = await repo.saveJob(job({ name: 'a' }), undefined);
        const b = await repo.saveJob(job({ name: 'b' }), undefined);
        await repo.lockJob(a, undefined);
        await repo.lockJob(b, undefined);
        await repo.unlockJobs([a._id as string, b._id as string]);
        for (const j of [a, b])
          expect((await repo.getJobById(String(j._id)))?.lockedAt == null).to.equal(true);
      });
    });

    describe('getNextJobToRun', () => {
      it('claims the due job and marks it locked', async () => {
        await repo.saveJob(job({ name: 'runner', nextRunAt: ago(MIN) }), undefined);
        const next = await claim('runner');
        expect(next?.name).to.equal('runner');
        expect(next?.lockedAt).to.be.instanceOf(Date);
        expect(await claim('runner')).to.equal(undefined);
      });

      it('takes the earliest due first, then the highest priority', async () => {
        const same = ago(MIN);
        await repo.saveJob(job({ name: 'p', priority: 5, nextRunAt: same, data: { id: 'low' } }), undefined);
        await repo.saveJob(
          job({ name: 'p', priority: 10, nextRunAt: same, data: { id: 'high' } }),
          undefined,
        );
        await repo.saveJob(
          job({ name: 'p', priority: 0, nextRunAt: ago(2 * MIN), data: { id: 'earliest' } }),
          undefined,
        );
        const order: Array<string | undefined> = [];
        for (let i = 0; i < 3; i++) order.push(((await claim('p'))?.data as { id: string } | undefined)?.id);
        expect(order).to.deep.equal(['earliest', 'high', 'low']);
      });

      it('claims a job due within the scan window, not one due after it', async () => {
        await repo.saveJob(job({ name: 'soon', nextRunAt: later(2_000) }), undefined);
        await repo.saveJob(job({ name: 'later', nextRunAt: later(MIN) }), undefined);
        expect((await claim('soon'))?.name).to.equal('soon');
        expect(await claim('later')).to.equal(undefined);
      });

      it('reclaims a job whose lock expired (a crashed worker), not one freshly locked', async () => {
        const saved = await repo.saveJob(job({ name: 'crashed' }), undefined);
        const locked = await repo.lockJob(saved, undefined);
        // Locked just now: a 10-minute lifetime keeps it; a lifetime already over frees it.
        expect(await claim('crashed')).to.equal(undefined);
        await repo.saveJobState(
          { ...(locked as JobParameters), lockedAt: ago(2_000), nextRunAt: null },
          undefined,
        );
        expect(await claim('crashed', 5_000)).to.equal(undefined);
        const again = await claim('crashed', 1_000);
        expect(String(again?._id)).to.equal(String(saved._id));
        expect(again?.lockedAt && again.lockedAt.getTime() > Date.now() - 1_000).to.equal(true);
      });

      it('hands each due job to exactly one of many concurrent claimers on two connections', async () => {
        const ids = new Set<string>();
        for (let i = 0; i < 12; i++)
          ids.add(String((await repo.saveJob(job({ name: 'contended', data: { i } }), undefined))._id));
        const other = s.otherBackend();
        await other.backend.connect();
        try {
          const claimers = [repo, other.backend.repository];
          const results = await Promise.all(
            Array.from({ length: 40 }, (_, k) =>
              claimers[k % 2].getNextJobToRun(
                'contended',
                later(5_000),
                ago(10 * MIN),
                new Date(),
                undefined,
              ),
            ),
          );
          const claimed = results.filter((r) => r !== undefined).map((r) => String(r._id));
          expect(claimed).to.have.length(12);
          expect(new Set(claimed)).to.deep.equal(ids);
        } finally {
          await other.close();
        }
      });
    });

    describe('saveJobState', () => {
      it('writes the run state: times, progress, failure', async () => {
        const saved = await repo.saveJob(job(), undefined);
        const now = new Date();
        await repo.saveJobState(
          {
            ...saved,
            lastRunAt: now,
            lastFinishedAt: now,
            progress: 50,
            failCount: 1,
            failReason: 'boom',
            failedAt: now,
          },
          undefined,
        );
        const back = await repo.getJobById(String(saved._id));
        expect(back?.lastRunAt?.getTime()).to.equal(now.getTime());
        expect(back?.lastFinishedAt?.getTime()).to.equal(now.getTime());
        expect(back).to.include({ progress: 50, failCount: 1, failReason: 'boom' });
      });

      it('clears the lock when the job completes', async () => {
        const locked = await repo.lockJob(await repo.saveJob(job(), undefined), undefined);
        await repo.saveJobState(
          { ...(locked as JobParameters), lockedAt: undefined, lastFinishedAt: new Date() },
          undefined,
        );
        expect((await repo.getJobById(String(locked?._id)))?.lockedAt == null).to.equal(true);
      });

      it('fails for a job that no longer exists', async () => {
        const saved = await repo.saveJob(job(), undefined);
        await repo.removeJobs({ id: saved._id });
        let error: unknown;
        await repo.saveJobState({ ...saved, progress: 1 }, undefined).catch((e) => {
          error = e;
        });
        expect(String(error)).to.match(/cannot be updated/);
      });
    });

    describe('getJobsOverview', () => {
      it('counts jobs per name by state', async () => {
        await repo.saveJob(job({ name: 'ov', nextRunAt: later(MIN) }), undefined);
        const done = await repo.saveJob(job({ name: 'ov', nextRunAt: null }), undefined);
        await repo.saveJobState({ ...done, lastRunAt: ago(2_000), lastFinishedAt: ago(1_000) }, undefined);
        await repo.saveJob(job({ name: 'other', nextRunAt: later(MIN), disabled: true }), undefined);
        const overview = await repo.getJobsOverview();
        const ov = overview.find((o) => o.name === 'ov');
        expect(ov).to.include({ total: 2, scheduled: 1, completed: 1 });
        expect(overview.find((o) => o.name === 'other')).to.include({ total: 1, paused: 1 });
      });
    });

    describe('Agenda on this store', () => {
      it('two Agenda instances on one store run each of 30 jobs exactly once', async () => {
        const runs: string[] = [];
        const errors: unknown[] = [];
        const a = s.otherBackend();
        const b = s.otherBackend();
        const agendas = [a, b].map(
          ({ backend }, i) =>
            // The lifetime also bounds the timer Agenda leaves per run (half of it, uncleared by stop()).
            new Agenda({ backend, name: `w${i}`, processEvery: 50, defaultLockLifetime: 10_000 }),
        );
        for (const agenda of agendas) {
          agenda.define<{ n: number }>('counted', async (j) => {
            runs.push(`${j.attrs.data.n}`);
          });
          agenda.on('error', (e) => errors.push(e));
        }
        await Promise.all(agendas.map((x) => x.start()));
        try {
          const due = later(300);
          for (let n = 0; n < 30; n++) await agendas[0].schedule(due, 'counted', { n });
          // All 30 stored as completed: nothing is left that could run a second time.
          await waitFor(
            '30 runs stored as completed',
            async () => (await repo.queryJobs({ name: 'counted', state: 'completed' })).total === 30,
            { detail: () => `ran: ${runs.join(',')}` },
          );
        } finally {
          await Promise.all(agendas.map((x) => x.stop()));
          await a.close().catch(() => {});
          await b.close().catch(() => {});
        }
        expect(errors).to.deep.equal([]);
        expect([...runs].sort((x, y) => Number(x) - Number(y))).to.deep.equal(
          Array.from({ length: 30 }, (_, n) => `${n}`),
        );
      });

      describe('separate processes', function () {
        this.timeout(40_000);
        let dir: string;
        const children: ChildProcess[] = [];
        beforeEach(() => {
          dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-jobs-'));
        });
        afterEach(() => {
          for (const c of children.splice(0))
            if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
          rmSync(dir, { recursive: true, force: true });
        });

        const url = () => s.test.target.url;
        const lines = (file: string) =>
          existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
        async function startChild(
          mode: string,
          out: string,
          worker: string,
          lockMs: number,
        ): Promise<ChildProcess> {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              path.join(import.meta.dirname, '../../test-support/jobs-child.ts'),
              url(),
              mode,
              out,
              worker,
              String(lockMs),
            ],
            { cwd: path.join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
          );
          children.push(child);
          await new Promise<void>((resolve, reject) => {
            child.stdout?.on('data', (d: Buffer) => {
              if (d.toString().includes('ready')) resolve();
            });
            child.on('exit', (code) => reject(new Error(`worker ${worker} exited early (${code})`)));
          });
          return child;
        }
        async function stop(child: ChildProcess): Promise<void> {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }

        it('two worker processes never run one occurrence twice', async () => {
          const out = path.join(dir, 'runs.txt');
          const scheduler = s.otherBackend();
          const agenda = new Agenda({ backend: scheduler.backend });
          const due = later(2_500);
          for (let n = 0; n < 40; n++) await agenda.schedule(due, 'race-job', { n });
          const workers = await Promise.all([
            startChild('race', out, 'p1', 30_000),
            startChild('race', out, 'p2', 30_000),
          ]);
          // All 40 stored as completed: nothing is left that could run a second time.
          await waitFor(
            '40 runs stored as completed',
            async () => (await repo.queryJobs({ name: 'race-job', state: 'completed' })).total === 40,
            { timeoutMs: 20_000, detail: () => `${lines(out).length} runs written` },
          );
          await Promise.all(workers.map(stop));
          await scheduler.close().catch(() => {});
          const ran = lines(out).map((l) => Number(l.split(' ')[0]));
          expect(ran.sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 40 }, (_, n) => n));
        });

        it('a worker killed with SIGKILL mid-job: the job runs again after its lock expires', async () => {
          const out = path.join(dir, 'crash.txt');
          const scheduler = s.otherBackend();
          const agenda = new Agenda({ backend: scheduler.backend });
          const created = await agenda.now('crash-job');
          const lockMs = 1_500;
          const first = await startChild('hang', out, 'killed', lockMs);
          await waitFor('the first worker to start the job', () => lines(out).includes('started killed'));
          expect(lines(out)).to.deep.equal(['started killed']);
          first.kill('SIGKILL');
          const killedAt = Date.now();
          const second = await startChild('finish', out, 'survivor', lockMs);
          await waitFor('the second worker to finish the job', () => lines(out).includes('done survivor'), {
            timeoutMs: 15_000,
          });
          const tookMs = Date.now() - killedAt;
          await stop(second);
          expect(lines(out)).to.deep.equal(['started killed', 'done survivor']);
          // Not before the dead worker's lock had expired.
          expect(tookMs).to.be.at.least(lockMs - 200);
          const back = await repo.getJobById(String(created.attrs._id));
          expect(back?.lockedAt == null).to.equal(true);
          expect(back?.lastFinishedAt).to.be.instanceOf(Date);
          await scheduler.close().catch(() => {});
        });
      });
    });
  });
}
