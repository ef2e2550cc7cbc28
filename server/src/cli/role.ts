#!/usr/bin/env node
/**
 * The production image's one entry point (`vibeapp <role> [arguments]`; compiled to
 * server/dist/cli/role.js and run by plain `node`): the first argument chooses the process.
 *
 *   api                       the API and the built client on API_PORT
 *   worker                    the job worker (it also applies pending migrations)
 *   migrate [--seed]          one-shot: pending migrations; with --seed, the sample data too,
 *                             only when the database has none. `migrate status | rollback
 *                             [--all]` as `npm run migrate`
 *   agendash                  the job monitor on AGENDASH_PORT
 *   worker-health [--any]     exit 0 when the worker's heartbeat is fresh (a liveness probe)
 *   start                     `migrate --seed`, then `api` in the same process (the image's
 *                             default: one container beside a database; compose/prod.yml
 *                             runs migrate, api and worker as services of their own)
 *   healthcheck               the image's HEALTHCHECK, for whichever role the container runs
 *                             (server/src/cli/healthcheck.ts)
 *
 * Each role is the module `npm run` starts in development (tsx), imported after the role is
 * taken off the arguments, so its own argument parsing is unchanged.
 */

const ROLES: Record<string, () => Promise<unknown>> = {
  api: () => import('../main.ts'),
  worker: () => import('../worker.ts'),
  agendash: () => import('../agendash.ts'),
  'worker-health': () => import('./worker-health.ts'),
  healthcheck: () => import('./healthcheck.ts'),
  migrate: () =>
    process.argv.slice(2).join(' ') === '--seed' ? import('./setup.ts') : import('./migrate.ts'),
  start: async () => {
    await import('./setup.ts');
    // setup reports its own failure (one line) and sets the exit code: the API does not start.
    if (!process.exitCode) await import('../main.ts');
  },
};

const [role = '', ...rest] = process.argv.slice(2);
const run = Object.hasOwn(ROLES, role) ? ROLES[role] : undefined;
if (!run) {
  process.stderr.write(
    `vibeapp: ${role ? `unknown role "${role}"` : 'no role given'}; usage: vibeapp <${Object.keys(ROLES).join(' | ')}> [arguments]\n`,
  );
  process.exit(2);
}
if (role === 'start' && rest.length > 0) {
  process.stderr.write(`vibeapp: start takes no arguments, got "${rest.join(' ')}"\n`);
  process.exit(2);
}
process.argv.splice(2, 1);
await run();
