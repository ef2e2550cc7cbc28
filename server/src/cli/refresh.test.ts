import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parseDatabaseUrl } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { createSampleProvider } from '../market/sample/provider.ts';

const SERVER_DIR = path.resolve(import.meta.dirname, '..', '..');

/** `npm run refresh` as a real process (stdout is a pipe: plain progress lines). */
function refresh(env: Record<string, string>, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/refresh.ts', ...args], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run refresh (command line)', function () {
  this.timeout(60_000);
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-refresh-'));
    env = { DATABASE_URL: `sqlite:${dir}/refresh.db`, SAMPLE_SEED: 'cli-test' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const stored = async () => {
    const db = createDb(parseDatabaseUrl(env.DATABASE_URL));
    try {
      const stocks = await db('stocks').select('ticker', 'price', 'quote_date').orderBy('ticker');
      const bars = Number((await db('daily_prices').count({ n: '*' }))[0].n);
      return { stocks: stocks.map((s) => ({ ...s })), bars };
    } finally {
      await db.destroy();
    }
  };

  it('refreshes the named stocks at the instant given, with plain progress lines', async () => {
    const at = '2026-11-24T15:30:00Z'; // Tuesday 10:30 New York, in the session
    const r = refresh(env, ['--tickers', 'msft,AAPL', '--as-of', at]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('refresh: load 2/2 stocks\nrefresh: score\nrefresh: done\n');
    expect(r.stdout).to.match(
      /refreshed 2 stocks from sample \(bars through 2026-11-23, quotes at 2026-11-24T15:30/,
    );
    const first = await stored();
    const quotes = await createSampleProvider({ seed: 'cli-test' }).quotes(['AAPL', 'MSFT'], new Date(at));
    expect(first.stocks).to.deep.equal(
      quotes.map((q) => ({ ticker: q.ticker, price: q.price, quote_date: '2026-11-24' })),
    );

    // An hour later: the prices move, no bar is added, the scores stand.
    const r2 = refresh(env, ['--tickers', 'AAPL,MSFT', '--as-of', '2026-11-24T16:30:00Z']);
    expect(r2.code, r2.stderr).to.equal(0);
    expect(r2.stdout).to.match(/0 new bars, 0 fiscal years, 2 scores unchanged/);
    const second = await stored();
    expect(second.bars).to.equal(first.bars);
    expect(second.stocks.map((s) => s.price)).to.not.deep.equal(first.stocks.map((s) => s.price));
  });

  it('rejects bad arguments in one line, exit 1, without touching the data', async () => {
    const before = await stored();
    const cases: Array<[string[], RegExp]> = [
      [['--as-of', 'yesterday'], /^refresh: --as-of must be an ISO-8601 instant .* got "yesterday"\n$/],
      [['--tickers', 'AAPL,NOPE'], /^refresh: not in the sample universe: NOPE\n$/],
      [['--tickers', ' , '], /^refresh: --tickers must be a comma-separated list of symbols/],
      [['--bogus'], /^refresh: Unknown option '--bogus'; usage: refresh/],
    ];
    for (const [args, pattern] of cases) {
      const r = refresh(env, args);
      expect(r.code, args.join(' ')).to.equal(1);
      expect(r.stderr, args.join(' ')).to.match(pattern);
      expect(r.stderr).to.not.match(/\n\s+at /);
    }
    expect(await stored()).to.deep.equal(before);
  });
});
