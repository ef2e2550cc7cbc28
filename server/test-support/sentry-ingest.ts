/** A local HTTP server standing in for Sentry's ingest endpoint: collects the envelopes sent to it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { waitFor } from './wait.ts';

interface EnvelopeItem {
  header: { type?: string; [k: string]: unknown };
  payload: Record<string, unknown>;
}

export interface FakeSentry {
  /** A DSN pointing at this server (project 1). */
  dsn: string;
  items: EnvelopeItem[];
  /** Resolves with the first event item matching `test` (waits up to timeoutMs). */
  waitForEvent(
    test?: (e: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSentry(): Promise<FakeSentry> {
  const items: EnvelopeItem[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const lines = body.toString('utf8').split('\n').filter(Boolean);
      // Line 0 is the envelope header; then item header / payload pairs.
      for (let i = 1; i + 1 < lines.length; i += 2) {
        items.push({ header: JSON.parse(lines[i]), payload: JSON.parse(lines[i + 1]) });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    items,
    async waitForEvent(test = () => true, timeoutMs = 10_000) {
      const found = await waitFor(
        'a matching Sentry event',
        () => items.find((i) => i.header.type === 'event' && test(i.payload)),
        { timeoutMs, detail: () => `received ${JSON.stringify(items)}` },
      );
      return found.payload;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
