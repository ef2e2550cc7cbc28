/** Start the real Koa app on a loopback port for HTTP tests. */
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/http/app.ts';
import { handleClientErrors } from '../src/http/errors.ts';
import type { Logger } from '../src/logger.ts';

export interface TestServer {
  url: string;
  logged: Array<{ level: string; msg: string; extra?: unknown }>;
  /** The body is parsed JSON: tests read it loosely and validate it with the API schemas. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by zod schemas in the tests
  get(path: string): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A logger that records instead of printing. */
export function memoryLogger(sink: TestServer['logged']): Logger {
  const at = (level: string) => (msg: string, extra?: unknown) => {
    sink.push({ level, msg, extra });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function startTestServer(db: Knex): Promise<TestServer> {
  const logged: TestServer['logged'] = [];
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), db, logger: memoryLogger(logged) });
  const server = app.listen(0, '127.0.0.1');
  handleClientErrors(server); // as the API entry point does
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    logged,
    async get(path: string) {
      const res = await fetch(url + path);
      const text = await res.text();
      let body: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
      return { status: res.status, body, headers: res.headers };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
