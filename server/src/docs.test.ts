/**
 * The README, .env.example and package.json stay true to the code: a setting nothing reads
 * yet is marked "not yet used" (and loses the mark when code starts reading it), no compose
 * set is promised before one exists, the sample universe is counted right, and every
 * dependency with an install script has a reviewed allowScripts entry.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from './config.ts';
import { SAMPLE_UNIVERSE } from './market/sample/universe.ts';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const NOT_YET = /not yet used/i;

/**
 * How code reads each variable: the Config field the server uses (outside config.ts and
 * tests), or the variable's own name in the client's Vite config.
 */
const READ_BY: Record<string, RegExp> = {
  NODE_ENV: /\bconfig\.env\b/,
  LOG_LEVEL: /\.logLevel\b/,
  LOG_FORMAT: /\.logFormat\b/,
  DATABASE_URL: /\bconfig\.database\b/,
  DATABASE_ACQUIRE_TIMEOUT_MS: /\.acquireTimeoutMs\b/,
  DATABASE_STATEMENT_TIMEOUT_MS: /\.statementTimeoutMs\b/,
  DATABASE_POOL_MAX: /\bdatabasePool\.max\b/,
  REDIS_URL: /\bredis\.url\b/,
  REDIS_ENABLED: /\bredis\.enabled\b/,
  CACHE_TTL_DEFAULT: /\.ttlDefault\b/,
  CACHE_TTL_SCORES: /\.ttlScores\b/,
  CACHE_TTL_RANKINGS: /\.ttlRankings\b/,
  CACHE_MEMORY_MAX_ENTRIES: /\.memoryMaxEntries\b/,
  CACHE_MEMORY_MAX_MB: /\.memoryMaxBytes\b/,
  CACHE_MEMORY_TTL: /\.memoryTtl\b/,
  CACHE_GRACE: /\bcache\.grace\b/,
  CACHE_KEY_PREFIX: /\.keyPrefix\b/,
  REDIS_COMMAND_TIMEOUT_MS: /\.commandTimeoutMs\b/,
  SENTRY_DSN: /\.sentryDsn\b/,
  // The key is read by createProvider (market/providers.ts): in use once something calls it
  // (`x = createProvider(`, `x: createProvider(`, `a ?? createProvider(`, the root's `factories.createProvider(`).
  FMP_API_KEY: /(?:[=:]|\?\?)\s*(?:factories\.)?createProvider\(/,
  FMP_BASE_URL: /(?:[=:]|\?\?)\s*(?:factories\.)?createProvider\(/,
  FMP_DAILY_LIMIT: /(?:[=:]|\?\?)\s*(?:factories\.)?createProvider\(/,
  FMP_TIMEOUT_MS: /(?:[=:]|\?\?)\s*(?:factories\.)?createProvider\(/,
  FMP_MAX_BODY_MB: /(?:[=:]|\?\?)\s*(?:factories\.)?createProvider\(/,
  API_HOST: /\.api\.host\b/,
  API_PORT: /\.api\.port\b/,
  TRUST_PROXY: /\.http\.trustProxy\b/,
  RATE_LIMIT_PER_MINUTE: /\.http\.rateLimitPerMinute\b/,
  HTTP_KEEP_ALIVE_TIMEOUT_S: /\.keepAliveTimeoutMs\b/,
  HTTP_HEADERS_TIMEOUT_S: /\.headersTimeoutMs\b/,
  HTTP_REQUEST_TIMEOUT_S: /\.requestTimeoutMs\b/,
  SAMPLE_SEED: /\.sampleSeed\b/,
  INGEST_BATCH_SIZE: /\.ingest\.batchSize\b/,
  WORKER_NAME: /\.worker\.name\b/,
  WORKER_HEARTBEAT_S: /\.worker\.heartbeatMs\b/,
  WORKER_HEALTH_MAX_AGE_S: /\.worker\.healthMaxAgeMs\b/,
  WORKER_SHUTDOWN_S: /\.worker\.shutdownMs\b/,
  WORKER_MIGRATE: /\.worker\.migrate\b/,
  WORKER_LOCK_LIFETIME_S: /\.worker\.lockLifetimeMs\b/,
  METRICS_HOST: /\.observe\.metricsHost\b/,
  METRICS_PORT: /\.observe\.apiMetricsPort\b/,
  WORKER_METRICS_PORT: /\.observe\.workerMetricsPort\b/,
  SHUTDOWN_GRACE_S: /\.observe\.shutdownGraceMs\b/,
  AGENDASH_PORT: /\bagendash\.port\b/,
  AGENDASH_USER: /\bagendash\.user\b/,
  AGENDASH_PASSWORD: /\bagendash\.password\b/,
  ADMIN_TOKEN: /\.adminToken\b/,
};

function serverSources(dir = path.join(REPO_ROOT, 'server', 'src')): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...serverSources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'config.ts')
      out.push(readFileSync(full, 'utf8'));
  }
  return out;
}

/** Variables of .env.example (set or commented out), each with its paragraph's comments. */
function envExample(): Map<string, string> {
  const vars = new Map<string, string>();
  for (const paragraph of read('.env.example').split(/\n\s*\n/)) {
    const comments = paragraph
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n');
    for (const m of paragraph.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)) vars.set(m[1], comments);
  }
  return vars;
}

describe('docs and configuration stay true to the code', () => {
  const server = serverSources().join('\n');
  const viteConfig = read('client/vite.config.ts');
  const isRead = (name: string) =>
    READ_BY[name] ? READ_BY[name].test(server) : new RegExp(`\\b${name}\\b`).test(viteConfig);

  it('marks exactly the settings nothing reads yet "not yet used", in .env.example and the README', () => {
    const vars = envExample();
    expect([...vars.keys()]).to.include.members([
      'DATABASE_URL',
      'REDIS_ENABLED',
      'FMP_API_KEY',
      'SENTRY_DSN',
    ]);
    for (const [name, comments] of vars) {
      const used = isRead(name);
      expect(NOT_YET.test(comments), `.env.example ${name}: read by code: ${used}`).to.equal(!used);
    }
    const readme = read('README.md').split('\n');
    for (const name of vars.keys()) {
      for (const line of readme.filter((l) => l.includes(`\`${name}\``))) {
        expect(NOT_YET.test(line), `README: "${line.slice(0, 80)}…" about ${name}`).to.equal(!isRead(name));
      }
    }
  });

  it('mentions no compose set before one exists', () => {
    const compose = [
      'compose/dev.yml',
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.yaml',
    ].some((f) => existsSync(path.join(REPO_ROOT, f)));
    if (compose) return;
    for (const file of ['README.md', '.env.example']) {
      for (const line of read(file).split('\n')) {
        if (/compose/i.test(line)) expect(line, file).to.match(/not yet/i);
      }
    }
  });

  it('counts the sample companies right and says how to run the dev servers and the tests', () => {
    const readme = read('README.md');
    const count = readme.match(/(\d+)(\+?) real US companies/);
    expect(count, 'README names the number of sample companies').to.not.equal(null);
    expect(Number(count?.[1])).to.equal(SAMPLE_UNIVERSE.length);
    expect(count?.[2]).to.equal('');
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Commands'));
    expect(quickStart).to.match(/npm run dev\s+# keeps running/);
    expect(quickStart).to.match(/npm test\s+# in a second terminal/);
  });

  it('reviews every install script in allowScripts (telemetry denied)', () => {
    const pkg = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { hasInstallScript?: boolean; link?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([key, p]) => key.includes('node_modules/') && p.hasInstallScript)
      .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts).to.include.members(['esbuild', 'sqlite3']);
    const allow = pkg.allowScripts ?? {};
    for (const name of withScripts) expect(allow, `allowScripts entry for ${name}`).to.have.property(name);
    expect(allow).to.include({ esbuild: true, sqlite3: true });
    if (withScripts.includes('@scarf/scarf')) expect(allow['@scarf/scarf']).to.equal(false);
    expect(read('README.md')).to.contain('allowScripts');
  });
});
