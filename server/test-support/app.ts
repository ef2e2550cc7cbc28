/** Start the real Koa app on a loopback port for HTTP tests, built by the composition root. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { type AppContext, type AppContextOverrides, createAppContext } from '../src/app-context.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type AppOptions, createApp } from '../src/http/app.ts';
import { handleClientErrors } from '../src/http/errors.ts';
import { createLogger, type Logger, type LoggerOptions } from '../src/logger.ts';

/** One parsed log line. */
export interface LogRecord {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger (same redaction and serializers) whose lines land in `sink`, parsed. */
export function memoryLogger(sink: LogRecord[], options: Omit<LoggerOptions, 'destination'> = {}): Logger {
  return createLogger({
    level: 'debug',
    ...options,
    format: 'json',
    destination: {
      write(line: string) {
        sink.push(JSON.parse(line) as LogRecord);
      },
    },
  });
}

/** The admin token every test server is started with (unless its config sets its own). */
const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer {
  url: string;
  ctx: AppContext;
  logged: LogRecord[];
  /** The body is parsed JSON: tests read it loosely and validate it with the API schemas. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by zod schemas in the tests
  get(path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }>;
  /** `get` with the admin token (`Authorization: Bearer`), for the operational routes. */
  // biome-ignore lint/suspicious/noExplicitAny: as get
  admin(path: string): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(
  db: Knex,
  options: {
    config?: Config;
    overrides?: AppContextOverrides;
    app?: AppOptions;
    /** Start without an admin token (the operational routes off), as a server without ADMIN_TOKEN. */
    noAdminToken?: boolean;
  } = {},
): Promise<TestServer> {
  const logged: LogRecord[] = [];
  const config = options.config ?? loadConfig({ NODE_ENV: 'test' });
  const ctx = await createAppContext(
    { ...config, adminToken: options.noAdminToken ? '' : config.adminToken || TEST_ADMIN_TOKEN },
    {
      logger: memoryLogger(logged),
      sentry: null,
      ...options.overrides,
      db,
    },
  );
  const app = createApp(ctx, options.app);
  const server = app.listen(0, '127.0.0.1');
  handleClientErrors(server); // as the API entry point does
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  async function get(path: string, init?: RequestInit) {
    const res = await fetch(url + path, init);
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
    return { status: res.status, body, headers: res.headers };
  }
  return {
    url,
    ctx,
    logged,
    get,
    admin: (path: string) => get(path, { headers: { Authorization: `Bearer ${ctx.config.adminToken}` } }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A test's requests are all answered by now: kept-alive sockets would only hold close() up.
      server.closeAllConnections();
      await closed;
      await ctx.close();
    },
  };
}

/**
 * A conditional GET as a browser's HTTP cache sends it when revalidating (fetch() cannot:
 * with If-None-Match it adds `Cache-Control: no-cache`, which forbids a 304).
 */
export function revalidate(
  url: string,
  etag: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'If-None-Match': etag } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}
