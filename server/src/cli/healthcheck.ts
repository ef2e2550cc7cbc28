/**
 * `vibeapp healthcheck`: the production image's HEALTHCHECK. One image runs every role, so the
 * check asks what this container runs (its first process's command line: `vibeapp <role>`,
 * under an init or not) and checks that: `api` and `start` answer GET /livez on API_PORT (the
 * process is alive; readiness is the orchestrator's `/readyz` probe), `agendash` answers on
 * AGENDASH_PORT, `worker` has a fresh heartbeat (`worker-health`), and `migrate` (one-shot)
 * is healthy while it runs. Exit 0 healthy, 1 not (one line saying why).
 */
import { readFileSync } from 'node:fs';
import { configOrExit } from '../config.ts';

const ROLES = ['api', 'start', 'worker', 'agendash', 'migrate'];

/** The role on PID 1's command line (`docker-init -- vibeapp worker`, `node …/vibeapp api`). */
function containerRole(cmdline: string): string | undefined {
  const args = cmdline.split('\0');
  const entry = args.findIndex((a) => /(^|\/)(vibeapp|role\.js)$/.test(a));
  return entry >= 0 ? args.slice(entry + 1).find((a) => ROLES.includes(a)) : undefined;
}

async function answers(url: string, ok: (status: number) => boolean): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) }).catch((err: Error) => {
    throw new Error(`${url}: ${err.cause instanceof Error ? err.cause.message : err.message}`);
  });
  if (!ok(res.status)) throw new Error(`${url}: HTTP ${res.status}`);
}

let cmdline = '';
try {
  cmdline = readFileSync('/proc/1/cmdline', 'utf8');
} catch {
  // Not Linux, or no /proc: the image's default role.
}
const role = containerRole(cmdline) ?? 'start';
if (role === 'worker') {
  await import('./worker-health.ts');
} else if (role !== 'migrate') {
  const config = configOrExit();
  try {
    if (role === 'agendash') {
      // Basic auth when AGENDASH_PASSWORD is set: a 401 is an answer.
      await answers(`http://127.0.0.1:${config.agendash.port}/`, (s) => s < 500);
    } else {
      await answers(`http://127.0.0.1:${config.api.port}/livez`, (s) => s === 200);
    }
  } catch (err) {
    process.stderr.write(`healthcheck (${role}): ${(err as Error).message}\n`);
    process.exit(1);
  }
}
