/**
 * A local HTTP server that answers like Financial Modeling Prep's `/stable` API, from the
 * fixtures in this folder (FMP's exact format), for the FMP client and provider tests.
 *
 * - `GET /stable/<endpoint>?symbol=X` answers `<endpoint with / as ->_X.json`, or `[]` for a
 *   symbol without a fixture (FMP's answer for an unknown symbol).
 * - `GET /stable/batch-quote?symbols=A,B` answers the `quote_<S>.json` rows of the known
 *   symbols (and, with `syntheticQuotes`, a made-up row for every other symbol).
 * - A wrong `apikey` gets FMP's 401 body. Scripted answers (`script`) take precedence, in
 *   order, for tests of errors, retries and timeouts: a status with a JSON or raw body, a
 *   delay, no answer at all, headers and then silence, a body of any size sent without a
 *   length, a connection reset. Every request is recorded.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FMP_FIXTURES = import.meta.dirname;

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FMP_FIXTURES, name), 'utf8'));
}

interface ScriptedAnswer {
  status: number;
  /** JSON body (serialised) or raw text. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Wait before answering (timeouts). */
  delayMs?: number;
  /**
   * `headers`: never answer at all; `body`: send the headers and part of the body, then
   * nothing (the connection stays open until the client gives up or the server closes).
   */
  hang?: 'headers' | 'body';
  /** A 200 JSON array of about this many bytes, streamed in chunks without a Content-Length. */
  bytes?: number;
  /** Close the connection without an answer (a reset). */
  reset?: boolean;
}

interface RecordedRequest {
  endpoint: string;
  query: Record<string, string>;
  url: string;
}

export interface FakeFmp {
  /** Base URL to give the client, e.g. http://127.0.0.1:PORT/stable */
  baseUrl: string;
  requests: RecordedRequest[];
  /** When set (epoch seconds), every quote row carries this timestamp (a test's clock). */
  quoteTimestamp: number | undefined;
  /** Answer the next requests to `endpoint` with these, in order. */
  script(endpoint: string, answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

export interface FakeFmpOptions {
  apiKey: string;
  syntheticQuotes?: boolean;
  /**
   * Answer every symbol without a fixture as a company: AAPL's profile, statements and
   * history under that symbol (so a universe of any size can be loaded).
   */
  syntheticCompanies?: boolean;
}

function fileAnswer(name: string): unknown[] {
  try {
    return fixture(name) as unknown[];
  } catch {
    return [];
  }
}

function syntheticQuote(symbol: string) {
  return {
    symbol,
    name: `${symbol} Inc.`,
    price: 100,
    changePercentage: 1,
    change: 0.99,
    volume: 1_000_000,
    dayLow: 98.5,
    dayHigh: 101.2,
    yearHigh: 120,
    yearLow: 80,
    marketCap: 10_000_000_000,
    priceAvg50: 97.1,
    priceAvg200: 93.4,
    exchange: 'NYSE',
    open: 99.2,
    previousClose: 99.01,
    timestamp: 1795806000,
  };
}

/** A JSON array of about `bytes` bytes in 64 KB chunks, each written when the last drained. */
function streamBody(res: http.ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
  const row = JSON.stringify({ symbol: 'AAPL', price: 100, volume: 1_000_000 });
  const chunk = `${Array.from({ length: Math.ceil(65_536 / (row.length + 1)) }, () => row).join(',')},`;
  let sent = 0;
  res.write('[');
  const more = () => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end(`${row}]`);
  };
  res.on('close', () => {
    sent = bytes;
  });
  more();
}

export async function startFakeFmp(options: FakeFmpOptions): Promise<FakeFmp> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fmp.local');
    const endpoint = url.pathname.replace(/^\/stable\//, '');
    const query = Object.fromEntries(url.searchParams.entries());
    requests.push({ endpoint, query, url: req.url ?? '' });

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const scripted = scripts.get(endpoint)?.shift();
    if (scripted) {
      const answer = () => {
        if (res.destroyed) return;
        if (scripted.hang === 'headers') return;
        if (scripted.reset) return req.socket.destroy();
        if (scripted.hang === 'body') {
          res.writeHead(scripted.status, { 'content-type': 'application/json;charset=UTF-8' });
          res.write('[{"symbol":');
          return;
        }
        if (scripted.bytes !== undefined) return streamBody(res, scripted.bytes);
        if (scripted.raw !== undefined) {
          res.writeHead(scripted.status, { 'content-type': 'text/html', ...scripted.headers });
          res.end(scripted.raw);
        } else send(scripted.status, scripted.body, scripted.headers);
      };
      if (scripted.delayMs) setTimeout(answer, scripted.delayMs);
      else answer();
      return;
    }
    if (!url.pathname.startsWith('/stable/')) return send(403, fixture('error_403.json'));
    if (query.apikey !== options.apiKey) return send(401, fixture('error_401.json'));

    if (endpoint === 'batch-quote') {
      const rows = (query.symbols ?? '')
        .split(',')
        .filter(Boolean)
        .flatMap((s) => {
          const known = fileAnswer(`quote_${s}.json`);
          return known.length > 0 ? known : options.syntheticQuotes ? [syntheticQuote(s)] : [];
        })
        .map((row) =>
          fake.quoteTimestamp === undefined ? row : { ...(row as object), timestamp: fake.quoteTimestamp },
        );
      return send(200, rows);
    }
    const file = endpoint.replaceAll('/', '-');
    const known = fileAnswer(`${file}_${query.symbol ?? ''}.json`);
    if (known.length === 0 && options.syntheticCompanies && query.symbol) {
      const symbol = query.symbol;
      return send(
        200,
        fileAnswer(`${file}_AAPL.json`).map((row) => ({ ...(row as object), symbol })),
      );
    }
    return send(200, known);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const fake: FakeFmp = {
    baseUrl: `http://127.0.0.1:${port}/stable`,
    quoteTimestamp: undefined,
    requests,
    script(endpoint, answers) {
      scripts.set(endpoint, [...(scripts.get(endpoint) ?? []), ...answers]);
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
