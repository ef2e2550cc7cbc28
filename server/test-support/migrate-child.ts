/**
 * A migrator process for the migration-lock tests: the real `migrateLatest` on the given
 * database, optionally stopped mid-run so a test can SIGKILL it or race another against it.
 *
 *   node --import tsx test-support/migrate-child.ts <database-url> <transactional|plain> <pause|run>
 *
 * `pause`: once it holds the locks (knex's lock row taken, nothing applied yet) it prints
 * "mid-run" and waits for a line on stdin before applying the migrations.
 * `plain` runs without knex's wrapping transaction, so the taken lock row is committed: what
 * a migrator killed during a non-transactional migration leaves behind. `transactional` is
 * knex's default (one transaction for the batch).
 * Prints "applied <n>" when done, then exits 0.
 */
import { once } from 'node:events';
import { parseDatabaseUrl } from '../src/config.ts';
import { createDb } from '../src/db/knex.ts';
import { migrateLatest } from '../src/db/migrate.ts';

const [url, mode, pause] = process.argv.slice(2);
const db = createDb(parseDatabaseUrl(url));
const applied = await migrateLatest(db, {
  disableTransactions: mode === 'plain',
  async beforeAll() {
    if (pause !== 'pause') return;
    console.log('mid-run');
    await once(process.stdin, 'data');
  },
});
console.log(`applied ${applied.length}`);
await db.destroy();
process.stdin.destroy();
