import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig, parseDatabaseUrl, REPO_ROOT, redactUrlPassword } from './config.ts';

describe('config', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.database).to.deep.equal({
      client: 'sqlite3',
      filename: path.join(REPO_ROOT, 'data', 'vibeapp.db'),
      url: 'sqlite:./data/vibeapp.db',
    });
    expect(c.redis).to.deep.equal({ url: 'redis://localhost:6379/0', enabled: false, commandTimeoutMs: 50 });
    expect(c.cache).to.deep.equal({
      ttlDefault: 300,
      ttlScores: 900,
      ttlRankings: 600,
      memoryMaxEntries: 10_000,
      memoryMaxBytes: 64 * 1024 * 1024,
      memoryTtl: 30,
      grace: 300,
      keyPrefix: 'vibeapp',
    });
    expect(c.api.port).to.equal(8000);
    expect(c.clientPort).to.equal(3000);
    expect(c.sentryDsn).to.equal('');
    expect(c.fmpApiKey).to.equal('');
    expect(c.env).to.equal('development');
    expect(c.ingest).to.deep.equal({ batchSize: 100 });
    expect(c.worker.lockLifetimeMs).to.equal(undefined);
  });

  it('reads the ingest batch size and the worker lock lifetime override; rejects bad values by name', () => {
    const c = loadConfig({ INGEST_BATCH_SIZE: '5', WORKER_LOCK_LIFETIME_S: '90' });
    expect(c.ingest.batchSize).to.equal(5);
    expect(c.worker.lockLifetimeMs).to.equal(90_000);
    expect(loadConfig({ WORKER_LOCK_LIFETIME_S: ' ' }).worker.lockLifetimeMs).to.equal(undefined);
    for (const [name, value] of [
      ['INGEST_BATCH_SIZE', '0'],
      ['INGEST_BATCH_SIZE', 'ten'],
      ['WORKER_LOCK_LIFETIME_S', '0'],
      ['WORKER_LOCK_LIFETIME_S', '2.5'],
    ]) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`)
        .to.throw(ConfigError)
        .with.property('problems')
        .that.deep.equals([
          name === 'INGEST_BATCH_SIZE'
            ? `INGEST_BATCH_SIZE must be a whole number from 1 to 10000, got "${value}"`
            : `WORKER_LOCK_LIFETIME_S must be a whole number from 1 to 86400 (or empty), got "${value}"`,
        ]);
    }
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_MAX (10 by default, 1 to 1000)', () => {
    expect(loadConfig({}).databasePool.max).to.equal(10);
    expect(loadConfig({ DATABASE_POOL_MAX: '4' }).databasePool.max).to.equal(4);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['DATABASE_POOL_MAX must be a whole number from 1 to 1000, got "0"']);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/vibeapp',
      REDIS_URL: 'redis://redis:6379/1',
      REDIS_ENABLED: 'true',
      CACHE_TTL_DEFAULT: '60',
      CACHE_TTL_SCORES: '120',
      CACHE_TTL_RANKINGS: '90',
      CACHE_MEMORY_MAX_ENTRIES: '500',
      CACHE_MEMORY_MAX_MB: '8',
      CACHE_MEMORY_TTL: '5',
      CACHE_GRACE: '0',
      CACHE_KEY_PREFIX: 'vibe-staging',
      REDIS_COMMAND_TIMEOUT_MS: '25',
      SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/42',
      FMP_API_KEY: 'key',
      API_PORT: '8080',
      CLIENT_PORT: '3001',
    });
    expect(c.database.client).to.equal('pg');
    expect(c.redis).to.deep.equal({ url: 'redis://redis:6379/1', enabled: true, commandTimeoutMs: 25 });
    expect(c.cache).to.deep.equal({
      ttlDefault: 60,
      ttlScores: 120,
      ttlRankings: 90,
      memoryMaxEntries: 500,
      memoryMaxBytes: 8 * 1024 * 1024,
      memoryTtl: 5,
      grace: 0,
      keyPrefix: 'vibe-staging',
    });
    expect(c.sentryDsn).to.equal('https://abc@o1.ingest.sentry.io/42');
    expect(c.api.port).to.equal(8080);
    expect(c.clientPort).to.equal(3001);
    expect(c.env).to.equal('production');
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x',
        REDIS_ENABLED: 'maybe',
        CACHE_TTL_DEFAULT: '-5',
        API_PORT: 'eighty',
        SENTRY_DSN: 'not-a-dsn',
        REDIS_URL: 'localhost:6379',
        CACHE_KEY_PREFIX: 'has space',
      });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'DATABASE_URL',
      'REDIS_ENABLED',
      'CACHE_TTL_DEFAULT',
      'API_PORT',
      'SENTRY_DSN',
      'REDIS_URL',
      'CACHE_KEY_PREFIX',
    ]) {
      expect(problems).to.contain(name);
    }
    expect((error as ConfigError).problems).to.have.length(7);
    expect((error as Error).message.split('\n')[0]).to.equal('Invalid configuration:');
  });

  it('rejects equal API and client ports', () => {
    expect(() => loadConfig({ API_PORT: '3000' })).to.throw(ConfigError, /must differ/);
  });

  describe('DATABASE_URL', () => {
    const root = '/srv/app';
    it('takes sqlite: paths relative to the repo root', () => {
      expect(parseDatabaseUrl('sqlite:./data/x.db', root)).to.include({
        client: 'sqlite3',
        filename: '/srv/app/data/x.db',
      });
      expect(parseDatabaseUrl('sqlite:///./x.db', root)).to.include({ filename: '/srv/app/x.db' });
      expect(parseDatabaseUrl('sqlite:////tmp/x.db', root)).to.include({ filename: '/tmp/x.db' });
      expect(parseDatabaseUrl('file:/tmp/y.db', root)).to.include({ filename: '/tmp/y.db' });
      expect(parseDatabaseUrl('sqlite::memory:', root)).to.include({ filename: ':memory:' });
    });
    it('takes postgres:// and postgresql:// URLs', () => {
      expect(parseDatabaseUrl('postgresql://u@localhost:5432/db').client).to.equal('pg');
      expect(parseDatabaseUrl('postgres://u:p@db/vibe').client).to.equal('pg');
    });
    it('rejects malformed URLs with a one-line cause', () => {
      for (const bad of ['postgres://', 'postgres://host', 'sqlite:', 'mysql://a/b', 'just words']) {
        expect(() => parseDatabaseUrl(bad), bad).to.throw(Error);
        try {
          parseDatabaseUrl(bad);
        } catch (err) {
          expect((err as Error).message).to.not.contain('\n');
        }
      }
    });
  });

  describe('the HTTP edge (TRUST_PROXY, RATE_LIMIT_PER_MINUTE, HTTP_*_TIMEOUT_S)', () => {
    it('trusts no proxy, limits 600 a minute and keeps connections 65 s by default', () => {
      expect(loadConfig({}).http).to.deep.equal({
        trustProxy: false,
        rateLimitPerMinute: 600,
        keepAliveTimeoutMs: 65_000,
        headersTimeoutMs: 66_000,
        requestTimeoutMs: 90_000,
      });
      const c = loadConfig({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '0' });
      expect(c.http).to.include({ trustProxy: true, rateLimitPerMinute: 0 });
    });
    it('refuses a headers timeout not above keep-alive and a request timeout below it', () => {
      expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_S: '70' })).to.throw(
        ConfigError,
        /HTTP_HEADERS_TIMEOUT_S/,
      );
      expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_S: '30' })).to.throw(
        ConfigError,
        /HTTP_REQUEST_TIMEOUT_S/,
      );
      expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).to.throw(
        ConfigError,
        /RATE_LIMIT_PER_MINUTE/,
      );
    });
  });

  describe('redactUrlPassword', () => {
    it('hides a password holding @, : and / whole, in DATABASE_URL and REDIS_URL messages', () => {
      for (const password of ['p@ss', 'a:b@c', 'x/y@z:w', '@@', 'p%40ss']) {
        const text = `cannot reach postgres://vibe:${password}@db.example:5432/app; redis://:${password}@cache:6379/0`;
        const out = redactUrlPassword(text);
        expect(out, password).to.equal(
          'cannot reach postgres://vibe:[redacted]@db.example:5432/app; redis://:[redacted]@cache:6379/0',
        );
      }
      let problems: string[] = [];
      try {
        loadConfig({ DATABASE_URL: 'postgres://vibe:s3cr@t:p/w@db.example:5432' });
      } catch (err) {
        problems = (err as ConfigError).problems;
      }
      expect(problems.join('\n')).to.contain('postgres://vibe:[redacted]@db.example:5432');
      expect(problems.join('\n')).to.not.contain('s3cr').and.to.not.contain('p/w');
    });
  });
});
