import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestServer } from '../../test-support/app.ts';
import { type FakeFmp, startFakeFmp } from '../../test-support/fmp/server.ts';
import { loadConfig, parseDatabaseUrl } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { createSampleProvider } from '../market/sample/provider.ts';
import { SAMPLE_UNIVERSE } from '../market/sample/universe.ts';
import { StockPage } from '../stocks/schemas.ts';
import { Health } from '../system/schemas.ts';

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

/** `npm run refresh` as a real process, without blocking this one (it answers as the FMP server). */
function refreshAsync(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/refresh.ts', ...args], {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // A bound, not a wait: a command that hangs is killed, and the test fails on its output.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run refresh from FMP (command line, local FMP-format server)', function () {
  this.timeout(120_000);
  const KEY = 'cli-fmp-key-5f1e2d3c';
  // Four real tickers of the default FMP universe; the local server makes up their data.
  const TICKERS = SAMPLE_UNIVERSE.map((c) => c.ticker)
    .filter((t) => t !== 'AAPL' && t !== 'MSFT')
    .slice(0, 4);
  let dir: string;
  let fmp: FakeFmp;
  let env: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vibeapp-refresh-fmp-'));
    fmp = await startFakeFmp({ apiKey: KEY, syntheticQuotes: true, syntheticCompanies: true });
    // 30 calls: 1 quote call + 4 new stocks × 5 fit beside the reserve for the rest of any
    // day's quote refreshes (at most 8), whatever the time of the run. (The client paces
    // its calls 250 ms apart, so fewer stocks keep the test short.)
    env = {
      DATABASE_URL: `sqlite:${dir}/fmp.db`,
      FMP_API_KEY: KEY,
      FMP_BASE_URL: fmp.baseUrl,
      FMP_DAILY_LIMIT: '30',
    };
  });
  after(async () => {
    await fmp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the stocks from FMP within the budget, then spends only quote calls; the API says FMP; the key stays secret', async () => {
    const first = await refreshAsync(env, ['--tickers', TICKERS.join(',')]);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/refreshed 4 stocks from fmp/);
    const calls = (from: number, endpoint?: string) =>
      fmp.requests.slice(from).filter((r) => !endpoint || r.endpoint === endpoint).length;
    expect(calls(0)).to.equal(21);
    expect(calls(0, 'batch-quote')).to.equal(1);
    expect(calls(0, 'profile')).to.equal(4);

    const seen = fmp.requests.length;
    const second = await refreshAsync(env, ['--tickers', TICKERS.join(',')]);
    expect(second.code, second.stderr).to.equal(0);
    // Nothing is fetched again but quotes (and history, for stocks a trading day behind
    // the local server's last bar on a later date), and never past the day's budget.
    expect(calls(seen, 'batch-quote')).to.equal(1);
    expect(calls(seen, 'profile') + calls(seen, 'income-statement')).to.equal(0);
    expect(fmp.requests.length).to.be.at.most(30);

    for (const out of [first, second]) expect(out.stdout + out.stderr).to.not.include(KEY);

    const db = createDb(parseDatabaseUrl(env.DATABASE_URL));
    const api = await startTestServer(db, { config: loadConfig({ ...env, NODE_ENV: 'test' }) });
    try {
      const health = Health.parse((await api.get('/health')).body);
      expect(health.data).to.include({ source: 'fmp', sample: false });
      const page = StockPage.parse((await api.get('/api/stocks?limit=50')).body);
      expect(page.items.map((i) => i.ticker).sort()).to.deep.equal([...TICKERS].sort());
    } finally {
      await api.close();
      await db.destroy();
    }
  });
});
