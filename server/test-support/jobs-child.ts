/**
 * A worker process for the job-store tests: an Agenda on the given database running one
 * test job, so tests can race two processes on one store or SIGKILL one mid-job.
 *
 *   node --import tsx test-support/jobs-child.ts <database-url> <mode> <out-file> <worker-name> <lock-ms>
 *
 * mode `race`: job `race-job` appends "<n> <worker>" to out-file per run.
 * mode `hang`: job `crash-job` appends "started <worker>" and never finishes.
 * mode `finish`: job `crash-job` appends "done <worker>".
 * Prints "ready" once Agenda has started.
 */
import { appendFileSync } from 'node:fs';
import { Agenda } from 'agenda';
import { parseDatabaseUrl } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';
import { createJobBackend } from '../src/jobs/store.ts';

const [url, mode, out, worker, lockMs] = process.argv.slice(2);
const target = parseDatabaseUrl(url);
const db = createDb(target);
const agenda = new Agenda({
  backend: createJobBackend(target, db),
  name: worker,
  processEvery: 50,
  defaultLockLifetime: Number(lockMs),
});
agenda.on('error', (err) => console.error(`agenda error: ${(err as Error).message}`));

if (mode === 'race') {
  agenda.define<{ n: number }>('race-job', async (job) => {
    appendFileSync(out, `${job.attrs.data.n} ${worker}\n`);
    // A run that takes a moment, so the two workers' runs overlap (the race under test).
    await new Promise((r) => setTimeout(r, 5));
  });
} else {
  agenda.define('crash-job', async () => {
    if (mode === 'hang') {
      appendFileSync(out, `started ${worker}\n`);
      await new Promise(() => setInterval(() => {}, 1_000));
    } else {
      appendFileSync(out, `done ${worker}\n`);
    }
  });
}

await agenda.start();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await agenda.stop();
  await db.destroy();
  process.exit(0);
});
