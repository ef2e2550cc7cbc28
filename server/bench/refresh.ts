/**
 * `npm run bench:refresh`: one refresh of a generated universe (the sample universe plus
 * N synthetic stocks, 5,000 by default) with the sample provider, through the same ingest
 * use case the refresh job calls: provider data written in batches, scores recomputed,
 * snapshots, cache invalidated. On SQLite, and on PostgreSQL when TEST_DATABASE_URL (or
 * BENCH_DATABASE_URL, or --pg-url) names a server: the bench creates and drops its own
 * database there.
 *
 * The database is seeded through Monday 23 November 2026; then a fresh process (cold:
 * first refresh after start) runs, on a fixed clock:
 *   1. Tuesday after the close: every stock gets the day's bar, scores are recomputed;
 *   2. Wednesday 10:30 and 3. 11:30: live quotes only (scores stand);
 *   4. Wednesday after the close: the day's bar and a rescore again, warm.
 *
 *   npm run bench:refresh -- [--stocks 5000] [--dbs sqlite,postgres] [--pg-url URL]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppContext } from '../src/app-context.ts';
import { fixedClock } from '../src/clock.ts';
import { loadConfig, parseDatabaseUrl } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';
import { migrateLatest } from '../src/db/migrate.ts';
import type { IngestProgress } from '../src/ingest/service.ts';
import { createLogger } from '../src/logger.ts';
import { createSampleProvider } from '../src/market/sample/provider.ts';
import { seed } from '../test-support/seed.ts';

const { values } = parseArgs({
  options: {
    stocks: { type: 'string', default: '5000' },
    dbs: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string' },
    child: { type: 'string' },
  },
});
const SEED = 'bench';
const SEEDED_THROUGH = '2026-11-23';
const synthetic = Number(values.stocks);
if (!Number.isInteger(synthetic) || synthetic < 0) {
  console.error(`bench:refresh: --stocks must be a whole number, got "${values.stocks}"`);
  process.exit(1);
}
const ny = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00-05:00`);
const STEPS: Array<[string, Date]> = [
  ['Tue after close (new bar, rescore), cold', ny('2026-11-24', '16:05')],
  ['Wed 10:30 (quotes only)', ny('2026-11-25', '10:30')],
  ['Wed 11:30 (quotes only)', ny('2026-11-25', '11:30')],
  ['Wed after close (new bar, rescore), warm', ny('2026-11-25', '16:05')],
];

interface StepResult {
  step: string;
  totalMs: number;
  loadMs: number;
  scoreMs: number;
  bars: number;
  financials: number;
  scored: number;
  rescored: boolean;
  timings: Record<string, number>;
}

/** The child: a fresh process running the refreshes over the seeded database at `url`. */
async function child(url: string): Promise<void> {
  const clock = fixedClock(STEPS[0][1]);
  const ctx = await createAppContext(loadConfig({ ...process.env, DATABASE_URL: url, FMP_API_KEY: '' }), {
    name: 'bench',
    logger: createLogger({ level: 'silent' }),
    clock,
    provider: createSampleProvider({ seed: SEED, clock, synthetic }),
    sentry: null,
  });
  const out: StepResult[] = [];
  try {
    for (const [step, at] of STEPS) {
      clock.set(at);
      const t0 = performance.now();
      let scoreAt = t0;
      const result = await ctx.services.ingest.ingest(ctx.provider, 'all', {
        onProgress: (p: IngestProgress) => {
          if (p.phase === 'score') scoreAt = performance.now();
        },
      });
      const t1 = performance.now();
      out.push({
        step,
        totalMs: t1 - t0,
        loadMs: scoreAt - t0,
        scoreMs: t1 - scoreAt,
        bars: result.bars,
        financials: result.financials,
        scored: result.scored,
        rescored: result.scoresRecomputed,
        timings: result.timings,
      });
    }
  } finally {
    await ctx.close();
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function database(kind: string) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-bench-'));
    const url = `sqlite:${dir}/bench.db`;
    return { url, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = createDb(parseDatabaseUrl(pgAdmin as string), { poolMax: 1 });
  const name = `vibeapp_bench_refresh_${process.pid}`;
  await admin.raw(`drop database if exists "${name}" with (force)`);
  await admin.raw(`create database "${name}"`);
  const u = new URL(pgAdmin as string);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    dispose: async () => {
      await admin.raw(`drop database if exists "${name}" with (force)`);
      await admin.destroy();
    },
  };
}

const pgAdmin = values['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

if (values.child) {
  await child(values.child);
} else {
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  for (const kind of values.dbs.split(',').map((s) => s.trim())) {
    if (kind === 'postgres' && !pgAdmin) {
      console.log('postgres: skipped (set TEST_DATABASE_URL, BENCH_DATABASE_URL or --pg-url)');
      continue;
    }
    const target = await database(kind);
    try {
      const db = createDb(parseDatabaseUrl(target.url));
      const t0 = performance.now();
      await migrateLatest(db);
      const seeded = await seed(db, { seed: SEED, endDate: SEEDED_THROUGH, synthetic, historyPoints: 0 });
      await db.destroy();
      if (seeded.status !== 'seeded') throw new Error(`seed: ${seeded.reason}`);
      console.log(
        `${kind}: seeded ${seeded.stocks} stocks, ${seeded.bars} bars through ${SEEDED_THROUGH} in ${fmt(performance.now() - t0)}`,
      );
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', import.meta.filename, '--child', target.url, '--stocks', String(synthetic)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        },
      );
      if (run.status !== 0) throw new Error(`refresh process failed: ${run.stderr.trim()}`);
      const steps = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as StepResult[];
      for (const s of steps) {
        console.log(
          `${kind}: ${s.step.padEnd(42)} ${fmt(s.totalMs).padStart(8)}  (load ${fmt(s.loadMs)}, score+invalidate ${fmt(s.scoreMs)}; ${s.bars} bars, ${s.financials} fiscal years, ${s.scored} scores${s.rescored ? ' recomputed' : ' kept'})`,
        );
        console.log(
          `${' '.repeat(kind.length + 2)}${Object.entries(s.timings)
            .map(([k, v]) => `${k.replace(/Ms$/, '')} ${fmt(v)}`)
            .join(', ')}`,
        );
      }
    } finally {
      await target.dispose();
    }
  }
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')} (${os.cpus().length} CPUs)`,
  );
}
