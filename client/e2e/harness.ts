/**
 * End-to-end harness: a temporary SQLite database seeded by the server's own setup, the real
 * API as a child process, the Vite dev server (in process, proxying to that API), and headless
 * Chromium from the system (/usr/bin/chromium; no browser is downloaded).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';

const CLIENT_DIR = path.resolve(import.meta.dirname, '..');
const REPO_ROOT = path.resolve(CLIENT_DIR, '..');
export const SCREENSHOT_DIR = path.join(CLIENT_DIR, 'artifacts', 'screenshots');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the e2e suite cannot run here, or null when it can. */
export function skipReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} not found (install Debian's chromium)`;
  if (!existsSync(path.join(REPO_ROOT, 'server', 'src', 'main.ts'))) return 'server/src/main.ts not found';
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child process whose output is kept for error messages. */
class Child {
  readonly proc: ChildProcess;
  output = '';
  exited: Promise<number | null>;

  constructor(
    readonly name: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.proc = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
    live.add(this);
    void this.exited.then(() => live.delete(this));
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.proc.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!done && this.running) {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
  }
}

const live = new Set<Child>();
// Last resort if mocha exits without running `after` (it runs with --exit).
process.once('exit', () => {
  for (const c of live) if (c.running) c.proc.kill('SIGKILL');
});

/** Run `node --import tsx <script>` to completion; throws with its output on failure. */
async function runScript(script: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<string> {
  const child = new Child(script, ['--import', 'tsx', script], env);
  const code = await Promise.race([child.exited, sleep(timeoutMs).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    await child.stop(1_000);
    throw new Error(`${script} timed out after ${timeoutMs} ms:\n${child.output}`);
  }
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${child.output}`);
  return child.output;
}

/** Poll a URL until it answers 200. */
async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && !child.running)
      throw new Error(`${child.name} exited before ${url} answered:\n${child.output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(150);
  }
  throw new Error(
    `${url} did not answer within ${timeoutMs} ms (${last})${child ? `:\n${child.output}` : ''}`,
  );
}

/**
 * Wait until the page has painted what it has: two animation frames (the chart library draws on the
 * next frame after its data changes). For a screenshot or a layout measurement after the content is in.
 */
export async function painted(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/**
 * Let the page run the tasks already queued (a response's handlers, the timers they set) by
 * sending a message through a MessageChannel, which the page's fake clock does not control.
 */
export async function flushTasks(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
  );
}

/** The API's admin token in the end-to-end stack (the Status page's detail). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface Stack {
  tmp: string;
  databaseUrl: string;
  apiPort: number;
  clientPort: number;
  api: Child;
  vite: ViteDevServer;
  browser: Browser;
  baseUrl: string;
  apiEnv: NodeJS.ProcessEnv;
  /** Start the API again on the same port (after `api.stop()`). */
  restartApi(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(log: (msg: string) => void = () => {}): Promise<Stack> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'vibeapp-e2e-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(tmp, { recursive: true, force: true })];
  const closeAll = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log(`cleanup: ${(err as Error).message}`);
      }
    }
  };
  try {
    const databaseUrl = `sqlite:${path.join(tmp, 'e2e.db')}`;
    const apiPort = await freePort();
    let clientPort = await freePort();
    while (clientPort === apiPort) clientPort = await freePort();
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      CLIENT_PORT: String(clientPort),
      LOG_LEVEL: 'warn',
      REDIS_ENABLED: 'false',
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
    };

    let t = Date.now();
    await runScript('server/src/cli/setup.ts', apiEnv);
    log(`database migrated and seeded in ${Date.now() - t} ms`);

    t = Date.now();
    const startApi = async () => {
      const child = new Child('api', ['--import', 'tsx', 'server/src/main.ts'], apiEnv);
      await waitForHttp(`http://127.0.0.1:${apiPort}/health`, 60_000, child);
      return child;
    };
    const stack = { api: await startApi() } as Stack;
    cleanups.push(() => stack.api.stop());
    log(`API up on :${apiPort} in ${Date.now() - t} ms`);

    t = Date.now();
    const { createLogger, createServer } = await import('vite');
    // The API-down test makes the proxy fail on purpose: keep those expected errors out of the output.
    const logger = createLogger('error');
    const logError = logger.error.bind(logger);
    logger.error = (msg, options) => {
      if (!msg.includes('http proxy error')) logError(msg, options);
    };
    const previousTarget = process.env.API_PROXY_TARGET;
    process.env.API_PROXY_TARGET = `http://127.0.0.1:${apiPort}`;
    const vite = await createServer({
      configFile: path.join(CLIENT_DIR, 'vite.config.ts'),
      root: CLIENT_DIR,
      logLevel: 'error',
      customLogger: logger,
      clearScreen: false,
      server: {
        host: '127.0.0.1',
        port: clientPort,
        strictPort: true,
        // Transform the app's modules up front: a first visit on a busy machine stays quick.
        warmup: { clientFiles: ['./src/main.tsx', './src/pages/*.tsx'] },
      },
    });
    cleanups.push(async () => {
      await vite.close();
      if (previousTarget === undefined) delete process.env.API_PROXY_TARGET;
      else process.env.API_PROXY_TARGET = previousTarget;
    });
    await vite.listen();
    const baseUrl = `http://127.0.0.1:${clientPort}`;
    await waitForHttp(`${baseUrl}/`, 30_000);
    log(`Vite dev server on :${clientPort} in ${Date.now() - t} ms`);

    t = Date.now();
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    log(`Chromium ${browser.version()} launched in ${Date.now() - t} ms`);
    await mkdir(SCREENSHOT_DIR, { recursive: true });

    return Object.assign(stack, {
      tmp,
      databaseUrl,
      apiPort,
      clientPort,
      vite,
      browser,
      baseUrl,
      apiEnv,
      async restartApi() {
        await stack.api.stop();
        stack.api = await startApi();
      },
      close: closeAll,
    });
  } catch (err) {
    await closeAll();
    throw err;
  }
}
