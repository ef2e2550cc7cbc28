import { expect } from 'chai';
import { loadConfig } from '../config.ts';
import { globToRegExp } from './glob.ts';
import { EncodedJson, encodeJson, rememberJson } from './json.ts';
import {
  CACHE_SCHEMA_VERSION,
  cacheKeys,
  cacheTtls,
  DATA_CHANGE_PATTERNS,
  keyPrefix,
  paramsHash,
} from './keys.ts';

describe('cache keys', () => {
  it('builds the requirements’ key names', () => {
    expect(cacheKeys.stockDetail('aapl')).to.equal('stocks:detail:AAPL');
    expect(cacheKeys.stockScore('brk.b')).to.equal('stocks:score:BRK.B');
    expect(cacheKeys.priceSeries('msft')).to.equal('stocks:prices:MSFT');
    expect(cacheKeys.prices('msft', '1y', ['rsi', 'bb'])).to.equal('stocks:prices:MSFT:1y:bb,rsi');
    expect(cacheKeys.prices('msft', 'max', [])).to.equal('stocks:prices:MSFT:max:none');
    expect(cacheKeys.sectors()).to.equal('stocks:sectors');
    expect(cacheKeys.top(10)).to.equal('stocks:top:10');
    expect(cacheKeys.leaderboard(5)).to.equal('leaderboard:5:all');
    expect(cacheKeys.leaderboard(5, 'Consumer Discretionary')).to.equal(
      'leaderboard:5:consumer-discretionary',
    );
    expect(cacheKeys.screener('Piotroski', 25)).to.equal('screener:piotroski:25');
    expect(cacheKeys.stockList({ page: 1, size: 20 })).to.match(/^stocks:list:[0-9a-f]{16}$/);
    expect(keyPrefix('vibeapp')).to.equal(`vibeapp:v${CACHE_SCHEMA_VERSION}:`);
  });

  it('hashes list parameters stably: order and absent values do not matter, values do', () => {
    const a = paramsHash({ page: 1, size: 20, sort: 'score', sector: undefined });
    expect(paramsHash({ sort: 'score', size: 20, page: 1 })).to.equal(a);
    expect(paramsHash({ sort: 'score', size: 20, page: 1, q: '' })).to.equal(a);
    expect(paramsHash({ sort: 'score', size: 20, page: 2 })).to.not.equal(a);
    expect(paramsHash({ sort: 'score', size: '20', page: 1 })).to.not.equal(a);
  });

  it('keeps the hash of a deep-frozen query only: a query that can still change is hashed again', () => {
    const frozen = Object.freeze({ page: 1, size: 20, sector: Object.freeze(['Energy']) });
    const expected = paramsHash({ page: 1, size: 20, sector: ['Energy'] });
    expect(paramsHash(frozen)).to.equal(expected);
    expect(paramsHash(frozen)).to.equal(expected);
    // Frozen on the outside only: its list may still change, and its hash with it.
    const shallow = Object.freeze({ page: 1, size: 20, sector: ['Energy'] });
    expect(paramsHash(shallow)).to.equal(expected);
    shallow.sector.push('Utilities');
    expect(paramsHash(shallow)).to.equal(paramsHash({ page: 1, size: 20, sector: ['Energy', 'Utilities'] }));
    const open: Record<string, unknown> = { page: 1, size: 20 };
    const before = paramsHash(open);
    open.page = 2;
    expect(paramsHash(open)).to.not.equal(before);
  });

  it('maps each kind to its configured lifetime', () => {
    expect(cacheTtls(loadConfig({}))).to.deep.equal({
      list: 300,
      detail: 300,
      prices: 300,
      sectors: 600,
      score: 900,
      top: 600,
      leaderboard: 600,
      screener: 600,
      backtest: 600,
    });
    expect(cacheTtls(loadConfig({ CACHE_TTL_DEFAULT: '60', CACHE_TTL_RANKINGS: '120' }))).to.include({
      list: 60,
      top: 120,
    });
  });

  it('a data change covers every cached kind', () => {
    const keys = [
      cacheKeys.stockList({ page: 1 }),
      cacheKeys.stockDetail('AAPL'),
      cacheKeys.stockScore('AAPL'),
      cacheKeys.priceSeries('AAPL'),
      cacheKeys.prices('AAPL', '1y', ['macd']),
      cacheKeys.sectors(),
      cacheKeys.top(10),
      cacheKeys.leaderboard(5, 'Energy'),
      cacheKeys.screener('graham', 25),
      cacheKeys.screenerSummaries(),
      cacheKeys.heatmap('Energy', 500),
      cacheKeys.backtest(),
    ];
    const patterns = DATA_CHANGE_PATTERNS.map(globToRegExp);
    for (const k of keys)
      expect(
        patterns.some((p) => p.test(k)),
        k,
      ).to.equal(true);
  });
});

describe('cache glob patterns (Redis MATCH dialect)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['stocks:*', 'stocks:detail:AAPL', true],
    ['stocks:*', 'leaderboard:5:all', false],
    ['stocks:detail:A?PL', 'stocks:detail:ABPL', true],
    ['stocks:detail:A?PL', 'stocks:detail:AAAPL', false],
    ['stocks:detail:[AM]*', 'stocks:detail:MSFT', true],
    ['stocks:detail:[^AM]*', 'stocks:detail:MSFT', false],
    ['stocks:detail:[a-c]', 'stocks:detail:b', true],
    ['stocks:top:10', 'stocks:top:100', false],
    ['stocks:list.x', 'stocks:listax', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
  ];
  for (const [pattern, key, match] of cases) {
    it(`${pattern} ${match ? 'matches' : 'does not match'} ${key}`, () => {
      expect(globToRegExp(pattern).test(key)).to.equal(match);
    });
  }
});

describe('cached JSON bodies', () => {
  it('serializes an object once and keeps the bytes and a data-derived ETag with it', () => {
    const value = { ticker: 'AAPL', price: 1 };
    const a = encodeJson(value);
    expect(a).to.be.instanceOf(EncodedJson);
    expect(a.body.toString()).to.equal(JSON.stringify(value));
    expect(encodeJson(value)).to.equal(a);
    expect(a.etag).to.match(/^"[A-Za-z0-9_-]+"$/);
    expect(encodeJson({ ticker: 'AAPL', price: 2 }).etag).to.not.equal(a.etag);
    expect(encodeJson({ ticker: 'AAPL', price: 1 }).etag).to.equal(a.etag);
  });

  it('uses the text the cache already has for a value, and serializes primitives each time', () => {
    const value = { b: 1 };
    rememberJson(value, '{"b":1}');
    expect(encodeJson(value).body.toString()).to.equal('{"b":1}');
    expect(encodeJson('x').body.toString()).to.equal('"x"');
    expect(encodeJson(undefined).body.toString()).to.equal('null');
  });
});
