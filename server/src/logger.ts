/**
 * The one logger (pino). JSON lines in production and containers (`NODE_ENV=production`
 * or `LOG_FORMAT=json`), pino-pretty on a terminal in development. Secrets never reach a
 * line: known secret fields are censored by path, and every written line is scrubbed of
 * URL passwords and the configured secret values (FMP key, Sentry DSN), wherever they
 * appear (an error message quoting a URL, a config dump).
 */
import { createRequire } from 'node:module';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export type Logger = PinoLogger;
type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: LogLevel;
  /** Logged as `name` on every line (api, worker, seed...). */
  name?: string;
  format?: LogFormat;
  /** Secret values to scrub from every line (the FMP key, the Sentry DSN...). */
  secrets?: readonly string[];
  /** Where lines go (default stdout); tests pass a memory stream. */
  destination?: DestinationStream;
  /**
   * How stdout is written: true (the default), each line before the call returns, one write
   * each; false, asynchronously (pino's sonic-boom): the lines logged while a write is under
   * way go out together in the next, so a busy API makes one write per batch of access lines,
   * not one per request. What is still unwritten when the process exits (`process.exit`, an
   * uncaught exception, the end of its event loop) is written synchronously then; a SIGKILL
   * loses it.
   */
  sync?: boolean;
}

export const REDACTED = '[redacted]';

/** Fields censored wherever they appear in a logged object (one or two levels deep). */
const REDACT_PATHS = [
  'password',
  'fmpApiKey',
  'sentryDsn',
  'connectionString',
  'authorization',
  '*.password',
  '*.fmpApiKey',
  '*.sentryDsn',
  '*.connectionString',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  'config.database.url',
];

/**
 * `scheme://user:` then the password up to the URL's last `@` (a password may hold `@`, `:`
 * and `/` unencoded: all of it is hidden, and at worst a little more than it).
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"]*:)([^\s"]*)@/gi;

/**
 * A function that hides secrets in text: the password of any `scheme://user:pass@host`
 * URL, and each given secret value (and, for a URL-shaped secret such as a Sentry DSN,
 * its key part too).
 */
export function secretScrubber(secrets: readonly string[] = []): (text: string) => string {
  const values = new Set<string>();
  for (const s of secrets) {
    const v = s.trim();
    if (v.length < 4) continue;
    values.add(v);
    const key = /^[a-z]+:\/\/([^@/:]+)@/i.exec(v)?.[1];
    if (key && key.length >= 4) values.add(key);
  }
  const list = [...values].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text.includes('://') ? text.replace(URL_PASSWORD, `$1${REDACTED}@`) : text;
    for (const v of list) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out;
  };
}

/** pino-pretty if it is installed (a dev dependency), loaded only when asked for. */
function prettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (o: object) => DestinationStream;
    return pretty({ colorize: process.stdout.isTTY, sync: true, ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

/** Create a logger. The composition root makes one; everything else takes it or a child. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const scrub = secretScrubber(options.secrets);
  const pretty = options.format === 'pretty' && !options.destination ? prettyStream() : undefined;
  return pino(
    {
      level: options.level ?? 'info',
      base: options.name ? { name: options.name } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // JSON lines carry the level as a word for log collectors; pino-pretty wants numbers.
      formatters: pretty ? {} : { level: (label) => ({ level: label }) },
      hooks: { streamWrite: scrub },
    },
    options.destination ??
      pretty ??
      (options.sync === false ? pino.destination({ dest: 1, sync: false }) : undefined),
  );
}
