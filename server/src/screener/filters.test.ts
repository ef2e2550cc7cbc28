/**
 * GET /api/stocks as a screener, against a brute-force screen over the same rows: every row
 * is read once with every column, and each filter, combination and sort the API answers is
 * compared with what a plain filter and sort of those rows gives.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import {
  CAP_BUCKETS,
  CATALOG,
  CATALOG_KEYS,
  EXCHANGES,
  NUMERIC_KEYS,
  type NumericKey,
  SORT_KEYS,
  TEXT_KEYS,
  type TextKey,
} from '../api/catalog.ts';
import { ErrorBody } from '../api/shared.ts';
import { loadConfig } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';
import { StockPage } from '../stocks/schemas.ts';
import { ScreenerCatalog } from './schemas.ts';

type Row = { ticker: string; name: string } & Record<string, string | number | null>;

interface Filter {
  bounds: { key: NumericKey; min?: number; max?: number }[];
  text?: Partial<Record<TextKey, string[]>>;
  cap?: string[];
}

/** What a filter leaves of `rows`, by hand: inclusive bounds, no value never passes, lists match any. */
function bruteFilter(rows: readonly Row[], f: Filter): Row[] {
  return rows.filter((r) => {
    for (const b of f.bounds) {
      const v = r[b.key];
      if (typeof v !== 'number') return false;
      if (b.min !== undefined && v < b.min) return false;
      if (b.max !== undefined && v > b.max) return false;
    }
    for (const [key, values] of Object.entries(f.text ?? {})) {
      if (!values.map((v) => v.toLowerCase()).includes(String(r[key]).toLowerCase())) return false;
    }
    if (f.cap) {
      const cap = r.market_cap;
      if (typeof cap !== 'number') return false;
      const hit = CAP_BUCKETS.filter((b) => f.cap?.includes(b.key)).some(
        (b) => (b.min === null || cap >= b.min) && (b.max === null || cap < b.max),
      );
      if (!hit) return false;
    }
    return true;
  });
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows in the order of a sort key by hand: by value, no value last either way, then by ticker. */
function bruteSort(rows: readonly Row[], key: string, order: 'asc' | 'desc'): string[] {
  const dir = order === 'asc' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === null || y === null) return x === y ? byCodeUnit(a.ticker, b.ticker) : x === null ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : byCodeUnit(String(x), String(y));
      return c === 0 ? byCodeUnit(a.ticker, b.ticker) : dir * Math.sign(c);
    })
    .map((r) => r.ticker);
}

/** A filter as query parameters. */
function filterQuery(f: Filter): string[] {
  const out: string[] = [];
  for (const b of f.bounds) {
    if (b.min !== undefined) out.push(`${b.key}_min=${b.min}`);
    if (b.max !== undefined) out.push(`${b.key}_max=${b.max}`);
  }
  for (const [key, values] of Object.entries(f.text ?? {}))
    out.push(`${key}=${encodeURIComponent(values.join(','))}`);
  if (f.cap) out.push(`cap=${f.cap.join(',')}`);
  return out;
}

function expectError(res: { status: number; body: unknown }, mention: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  const { error } = ErrorBody.parse(res.body);
  expect(error.code).to.equal('invalid_parameter');
  expect(error.message).to.contain(mention);
}

describeEachDatabase('GET /api/stocks as a screener', (get) => {
  let api: TestServer;
  /** Every stock with every column, as the API sends them. */
  let rows: Row[];

  /** Every page of a list request (100 a page), in order, and its total. */
  async function listAll(params: string[]): Promise<{ tickers: string[]; total: number; items: Row[] }> {
    const items: Row[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const res = await api.get(`/api/stocks?${[...params, 'limit=100', `page=${page}`].join('&')}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      total = res.body.total;
      items.push(...res.body.items);
      if (page >= res.body.pages) break;
    }
    return { tickers: items.map((i) => i.ticker), total, items };
  }

  before(async function () {
    this.timeout(120_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'screener-test', endDate: '2026-11-27', historyPoints: 0 });
    // Thousands of requests from one address: no per-client limit.
    api = await startTestServer(get().db, {
      config: loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0' }),
    });
    rows = (await listAll(['sort=ticker', `columns=${CATALOG_KEYS.join(',')}`])).items;
  });
  after(async function () {
    this.timeout(60_000); // the column table of a large universe may still be building
    await api?.close();
  });

  it('carries every column for every scored stock, each typed by its unit', async () => {
    const scored = Number((await get().db('scores').count({ n: '*' }))[0].n);
    expect(rows).to.have.length(scored).and.to.have.length.greaterThan(100);
    for (const r of rows) {
      expect(Object.keys(r)).to.deep.equal(['ticker', 'name', ...CATALOG_KEYS]);
      for (const m of CATALOG) {
        const v = r[m.key];
        if (m.unit === 'text') expect(v, `${r.ticker} ${m.key}`).to.be.a('string');
        else if (v !== null) expect(Number.isFinite(v), `${r.ticker} ${m.key}`).to.equal(true);
      }
    }
    // Some metrics have no value for some stocks (losses, banks, financials), so "no value" is tested.
    for (const key of ['pe', 'gross_margin', 'altman_z'])
      expect(
        rows.some((r) => r[key] === null),
        key,
      ).to.equal(true);
    StockPage.parse({ items: rows, page: 1, limit: 100, size: 100, total: rows.length, pages: 2 });
  });

  it('bounds every numeric metric, min and max, inclusive, leaving out stocks without a value', async function () {
    this.timeout(120_000);
    for (const key of NUMERIC_KEYS) {
      const values = [
        ...new Set(rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number')),
      ].sort((a, b) => a - b);
      expect(values.length, key).to.be.greaterThan(0);
      // The smallest, a middle and the largest value (each held by a stock: the boundaries), and
      // one between two values.
      const mid = values[Math.floor(values.length / 2)];
      const between = values.length > 1 ? (values[0] + values[1]) / 2 : values[0];
      for (const t of [values[0], mid, values[values.length - 1], between]) {
        for (const side of ['min', 'max'] as const) {
          const f: Filter = { bounds: [{ key, [side]: t }] };
          const want = bruteFilter(rows, f).map((r) => r.ticker);
          const got = await listAll([...filterQuery(f), 'sort=ticker']);
          expect(got.tickers, `${key}_${side}=${t}`).to.deep.equal(want);
          expect(got.total).to.equal(want.length);
        }
      }
      // A value held by a stock passes min and max both set to it.
      const exact = await listAll([`${key}_min=${mid}`, `${key}_max=${mid}`, 'sort=ticker']);
      expect(exact.total, key).to.be.greaterThan(0);
      expect(exact.tickers).to.deep.equal(
        bruteFilter(rows, { bounds: [{ key, min: mid, max: mid }] }).map((r) => r.ticker),
      );
    }
  });

  const values0 = (key: string) => [...new Set(rows.map((r) => String(r[key])))];

  it('filters text metrics by exact value (case-insensitive, lists match any) and by size bucket', async () => {
    for (const key of TEXT_KEYS) {
      const values = [...new Set(rows.map((r) => String(r[key])))];
      for (const pick of [[values[0]], values.slice(0, 3).map((v) => v.toUpperCase())]) {
        const f: Filter = { bounds: [], text: { [key]: pick } };
        const want = bruteFilter(rows, f).map((r) => r.ticker);
        expect(want.length, key).to.be.greaterThan(0);
        expect((await listAll([...filterQuery(f), 'sort=ticker'])).tickers, `${key}=${pick}`).to.deep.equal(
          want,
        );
      }
    }
    // Names that hold a comma, listed with others.
    const comma = values0('industry').filter((v) => v.includes(','));
    expect(comma.length).to.be.greaterThan(1);
    const f: Filter = { bounds: [], text: { industry: [comma[0], 'Biotechnology', comma[1]] } };
    const want = bruteFilter(rows, f).map((r) => r.ticker);
    expect(want.length).to.be.greaterThan(2);
    expect((await listAll([...filterQuery(f), 'sort=ticker'])).tickers).to.deep.equal(want);
    // An industry no stock has matches nothing.
    expect((await api.get('/api/stocks?industry=Crystal%20Balls')).body.total).to.equal(0);
    const buckets = CAP_BUCKETS.map((b) => b.key);
    let covered = 0;
    for (const cap of [...buckets.map((b) => [b]), ['mega', 'large'], ['small', 'micro', 'nano']]) {
      const f: Filter = { bounds: [], cap };
      const want = bruteFilter(rows, f).map((r) => r.ticker);
      if (cap.length === 1) covered += want.length;
      expect((await listAll([...filterQuery(f), 'sort=ticker'])).tickers, `cap=${cap}`).to.deep.equal(want);
    }
    // The buckets cover every stock with a market cap exactly once.
    expect(covered).to.equal(rows.filter((r) => typeof r.market_cap === 'number').length);
  });

  it('answers random combinations of 1-8 filters, sorted, as the brute-force screen does', async function () {
    this.timeout(180_000);
    const valuesOf = new Map(
      NUMERIC_KEYS.map((k) => [
        k,
        [...new Set(rows.map((r) => r[k]).filter((v): v is number => typeof v === 'number'))].sort(
          (a, b) => a - b,
        ),
      ]),
    );
    /** A bound at a value some stock holds (a boundary), or halfway between two. */
    const pick = (key: NumericKey, q: number, halfway: boolean) => {
      const vs = valuesOf.get(key) as number[];
      const i = Math.min(vs.length - 1, Math.floor(q * vs.length));
      return halfway && i + 1 < vs.length ? (vs[i] + vs[i + 1]) / 2 : vs[i];
    };
    const bound = fc
      .record({
        key: fc.constantFrom(...NUMERIC_KEYS),
        lo: fc.double({ min: 0, max: 1, noNaN: true }),
        span: fc.double({ min: 0, max: 1, noNaN: true }),
        side: fc.constantFrom('min', 'max', 'both'),
        halfway: fc.boolean(),
      })
      .map(({ key, lo, span, side, halfway }) => {
        const min = pick(key, lo * 0.8, halfway);
        const max = pick(key, Math.min(1, lo * 0.8 + span), halfway);
        return {
          key,
          ...(side !== 'max' ? { min } : {}),
          ...(side !== 'min' ? { max: Math.max(min, max) } : {}),
        };
      });
    const sectors = [...new Set(rows.map((r) => String(r.sector)))];
    const screen = fc
      .record({
        bounds: fc.uniqueArray(bound, { minLength: 0, maxLength: 8, selector: (b) => b.key }),
        sector: fc.option(fc.subarray(sectors, { minLength: 1, maxLength: 4 }), { nil: undefined }),
        exchange: fc.option(fc.subarray([...EXCHANGES], { minLength: 1 }), { nil: undefined }),
        cap: fc.option(
          fc.subarray(
            CAP_BUCKETS.map((b) => b.key as string),
            { minLength: 1, maxLength: 3 },
          ),
          {
            nil: undefined,
          },
        ),
        sort: fc.constantFrom(...SORT_KEYS),
        order: fc.constantFrom('asc' as const, 'desc' as const),
      })
      .map((s) => {
        // At most 8 filters in all, at least 1.
        const extra = [s.sector, s.exchange, s.cap].filter(Boolean).length;
        const bounds = s.bounds.slice(0, Math.max(0, 8 - extra));
        return {
          ...s,
          bounds: bounds.length + extra === 0 ? [{ key: 'score' as NumericKey, min: 40 }] : bounds,
        };
      });
    await fc.assert(
      fc.asyncProperty(screen, async (s) => {
        const f: Filter = {
          bounds: s.bounds,
          text: {
            ...(s.sector ? { sector: s.sector } : {}),
            ...(s.exchange ? { exchange: s.exchange } : {}),
          },
          ...(s.cap ? { cap: s.cap } : {}),
        };
        const want = bruteSort(bruteFilter(rows, f), s.sort, s.order);
        const got = await listAll([...filterQuery(f), `sort=${s.sort}`, `order=${s.order}`, 'columns=score']);
        expect(got.total).to.equal(want.length);
        expect(got.tickers).to.deep.equal(want);
      }),
      { numRuns: 120 },
    );
  });

  it('sorts by every key in either order, stocks without a value last', async function () {
    this.timeout(120_000);
    for (const key of SORT_KEYS) {
      for (const order of ['asc', 'desc'] as const) {
        const got = await listAll([
          `sort=${key}`,
          `order=${order}`,
          `columns=${key === 'ticker' || key === 'name' ? 'score' : key}`,
        ]);
        expect(got.tickers, `${key} ${order}`).to.deep.equal(bruteSort(rows, key, order));
      }
    }
    // Without order: text, ticker, name and rank ascending, other numbers descending.
    for (const [key, order] of [
      ['rank', 'asc'],
      ['sector', 'asc'],
      ['name', 'asc'],
      ['pe', 'desc'],
      ['perf_1m', 'desc'],
    ] as const) {
      expect((await listAll([`sort=${key}`])).tickers, key).to.deep.equal(bruteSort(rows, key, order));
    }
    // The default sort is the score, best first.
    expect((await listAll([])).tickers).to.deep.equal(bruteSort(rows, 'score', 'desc'));
  });

  it('carries ticker, name and the asked columns in their order; the default fields without columns', async () => {
    const some = await api.get('/api/stocks?columns=perf_ytd,sector,pe,perf_ytd&limit=5');
    expect(some.status).to.equal(200);
    for (const item of some.body.items) {
      expect(Object.keys(item)).to.deep.equal(['ticker', 'name', 'perf_ytd', 'sector', 'pe']);
      const full = rows.find((r) => r.ticker === item.ticker) as Row;
      expect(item).to.deep.equal({
        ticker: full.ticker,
        name: full.name,
        perf_ytd: full.perf_ytd,
        sector: full.sector,
        pe: full.pe,
      });
    }
    const plain = await api.get('/api/stocks?limit=5');
    for (const item of plain.body.items) {
      expect(Object.keys(item)).to.have.members([
        'ticker',
        'name',
        'sector',
        'industry',
        'price',
        'change',
        'change_pct',
        'market_cap',
        'pe',
        'dividend_yield',
        'score',
        'rank',
        'components',
      ]);
      const full = rows.find((r) => r.ticker === item.ticker) as Row;
      expect(item.components).to.deep.equal({
        value: full.value,
        quality: full.quality,
        growth: full.growth,
        momentum: full.momentum,
        risk: full.risk,
        dividend: full.dividend,
      });
      expect(item.pe).to.equal(full.pe);
    }
  });

  it('keeps min_score and max_score as the names of score_min and score_max', async () => {
    const alias = await listAll(['min_score=45', 'max_score=70']);
    const named = await listAll(['score_min=45', 'score_max=70']);
    expect(alias.tickers).to.deep.equal(named.tickers).and.to.have.length.greaterThan(0);
    expectError(await api.get('/api/stocks?min_score=40&score_min=50'), 'score_min');
  });

  it('answers 400 naming the parameter for every bad value', async () => {
    for (const key of NUMERIC_KEYS) {
      for (const side of ['min', 'max']) {
        for (const bad of key === 'pe' ? ['abc', '', 'Infinity', '0x10', '1,5', '1e400'] : ['abc', ''])
          expectError(
            await api.get(`/api/stocks?${key}_${side}=${encodeURIComponent(bad)}`),
            `${key}_${side}`,
          );
      }
      expectError(await api.get(`/api/stocks?${key}_min=2&${key}_max=1`), `${key}_min`);
    }
    expectError(await api.get('/api/stocks?score_min=101'), 'score_min');
    expectError(await api.get('/api/stocks?value_max=-1'), 'value_max');
    expectError(await api.get('/api/stocks?columns=pe,bogus'), 'columns: unknown column "bogus"');
    expectError(await api.get('/api/stocks?pe_minimum=3'), 'pe_minimum');
    expectError(await api.get('/api/stocks?sector_min=3'), 'sector_min');
    expectError(await api.get('/api/stocks?cap=huge'), 'cap');
    expectError(await api.get('/api/stocks?exchange=LSE'), 'exchange');
    expectError(await api.get('/api/stocks?sector=Energy,Crypto'), 'sector');
    expectError(await api.get('/api/stocks?sort=perf_2y'), 'sort');
    expectError(await api.get('/api/stocks?pe_min=1&pe_min=2'), 'pe_min');
  });

  it('publishes the catalog the client builds its columns and filters from', async () => {
    const res = await api.get('/api/screener/metrics');
    expect(res.status).to.equal(200);
    expect(res.headers.get('x-cache')).to.be.oneOf(['MISS', 'HIT']);
    const body = ScreenerCatalog.parse(res.body);
    expect(body.universe).to.equal(rows.length);
    expect(body.metrics.map((m) => m.key)).to.deep.equal(CATALOG_KEYS);
    for (const m of body.metrics) {
      if (m.unit === 'text') {
        expect(m.filter).to.deep.equal({ kind: 'values', params: [m.key] });
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(String(r[m.key]), (counts.get(String(r[m.key])) ?? 0) + 1);
        expect(m.values).to.deep.equal(
          [...counts].sort(([a], [b]) => byCodeUnit(a, b)).map(([value, count]) => ({ value, count })),
        );
      } else {
        expect(m.filter).to.deep.equal({ kind: 'range', params: [`${m.key}_min`, `${m.key}_max`] });
        const vs = rows.map((r) => r[m.key]).filter((v): v is number => typeof v === 'number');
        expect(m.stats).to.deep.equal({ count: vs.length, min: Math.min(...vs), max: Math.max(...vs) });
      }
    }
    // Every preset's columns are catalog keys, and each metric lists the presets that show it.
    for (const p of body.presets)
      for (const c of p.columns) expect(body.metrics.find((m) => m.key === c)?.presets).to.include(p.key);
    expect(body.presets.map((p) => p.label)).to.deep.equal([
      'Overview',
      'Valuation',
      'Financial',
      'Performance',
      'Technical',
      'Scores',
    ]);
    expect((await api.get('/api/screener/metrics')).headers.get('x-cache')).to.equal('HIT');
  });
});
