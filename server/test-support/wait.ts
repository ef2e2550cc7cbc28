/**
 * How server tests wait: for a condition, an event or a line (a child's log line), each with
 * a deadline and a failure that says what was awaited. Tests do not sleep to let something
 * happen; a timer belongs in a test only when time is what it tests (a TTL expiring, a bound
 * being measured), with a comment saying so.
 *
 * Deadlines are measured with `performance.now()`, so a faked `Date` does not move them.
 */
import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { setTimeout as pause } from 'node:timers/promises';

interface WaitOptions {
  /** How long to wait before failing, in ms (default 10 s). */
  timeoutMs?: number;
  /** How often a condition is checked, in ms (default 10). */
  intervalMs?: number;
  /** What was last seen, added to the failure message. */
  detail?: () => string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The error every wait fails with: `timed out after N ms waiting for <what>`. */
class WaitTimeout extends Error {
  constructor(what: string, timeoutMs: number, detail?: string) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? ` (${detail})` : ''}`);
    this.name = 'WaitTimeout';
  }
}

type Done<T> = Exclude<T, false | null | undefined>;

/**
 * Check `check` until it returns something other than false, null or undefined, and
 * resolve with that. An error thrown by `check` fails the wait at once.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  options: WaitOptions = {},
): Promise<Done<T>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== null && value !== undefined) return value as Done<T>;
    if (performance.now() > deadline) throw new WaitTimeout(what, timeoutMs, options.detail?.());
    await pause(options.intervalMs ?? 10);
  }
}

/**
 * The arguments of the next `event` emitted by `emitter` that `matches` accepts. Call it
 * before doing what emits the event, and await it after.
 */
export function waitForEvent<A extends unknown[] = unknown[]>(
  emitter: EventEmitter,
  event: string,
  options: WaitOptions & { what?: string; matches?: (...args: A) => boolean } = {},
): Promise<A> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const what = options.what ?? `the "${event}" event`;
  return new Promise<A>((resolve, reject) => {
    const listener = (...args: unknown[]) => {
      if (options.matches && !options.matches(...(args as A))) return;
      finish();
      resolve(args as A);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new WaitTimeout(what, timeoutMs, options.detail?.()));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      emitter.off(event, listener);
    };
    emitter.on(event, listener);
  });
}

/**
 * The first line of `stream` (a child's stdout, say) that contains `match` or matches it.
 * Fails when the stream ends first, with what it printed.
 */
export function waitForLine(
  stream: Readable,
  match: string | RegExp,
  options: WaitOptions & { what?: string } = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const what = options.what ?? `a line matching ${String(match)}`;
  const test = (line: string) => (typeof match === 'string' ? line.includes(match) : match.test(line));
  let text = '';
  return new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer | string) => {
      text += chunk;
      const lines = text.split('\n');
      // The last piece may be a line still being written: test it once it ends.
      for (const line of lines.slice(0, -1)) {
        if (test(line)) {
          finish();
          resolve(line);
          return;
        }
      }
    };
    const onEnd = () => {
      finish();
      if (test(text.split('\n').at(-1) ?? '')) resolve(text.split('\n').at(-1) as string);
      else reject(new Error(`the stream ended before ${what}; it printed:\n${text}`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new WaitTimeout(what, timeoutMs, `printed so far: ${JSON.stringify(text.slice(-2000))}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
  });
}
