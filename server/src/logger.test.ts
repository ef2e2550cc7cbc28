import { expect } from 'chai';
import { type LogRecord, memoryLogger } from '../test-support/app.ts';
import { loadConfig } from './config.ts';
import { createLogger, REDACTED, secretScrubber } from './logger.ts';

describe('logger', () => {
  const SECRETS = {
    DATABASE_URL: 'postgres://vibeapp:hunter2-db-pass@db.example:5432/vibeapp',
    FMP_API_KEY: 'fmp-key-0123456789abcdef',
    SENTRY_DSN: 'https://abcdef0123456789public@o1.ingest.example/42',
  };

  function capture(): { lines: string[]; records: LogRecord[]; log: ReturnType<typeof createLogger> } {
    const lines: string[] = [];
    const records: LogRecord[] = [];
    const log = createLogger({
      level: 'debug',
      format: 'json',
      secrets: [SECRETS.FMP_API_KEY, SECRETS.SENTRY_DSN],
      destination: {
        write(line: string) {
          lines.push(line);
          records.push(JSON.parse(line));
        },
      },
    });
    return { lines, records, log };
  }

  it('writes JSON lines with the level as a word, a time and the message', () => {
    const { records, log } = capture();
    log.child({ reqId: 'r1' }).info({ status: 200 }, 'request');
    expect(records[0]).to.include({ level: 'info', msg: 'request', reqId: 'r1', status: 200 });
    expect(records[0].time).to.match(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('never prints a database password, the FMP key or the Sentry DSN', () => {
    const { lines, log } = capture();
    const config = loadConfig({ NODE_ENV: 'production', ...SECRETS });
    log.info({ config }, 'starting');
    log.warn(`cannot reach ${SECRETS.DATABASE_URL}`);
    log.error({ err: new Error(`fetch failed for apikey=${SECRETS.FMP_API_KEY}`) }, 'provider failed');
    log.info({ dsn: SECRETS.SENTRY_DSN, nested: { fmpApiKey: SECRETS.FMP_API_KEY } }, 'sentry on');
    const all = lines.join('');
    for (const secret of [
      'hunter2-db-pass',
      SECRETS.FMP_API_KEY,
      SECRETS.SENTRY_DSN,
      'abcdef0123456789public',
    ]) {
      expect(all, secret).to.not.contain(secret);
    }
    expect(all).to.contain(REDACTED);
    // What is not secret survives: the user, host and database of the URL.
    expect(all).to.contain('postgres://vibeapp:[redacted]@db.example:5432/vibeapp');
  });

  it('scrubs URL passwords from any text', () => {
    const scrub = secretScrubber([]);
    expect(scrub('redis://:pw@host:6379/0 and postgres://u:p%40ss@h/db')).to.equal(
      'redis://:[redacted]@host:6379/0 and postgres://u:[redacted]@h/db',
    );
    // A password holding `@`, `:` or `/` unencoded is hidden whole, not up to its first `@`.
    expect(scrub('redis://:s3cr@t:x/y@cache:6379/0 postgres://u:a@b@h/db')).to.equal(
      'redis://:[redacted]@cache:6379/0 postgres://u:[redacted]@h/db',
    );
  });

  it('keeps debug lines out at info level (no work for them on the hot path)', () => {
    const sink: LogRecord[] = [];
    const log = memoryLogger(sink, { level: 'info' });
    log.debug('hidden');
    log.info('shown');
    expect(sink.map((l) => l.msg)).to.deep.equal(['shown']);
    expect(log.isLevelEnabled('debug')).to.equal(false);
  });
});
