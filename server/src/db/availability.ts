/**
 * A database that is away (restarting, stopped, unreachable): which driver errors say so,
 * the one UnavailableError they become (`database_unavailable`, with a retry hint), and the
 * process's outage log (one warning when it goes, one line when it is back), so that an
 * outage is neither an error per request nor a crash.
 */
import { UnavailableError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Seconds a client is told to wait (Retry-After) before asking again. */
export const DATABASE_RETRY_AFTER_S = 2;

/** Node socket errors of a server that is not there (or went away). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** PostgreSQL SQLSTATEs of a server shutting down, starting up or crashed (class 08 is matched whole). */
const PG_CODES = new Set([
  '57P01', // admin_shutdown: "terminating connection due to administrator command"
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: "the database system is starting up / shutting down"
]);

/**
 * pg's own messages for a lost connection, which carry no code: at the start of the message,
 * or after the statement knex puts before it (`select ... - Connection terminated unexpectedly`,
 * what a query in flight gets when the server is stopped under it).
 */
const PG_MESSAGES = [
  /(?:^| - )Connection terminated/, // "...unexpectedly", "...due to connection timeout"
  /is not queryable/, // "Client has encountered a connection error and is not queryable"
  /(?:^| - )Client was closed/,
  /(?:^| - )timeout exceeded when trying to connect/, // pg.Pool's connectionTimeoutMillis
];

/** True for an error that means "the database cannot be reached now", not "this query is wrong". */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const x = e as { code?: unknown; name?: unknown; message?: unknown; errors?: unknown[]; cause?: unknown };
    const code = typeof x.code === 'string' ? x.code : '';
    if (SOCKET_CODES.has(code) || PG_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    // knex's pool acquire timeout (DATABASE_ACQUIRE_TIMEOUT_MS).
    if (x.name === 'KnexTimeoutError') return true;
    const message = typeof x.message === 'string' ? x.message : '';
    if (PG_MESSAGES.some((re) => re.test(message))) return true;
    // pg's AggregateError (IPv4 and IPv6 attempts): the causes inside.
    if (Array.isArray(x.errors) && x.errors.some(isConnectionError)) return true;
    e = x.cause;
  }
  return false;
}

/** A statement the server cancelled after DATABASE_STATEMENT_TIMEOUT_MS (57014 for that reason). */
function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === '57014' && typeof e.message === 'string' && /statement timeout/.test(e.message);
}

/**
 * The UnavailableError for a connection-class error or a statement cut by the statement
 * timeout (an overloaded database: also worth retrying); undefined for any other error.
 */
export function asDatabaseUnavailable(err: unknown): UnavailableError | undefined {
  if (err instanceof UnavailableError) return err;
  if (!isConnectionError(err) && !isStatementTimeout(err)) return undefined;
  return new UnavailableError(
    'The database is unavailable for the moment; try again shortly',
    'database_unavailable',
    DATABASE_RETRY_AFTER_S,
  );
}

export interface DatabaseOutage {
  /** A connection-class error was seen: the first one of an outage is logged at warn. */
  down(err: unknown): void;
  /** A connection was made: ends the outage (logged at info with its length). */
  up(): void;
  /** Any error of a background part (a pool, a listener): an outage's goes to `down`, others are logged at warn. */
  report(err: unknown, what: string): void;
}

const outages = new WeakMap<Logger, DatabaseOutage>();

/**
 * The outage log of a process (one per logger, shared by every pool that process opens:
 * knex's and the job store's), so that an outage is logged once however many pools and
 * requests run into it.
 */
export function databaseOutage(logger: Logger): DatabaseOutage {
  let outage = outages.get(logger);
  if (outage) return outage;
  let since: number | undefined;
  outage = {
    down(err) {
      if (since !== undefined || !isConnectionError(err)) return;
      since = performance.now();
      const e = err as { code?: string; message?: string };
      logger.warn(
        { code: e?.code },
        `database unavailable (${e?.message?.split('\n')[0] || e?.code || 'connection lost'}): answering 503 and retrying until it is back`,
      );
    },
    up() {
      if (since === undefined) return;
      const seconds = (performance.now() - since) / 1000;
      since = undefined;
      logger.info({ outageS: Math.round(seconds * 10) / 10 }, `database back after ${seconds.toFixed(1)} s`);
    },
    report(err, what) {
      if (isConnectionError(err)) outage?.down(err);
      else logger.warn({ err }, `${what}: ${(err as Error)?.message ?? String(err)}`);
    },
  };
  outages.set(logger, outage);
  return outage;
}
