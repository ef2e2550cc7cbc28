/**
 * What the fault tests (`*.fault.ts`) share: a free port, our real processes (the API, the
 * worker) as children with everything they printed, and a steady load of requests over
 * several routes whose every answer is kept as a sample, with the figures a report needs.
 */
import { type ChildProcess, type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { waitFor, waitForLine } from './wait.ts';

/** The server package's folder (where `src/main.ts` and the CLIs are). */
const SERVER_DIR = path.join(import.meta.dirname, '..');

/** A loopback port free right now (bound, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Run one of our CLIs (`src/cli/setup.ts`, args after it) to its end with `env` added; its output as text. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** A process of ours (`src/main.ts`, `src/worker.ts`) with everything it printed and how it ended, if it did. */
export class AppProcess {
  out = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly child: ChildProcess;
  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_DIR, script)], {
      cwd: SERVER_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d) => {
      this.out += d;
    });
    this.child.stderr?.on('data', (d) => {
      this.out += d;
    });
    this.child.once('exit', (code, signal) => {
      this.exit = { code, signal };
    });
  }

  /** Resolves when the process prints a line containing `line` (its "listening" line). */
  started(line: string, timeoutMs = 60_000): Promise<string> {
    if (!this.child.stdout) throw new Error(`${this.name}: no stdout`);
    return waitForLine(this.child.stdout, line, { what: `${this.name}: "${line}"`, timeoutMs });
  }

  /** Whether it has ended (by itself or otherwise). */
  get exited(): boolean {
    return this.exit !== undefined || this.child.exitCode !== null;
  }

  /** Log lines as objects (non-JSON lines as { level: 60, msg }: anything unexpected counts). */
  lines(): Array<{ level: number; msg: string }> {
    return this.out
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          const { level, msg } = JSON.parse(l) as { level: number | string; msg: string };
          return { level: typeof level === 'number' ? level : (LEVELS[level] ?? 60), msg };
        } catch {
          return { level: 60, msg: l };
        }
      });
  }

  /** SIGTERM, then SIGKILL after 10 s; resolves when it has ended. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const ended = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await ended;
    clearTimeout(killer);
  }
}

/** A route under load: its name in the figures, and the path of its i-th request. */
export interface LoadRoute {
  name: string;
  path: (i: number) => string;
}

/** One request's answer. */
export interface Sample {
  route: string;
  /** performance.now() when it was sent. */
  startedAt: number;
  ms: number;
  status: number | 'no answer';
  /** The error body's code, when there is one. */
  code?: string;
  retryAfter?: string | null;
  /** The body's `status` (/health: healthy, degraded, unhealthy). */
  healthStatus?: string;
}

export interface SteadyLoad {
  /** Every answer so far, in the order they came. */
  readonly samples: Sample[];
  /** Stop sending and wait for the requests in flight. */
  stop(): Promise<void>;
  /** When, after `since` (performance.now()), every route had answered 200: ms after `since`. */
  everyRouteOkAfter(since: number, timeoutMs?: number): Promise<number>;
}

/**
 * `clients` concurrent clients (4), each sending the routes in turn one request after another,
 * `pauseMs` (20) apart, until stopped or `maxRequests` (6,000) were sent (a ceiling, whatever
 * happens).
 */
export function steadyLoad(options: {
  base: string;
  routes: LoadRoute[];
  clients?: number;
  pauseMs?: number;
  maxRequests?: number;
  /** A request unanswered after this is counted as 'no answer'. */
  requestTimeoutMs: number;
  headers?: Record<string, string>;
}): SteadyLoad {
  const { base, routes, clients = 4, pauseMs = 20, maxRequests = 6_000 } = options;
  const samples: Sample[] = [];
  let sent = 0;
  let running = true;

  async function one(i: number): Promise<void> {
    const route = routes[i % routes.length];
    const startedAt = performance.now();
    const sample: Sample = { route: route.name, startedAt, ms: 0, status: 'no answer' };
    try {
      const res = await fetch(base + route.path(Math.floor(i / routes.length)), {
        signal: AbortSignal.timeout(options.requestTimeoutMs),
        headers: options.headers,
      });
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string }; status?: string };
      Object.assign(sample, {
        status: res.status,
        code: body.error?.code,
        retryAfter: res.headers.get('retry-after'),
        healthStatus: body.status,
      });
    } catch {
      // no answer: counted as such
    }
    sample.ms = performance.now() - startedAt;
    samples.push(sample);
  }

  const load = Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; running && sent < maxRequests; i += clients) {
        sent++;
        await one(i);
        await pause(pauseMs);
      }
    }),
  );

  return {
    samples,
    async stop() {
      running = false;
      await load;
    },
    everyRouteOkAfter(since, timeoutMs = 30_000) {
      return waitFor(
        'every route to answer 200',
        () => {
          const firstOk = new Map<string, number>();
          for (const s of samples) {
            if (s.startedAt < since || s.status !== 200) continue;
            const at = s.startedAt + s.ms;
            firstOk.set(s.route, Math.min(at, firstOk.get(s.route) ?? at));
          }
          if (firstOk.size < routes.length) return undefined;
          return Math.max(...firstOk.values());
        },
        {
          timeoutMs,
          intervalMs: 50,
          detail: () =>
            `answers since: ${JSON.stringify(statusCounts(samples.filter((s) => s.startedAt >= since)))}`,
        },
      ).then((at) => at - since);
    },
  };
}

/** Answers counted by status (with the error code or health status when not a 200): `{ "200": 40, "503 database_unavailable": 3 }`. */
export function statusCounts(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    const key = s.status === 200 ? '200' : `${s.status} ${s.code ?? s.healthStatus ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
