import { spawn } from 'node:child_process';
import path from 'node:path';
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

  describe('asynchronous stdout (sync: false)', () => {
    const SERVER_DIR = path.resolve(import.meta.dirname, '..');
    /** Runs test-support/log-exit.ts ending as `how` says: its exit code and stdout's lines. */
    function child(how: string): Promise<{ code: number | null; lines: string[]; stderr: string }> {
      return new Promise((resolve, reject) => {
        const proc = spawn(process.execPath, ['--import', 'tsx', 'test-support/log-exit.ts', how], {
          cwd: SERVER_DIR,
          env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        proc.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
        });
        proc.stderr.setEncoding('utf8').on('data', (c: string) => {
          err += c;
        });
        proc.on('error', reject);
        proc.on('close', (code) => resolve({ code, lines: out.split('\n').filter(Boolean), stderr: err }));
      });
    }

    for (const [how, code] of [
      ['exit', 3],
      ['throw', 1],
      ['handlers', 1],
      ['end', 0],
    ] as const) {
      it(`writes every line before the process ends (${how}, exit code ${code})`, async function () {
        this.timeout(60_000);
        const r = await child(how);
        expect(r.code, r.stderr).to.equal(code);
        const logged = r.lines.map((l) => JSON.parse(l) as { i?: number; msg: string; level: string });
        const numbered = logged.filter((l) => l.msg === 'line').map((l) => l.i);
        expect(numbered).to.have.length(2000);
        expect(numbered).to.deep.equal(Array.from({ length: 2000 }, (_, k) => k + 1));
        if (how === 'handlers') {
          expect(logged.at(-1)).to.include({ level: 'fatal', msg: 'uncaughtException: the process stops' });
        }
        if (how === 'throw') expect(r.stderr).to.contain('boom');
      });
    }
  });
});
