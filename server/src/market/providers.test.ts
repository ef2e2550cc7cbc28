import { expect } from 'chai';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { type FakeFmp, startFakeFmp } from '../../test-support/fmp/server.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { FmpProvider } from './fmp/provider.ts';
import { createProvider } from './providers.ts';

const KEY = 'factory-test-key';

describe('createProvider and the FMP settings', () => {
  let fmp: FakeFmp;
  let tdb: TestDatabase;
  before(async () => {
    fmp = await startFakeFmp({ apiKey: KEY });
    tdb = await createSqliteTestDb();
    await migrateLatest(tdb.db);
  });
  after(async () => {
    await fmp?.close();
    await tdb?.dispose();
  });

  it('reads FMP_BASE_URL, FMP_DAILY_LIMIT, FMP_TIMEOUT_MS and FMP_MAX_BODY_MB with documented defaults', () => {
    expect(loadConfig({}).fmp).to.deep.equal({
      baseUrl: 'https://financialmodelingprep.com/stable',
      dailyLimit: 250,
      timeoutMs: 10_000,
      maxBodyBytes: 20 * 1024 * 1024,
    });
    const c = loadConfig({
      FMP_BASE_URL: 'http://127.0.0.1:9/stable/',
      FMP_DAILY_LIMIT: '300',
      FMP_TIMEOUT_MS: '500',
      FMP_MAX_BODY_MB: '2',
    });
    expect(c.fmp).to.deep.equal({
      baseUrl: 'http://127.0.0.1:9/stable',
      dailyLimit: 300,
      timeoutMs: 500,
      maxBodyBytes: 2 * 1024 * 1024,
    });
  });

  it('FMP_BASE_URL must be https, except on loopback (the key travels in the URL)', () => {
    for (const url of ['http://127.0.0.1:9/stable', 'http://localhost:8080/stable', 'http://[::1]:9/stable'])
      expect(loadConfig({ FMP_BASE_URL: url }).fmp.baseUrl).to.equal(url);
    for (const url of [
      'http://financialmodelingprep.com/stable',
      'http://10.0.0.5/stable',
      'http://127.evil.com/x',
    ]) {
      let error: unknown;
      try {
        loadConfig({ FMP_BASE_URL: url });
      } catch (err) {
        error = err;
      }
      expect(error, url).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n'))
        .to.contain('FMP_BASE_URL must be https')
        .and.contain('loopback');
    }
  });

  it('rejects bad FMP settings, naming each', () => {
    let error: unknown;
    try {
      loadConfig({
        FMP_BASE_URL: 'ftp://x',
        FMP_DAILY_LIMIT: '0',
        FMP_TIMEOUT_MS: 'soon',
        FMP_MAX_BODY_MB: '0',
      });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['FMP_BASE_URL', 'FMP_DAILY_LIMIT', 'FMP_TIMEOUT_MS', 'FMP_MAX_BODY_MB'])
      expect(problems).to.contain(name);
  });

  it('builds the FMP provider when FMP_API_KEY is set, on FMP_BASE_URL, counting calls in the database', async () => {
    const config = loadConfig({ FMP_API_KEY: KEY, FMP_BASE_URL: fmp.baseUrl, FMP_DAILY_LIMIT: '2' });
    const provider = createProvider(config, { db: tdb.db });
    expect(provider).to.be.instanceOf(FmpProvider);
    expect(provider.source).to.equal('fmp');
    expect(await provider.universe()).to.have.length(147);
    const quotes = await provider.quotes(['AAPL'], new Date());
    expect(quotes.map((q) => q.ticker)).to.deep.equal(['AAPL']);
    expect(fmp.requests).to.have.length(1);
    const usage = await (provider as FmpProvider).usage(new Date());
    expect(usage).to.include({ used: 1, limit: 2, remaining: 1 });
    // A second provider (a restarted process) shares the count.
    const again = createProvider(config, { db: tdb.db }) as FmpProvider;
    expect((await again.usage(new Date()))?.used).to.equal(1);
  });
});
