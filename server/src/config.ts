/**
 * The one place that reads the environment. Every variable is validated at start; all
 * problems are reported together (ConfigError) and the process exits non-zero before
 * anything is started. Names and defaults follow docs/ARCHITECTURE.md and .env.example.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The repository root (server/src/config.ts → ../..), so defaults do not depend on cwd. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export type DatabaseTarget =
  | { client: 'sqlite3'; filename: string; url: string }
  | { client: 'pg'; connectionString: string; url: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse DATABASE_URL. Accepted: `postgres://` / `postgresql://` URLs; `sqlite:PATH`,
 * `sqlite:///PATH` (SQLAlchemy style: three slashes then a relative path, four for an
 * absolute one), `file:PATH` and `sqlite::memory:`. Relative paths are taken from the repo root.
 */
export function parseDatabaseUrl(rawUrl: string, root = REPO_ROOT): DatabaseTarget {
  const trimmed = rawUrl.trim();
  // Messages quote the URL without its password.
  const url = redactUrlPassword(trimmed);
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new Error(`not a valid PostgreSQL URL: "${url}"`);
    }
    if (!parsed.hostname) throw new Error(`PostgreSQL URL has no host: "${url}"`);
    if (!parsed.pathname || parsed.pathname === '/')
      throw new Error(`PostgreSQL URL names no database: "${url}"`);
    return { client: 'pg', connectionString: trimmed, url: trimmed };
  }
  const sqlite = /^(?:sqlite|file):(.*)$/i.exec(trimmed);
  if (sqlite) {
    let rest = sqlite[1];
    if (rest === ':memory:' || rest === '//:memory:')
      return { client: 'sqlite3', filename: ':memory:', url: trimmed };
    if (rest.startsWith('///')) rest = rest.slice(3);
    else if (rest.startsWith('//')) rest = rest.slice(2);
    rest = rest.split('?')[0];
    if (!rest) throw new Error(`SQLite URL names no file: "${url}"`);
    const filename = path.isAbsolute(rest) ? rest : path.resolve(root, rest);
    return { client: 'sqlite3', filename, url: trimmed };
  }
  throw new Error(
    `unsupported scheme in "${url}": use sqlite:./data/vibeapp.db or postgres://user:pass@host:5432/db`,
  );
}

const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false, got "${v}"` });
      return z.NEVER;
    });

const int = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}, got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });

/** A whole number, or undefined when unset or empty (the code's own default applies). */
const optionalInt = (name: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max} (or empty), got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const str = (fallback = '') =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined ? fallback : v.trim()));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  DATABASE_URL: str('sqlite:./data/vibeapp.db'),
  DATABASE_ACQUIRE_TIMEOUT_MS: int('DATABASE_ACQUIRE_TIMEOUT_MS', 10_000, 100, 600_000),
  DATABASE_STATEMENT_TIMEOUT_MS: int('DATABASE_STATEMENT_TIMEOUT_MS', 60_000, 0, 3_600_000),
  DATABASE_POOL_MAX: int('DATABASE_POOL_MAX', 10, 1, 1_000),
  REDIS_URL: str('redis://localhost:6379/0'),
  REDIS_ENABLED: bool('REDIS_ENABLED', false),
  CACHE_TTL_DEFAULT: int('CACHE_TTL_DEFAULT', 300, 1, 86_400),
  CACHE_TTL_SCORES: int('CACHE_TTL_SCORES', 900, 1, 86_400),
  CACHE_TTL_RANKINGS: int('CACHE_TTL_RANKINGS', 600, 1, 86_400),
  CACHE_MEMORY_MAX_ENTRIES: int('CACHE_MEMORY_MAX_ENTRIES', 10_000, 1, 10_000_000),
  CACHE_MEMORY_MAX_MB: int('CACHE_MEMORY_MAX_MB', 64, 1, 65_536),
  CACHE_MEMORY_TTL: int('CACHE_MEMORY_TTL', 30, 1, 86_400),
  CACHE_GRACE: int('CACHE_GRACE', 300, 0, 86_400),
  CACHE_KEY_PREFIX: z
    .string()
    .optional()
    .transform((v) => v?.trim() || 'vibeapp')
    .refine((v) => /^[A-Za-z0-9_.-]+$/.test(v), {
      message: 'CACHE_KEY_PREFIX may hold only letters, digits, "_", "." and "-"',
    }),
  REDIS_COMMAND_TIMEOUT_MS: int('REDIS_COMMAND_TIMEOUT_MS', 50, 1, 10_000),
  SENTRY_DSN: str(),
  FMP_API_KEY: str(),
  FMP_BASE_URL: str('https://financialmodelingprep.com/stable'),
  FMP_DAILY_LIMIT: int('FMP_DAILY_LIMIT', 250, 1, 1_000_000),
  FMP_TIMEOUT_MS: int('FMP_TIMEOUT_MS', 10_000, 100, 120_000),
  FMP_MAX_BODY_MB: int('FMP_MAX_BODY_MB', 20, 1, 1_024),
  API_HOST: str('0.0.0.0'),
  API_PORT: int('API_PORT', 8000, 1, 65_535),
  TRUST_PROXY: bool('TRUST_PROXY', false),
  RATE_LIMIT_PER_MINUTE: int('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
  HTTP_KEEP_ALIVE_TIMEOUT_S: int('HTTP_KEEP_ALIVE_TIMEOUT_S', 65, 1, 3_600),
  HTTP_HEADERS_TIMEOUT_S: int('HTTP_HEADERS_TIMEOUT_S', 66, 1, 3_600),
  HTTP_REQUEST_TIMEOUT_S: int('HTTP_REQUEST_TIMEOUT_S', 90, 1, 3_600),
  CLIENT_PORT: int('CLIENT_PORT', 3000, 1, 65_535),
  SAMPLE_SEED: str('vibeapp'),
  INGEST_BATCH_SIZE: int('INGEST_BATCH_SIZE', 100, 1, 10_000),
  WORKER_NAME: str(),
  WORKER_HEARTBEAT_S: int('WORKER_HEARTBEAT_S', 15, 1, 3_600),
  WORKER_HEALTH_MAX_AGE_S: int('WORKER_HEALTH_MAX_AGE_S', 60, 2, 86_400),
  WORKER_SHUTDOWN_S: int('WORKER_SHUTDOWN_S', 20, 1, 600),
  WORKER_MIGRATE: bool('WORKER_MIGRATE', true),
  WORKER_LOCK_LIFETIME_S: optionalInt('WORKER_LOCK_LIFETIME_S', 1, 86_400),
  METRICS_HOST: str('127.0.0.1'),
  METRICS_PORT: int('METRICS_PORT', 9464, 0, 65_535),
  WORKER_METRICS_PORT: int('WORKER_METRICS_PORT', 9465, 0, 65_535),
  SHUTDOWN_GRACE_S: int('SHUTDOWN_GRACE_S', 8, 0, 600),
  AGENDASH_PORT: int('AGENDASH_PORT', 5555, 1, 65_535),
  AGENDASH_USER: str('admin'),
  AGENDASH_PASSWORD: str(),
  ADMIN_TOKEN: str(),
});

/**
 * Every environment variable the configuration reads (checked against compose/dev.yml by
 * `npm run test:stack`, whose scripts/stack/static-checks.mjs imports it by path).
 * @public
 */
export const ENV_VARS: readonly string[] = Object.keys(EnvSchema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** JSON lines (production, containers) or pretty (development); LOG_FORMAT overrides. */
  logFormat: 'json' | 'pretty';
  database: DatabaseTarget;
  /**
   * PostgreSQL bounds (SQLite ignores them): the longest wait for a pooled connection and
   * the server-side statement_timeout (0: none), both in ms. While the database is away a
   * request fails within them (503 database_unavailable) instead of waiting. `max`: the most
   * connections one pool of the process opens (PostgreSQL; the worker's job store has a
   * second pool of that size), so replicas × pools × max stays under `max_connections`.
   */
  databasePool: { acquireTimeoutMs: number; statementTimeoutMs: number; max: number };
  redis: { url: string; enabled: boolean; commandTimeoutMs: number };
  cache: {
    ttlDefault: number;
    ttlScores: number;
    /** Top list, leaderboard and screener results. */
    ttlRankings: number;
    /** Bounds of the in-process tier. */
    memoryMaxEntries: number;
    memoryMaxBytes: number;
    /** Lifetime cap of in-process entries when Redis is the shared tier. */
    memoryTtl: number;
    /** Seconds an expired in-process entry is still served while one background load refreshes it (0: off). */
    grace: number;
    /** First part of every Redis key (`vibeapp` → `vibeapp:v1:stocks:detail:AAPL`). */
    keyPrefix: string;
  };
  sentryDsn: string;
  fmpApiKey: string;
  /** Financial Modeling Prep client settings (used when fmpApiKey is set). */
  fmp: { baseUrl: string; dailyLimit: number; timeoutMs: number; maxBodyBytes: number };
  api: { host: string; port: number };
  /**
   * The HTTP edge: X-Forwarded-* trusted only behind a proxy (TRUST_PROXY), requests per
   * minute per client (0: no limit), and the Node server's timeouts in ms (keep-alive longer
   * than a proxy's idle timeout, headers longer than keep-alive, request at least headers).
   */
  http: {
    trustProxy: boolean;
    rateLimitPerMinute: number;
    keepAliveTimeoutMs: number;
    headersTimeoutMs: number;
    requestTimeoutMs: number;
  };
  clientPort: number;
  sampleSeed: string;
  /** The ingest use case (refreshes): stocks written per transaction. */
  ingest: { batchSize: number };
  /**
   * The job worker. `name` empty: the host name (the container's, under compose).
   * `lockLifetimeMs`: every job's lock lifetime (undefined: each job's own). `migrate`: apply
   * pending migrations at start (false: wait until a one-shot `migrate` has applied them, as
   * the production sets do).
   */
  worker: {
    name: string;
    migrate: boolean;
    heartbeatMs: number;
    healthMaxAgeMs: number;
    shutdownMs: number;
    lockLifetimeMs?: number;
  };
  /**
   * `GET /metrics` (Prometheus) on ports of their own, never published by compose; port 0
   * turns it off. `shutdownGraceMs`: how long the API drains requests in flight at SIGTERM.
   */
  observe: {
    metricsHost: string;
    apiMetricsPort: number;
    workerMetricsPort: number;
    shutdownGraceMs: number;
  };
  /** The job monitor. No password: localhost only; with one: basic auth, all interfaces. */
  agendash: { port: number; user: string; password: string };
  /**
   * The bearer token that opens the API's operational detail (`/api/system/jobs`,
   * `/api/system/cache`); empty: that detail is off (403 `admin_disabled`), never open.
   */
  adminToken: string;
}

/** The shortest ADMIN_TOKEN accepted: a guessable token is no lock. */
const ADMIN_TOKEN_MIN_LENGTH = 16;

/** `postgres://user:secret@host/db` → `postgres://user:[redacted]@host/db` (text without one is unchanged). */
export function redactUrlPassword(text: string): string {
  // Up to the URL's last `@`: a password holding `@`, `:` or `/` is hidden whole.
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"]*:)([^\s"]*)@/gi, '$1[redacted]@');
}

/** Whether a URL's host is this machine (127.0.0.0/8, ::1, localhost). */
function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Validate an environment (process.env by default) into a Config, or throw ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      problems.push(issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`);
    }
  }
  const raw = parsed.success ? parsed.data : undefined;
  let database: DatabaseTarget | undefined;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL?.trim() || 'sqlite:./data/vibeapp.db');
  } catch (err) {
    problems.push(`DATABASE_URL: ${(err as Error).message}`);
  }
  const redisUrl = env.REDIS_URL?.trim() || 'redis://localhost:6379/0';
  if (!/^rediss?:\/\/[^/]/.test(redisUrl)) {
    problems.push(`REDIS_URL must look like redis://host:6379/0, got "${redactUrlPassword(redisUrl)}"`);
  }
  const dsn = env.SENTRY_DSN?.trim();
  if (dsn && !/^https?:\/\/[^@]+@[^/]+\/\d+/.test(dsn)) {
    problems.push('SENTRY_DSN must be a Sentry DSN (https://key@host/project-id) or empty');
  }
  const fmpBaseUrl = (env.FMP_BASE_URL?.trim() || 'https://financialmodelingprep.com/stable').replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(fmpBaseUrl)) {
    problems.push(`FMP_BASE_URL must be an http(s) URL without a query, got "${fmpBaseUrl}"`);
  } else if (!fmpBaseUrl.startsWith('https://') && !isLoopbackUrl(fmpBaseUrl)) {
    problems.push(
      `FMP_BASE_URL must be https (the API key travels in its query); plain http only on loopback (127.0.0.1, ::1, localhost), got "${fmpBaseUrl}"`,
    );
  }
  if (raw && raw.HTTP_HEADERS_TIMEOUT_S <= raw.HTTP_KEEP_ALIVE_TIMEOUT_S) {
    problems.push('HTTP_HEADERS_TIMEOUT_S must be longer than HTTP_KEEP_ALIVE_TIMEOUT_S');
  }
  if (raw && raw.HTTP_REQUEST_TIMEOUT_S < raw.HTTP_HEADERS_TIMEOUT_S) {
    problems.push('HTTP_REQUEST_TIMEOUT_S must be at least HTTP_HEADERS_TIMEOUT_S');
  }
  if (raw && raw.API_PORT === raw.CLIENT_PORT) problems.push('API_PORT and CLIENT_PORT must differ');
  if (raw && raw.WORKER_HEALTH_MAX_AGE_S <= raw.WORKER_HEARTBEAT_S) {
    problems.push('WORKER_HEALTH_MAX_AGE_S must be longer than WORKER_HEARTBEAT_S');
  }
  if (raw?.ADMIN_TOKEN && raw.ADMIN_TOKEN.length < ADMIN_TOKEN_MIN_LENGTH) {
    problems.push(
      `ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (e.g. openssl rand -hex 32), or empty to turn the operational detail off`,
    );
  }
  if (problems.length > 0 || !raw || !database) throw new ConfigError(problems);
  return {
    env: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    logFormat: raw.LOG_FORMAT ?? (raw.NODE_ENV === 'production' ? 'json' : 'pretty'),
    database,
    databasePool: {
      acquireTimeoutMs: raw.DATABASE_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: raw.DATABASE_STATEMENT_TIMEOUT_MS,
      max: raw.DATABASE_POOL_MAX,
    },
    redis: { url: redisUrl, enabled: raw.REDIS_ENABLED, commandTimeoutMs: raw.REDIS_COMMAND_TIMEOUT_MS },
    cache: {
      ttlDefault: raw.CACHE_TTL_DEFAULT,
      ttlScores: raw.CACHE_TTL_SCORES,
      ttlRankings: raw.CACHE_TTL_RANKINGS,
      memoryMaxEntries: raw.CACHE_MEMORY_MAX_ENTRIES,
      memoryMaxBytes: raw.CACHE_MEMORY_MAX_MB * 1024 * 1024,
      memoryTtl: raw.CACHE_MEMORY_TTL,
      grace: raw.CACHE_GRACE,
      keyPrefix: raw.CACHE_KEY_PREFIX,
    },
    sentryDsn: raw.SENTRY_DSN,
    fmpApiKey: raw.FMP_API_KEY,
    fmp: {
      baseUrl: fmpBaseUrl,
      dailyLimit: raw.FMP_DAILY_LIMIT,
      timeoutMs: raw.FMP_TIMEOUT_MS,
      maxBodyBytes: raw.FMP_MAX_BODY_MB * 1024 * 1024,
    },
    api: { host: raw.API_HOST, port: raw.API_PORT },
    http: {
      trustProxy: raw.TRUST_PROXY,
      rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE,
      keepAliveTimeoutMs: raw.HTTP_KEEP_ALIVE_TIMEOUT_S * 1000,
      headersTimeoutMs: raw.HTTP_HEADERS_TIMEOUT_S * 1000,
      requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_S * 1000,
    },
    clientPort: raw.CLIENT_PORT,
    sampleSeed: raw.SAMPLE_SEED || 'vibeapp',
    ingest: { batchSize: raw.INGEST_BATCH_SIZE },
    worker: {
      name: raw.WORKER_NAME,
      migrate: raw.WORKER_MIGRATE,
      heartbeatMs: raw.WORKER_HEARTBEAT_S * 1000,
      healthMaxAgeMs: raw.WORKER_HEALTH_MAX_AGE_S * 1000,
      shutdownMs: raw.WORKER_SHUTDOWN_S * 1000,
      lockLifetimeMs:
        raw.WORKER_LOCK_LIFETIME_S === undefined ? undefined : raw.WORKER_LOCK_LIFETIME_S * 1000,
    },
    observe: {
      metricsHost: raw.METRICS_HOST || '127.0.0.1',
      apiMetricsPort: raw.METRICS_PORT,
      workerMetricsPort: raw.WORKER_METRICS_PORT,
      shutdownGraceMs: raw.SHUTDOWN_GRACE_S * 1000,
    },
    agendash: {
      port: raw.AGENDASH_PORT,
      user: raw.AGENDASH_USER || 'admin',
      password: raw.AGENDASH_PASSWORD,
    },
    adminToken: raw.ADMIN_TOKEN,
  };
}

/** Load `<repo>/.env` into process.env (without overriding what is already set), if the file exists. */
function loadDotEnv(file = path.join(REPO_ROOT, '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * For entry points: load .env, validate, and on failure print the problems and exit 1
 * before anything starts. The problems go to stderr as plain lines, deliberately not
 * through the logger: the logger's own settings are part of what failed, and these lines
 * are for the person starting the process. They never quote a password (see
 * parseDatabaseUrl) or a secret value.
 */
export function configOrExit(): Config {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
