import http from 'node:http';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { migrateLatest } from '../db/migrate.ts';
import { roundCap } from './presenters.ts';
import { Heatmap } from './schemas.ts';

interface Row {
  ticker: string;
  name: string;
  sector: string;
  industry: string;
  market_cap: number;
  price: number | null;
  change_pct: number | null;
  score: number | null;
}

/** The stocks the map covers, brute force from the tables: scored, with a market cap, largest first. */
async function universe(db: import('knex').Knex): Promise<Row[]> {
  const rows = await db('stocks')
    .join('scores', 'scores.ticker', 'stocks.ticker')
    .whereNotNull('stocks.market_cap')
    .andWhere('stocks.market_cap', '>', 0)
    .select('stocks.ticker', 'name', 'sector', 'industry', 'market_cap', 'price', 'change_pct', 'score');
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows
    .map((r) => ({
      ...r,
      market_cap: Number(r.market_cap),
      price: num(r.price),
      change_pct: num(r.change_pct),
      score: num(r.score),
    }))
    .sort((a, b) => b.market_cap - a.market_cap || (a.ticker < b.ticker ? -1 : 1));
}

/** A cap is rounded to 0.01 of its unit (T, B, M, K): at most half of that, 0.5 % of it, off. */
const capTolerance = (cap: number) => cap * 0.005 + 0.01;

/** The cap-weighted mean of a field over the rows that have it (null when none has). */
function weighted(rows: Row[], field: 'change_pct' | 'score'): number | null {
  let sum = 0;
  let weight = 0;
  for (const r of rows) {
    const v = r[field];
    if (v === null) continue;
    sum += v * r.market_cap;
    weight += r.market_cap;
  }
  return weight > 0 ? sum / weight : null;
}

const listed = (map: Heatmap) =>
  map.sectors.flatMap((s) =>
    s.industries.flatMap((i) => i.stocks.map((st) => ({ ...st, sector: s.sector, industry: i.industry }))),
  );

/** A browser's conditional GET (fetch() adds `Cache-Control: no-cache` to one, which forbids a 304). */
function revalidate(url: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** At most `digits` decimals (as JSON carries it). */
const decimals = (v: number | null, digits: number) => v === null || Number(v.toFixed(digits)) === v;

describeEachDatabase('GET /api/screener/heatmap', (get) => {
  let api: TestServer;
  let all: Row[];
  before(async function () {
    this.timeout(120_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'heatmap-test', endDate: '2026-11-27', historyPoints: 0 });
    api = await startTestServer(get().db);
    all = await universe(get().db);
  });
  after(async () => {
    await api?.close();
  });

  it('lists the largest `limit` stocks once each, under their own sector and industry, with the stored figures rounded as shown', async () => {
    const res = await api.get('/api/screener/heatmap?limit=40');
    expect(res.status).to.equal(200);
    const map = Heatmap.parse(res.body);
    expect([map.sector, map.limit, map.count, map.shown]).to.deep.equal([null, 40, all.length, 40]);
    const stocks = listed(map);
    expect(stocks.map((s) => s.ticker).sort()).to.deep.equal(
      all
        .slice(0, 40)
        .map((r) => r.ticker)
        .sort(),
    );
    const byTicker = new Map(all.map((r) => [r.ticker, r]));
    for (const st of stocks) {
      const row = byTicker.get(st.ticker) as Row;
      expect([st.sector, st.industry, st.name]).to.deep.equal([row.sector, row.industry, row.name]);
      expect(st.market_cap).to.equal(roundCap(row.market_cap));
      expect(st.market_cap).to.be.closeTo(row.market_cap, capTolerance(row.market_cap));
      expect(st.change_pct).to.be.closeTo(row.change_pct as number, 0.005 + 1e-9);
      expect(st.score).to.be.closeTo(row.score as number, 0.05 + 1e-9);
      expect(st.price).to.be.closeTo(row.price as number, 0.005 + 1e-9);
      expect(
        decimals(st.change_pct, 2) && decimals(st.price, 2) && decimals(st.score, 1),
        st.ticker,
      ).to.equal(true);
      expect(decimals(st.perf_1w, 4) && decimals(st.perf_1m, 4), st.ticker).to.equal(true);
    }
  });

  it("every sector and industry counts ALL its stocks; a sector's colours are weighted by cap over all of them", async () => {
    const map = Heatmap.parse((await api.get('/api/screener/heatmap?limit=40')).body);
    expect(map.sectors.map((s) => s.sector).sort()).to.deep.equal(
      [...new Set(all.map((r) => r.sector))].sort(),
    );
    expect(map.sectors.reduce((n, s) => n + s.count, 0)).to.equal(all.length);
    expect(map.sectors.reduce((n, s) => n + s.shown, 0)).to.equal(40);
    const shownTickers = new Set(listed(map).map((s) => s.ticker));
    for (const s of map.sectors) {
      const rows = all.filter((r) => r.sector === s.sector);
      const total = rows.reduce((a, r) => a + r.market_cap, 0);
      expect(s.count, s.sector).to.equal(rows.length);
      expect(s.market_cap).to.be.closeTo(total, capTolerance(total));
      expect(s.change_pct).to.be.closeTo(weighted(rows, 'change_pct') as number, 0.005 + 1e-9);
      expect(s.score).to.be.closeTo(weighted(rows, 'score') as number, 0.05 + 1e-9);
      // The rest: the sector's stocks not listed, so that listed + rest = the whole sector.
      const rest = rows.filter((r) => !shownTickers.has(r.ticker));
      expect(s.shown + (s.rest?.count ?? 0)).to.equal(s.count);
      if (rest.length === 0) expect(s.rest).to.equal(null);
      else {
        const restCap = rest.reduce((a, r) => a + r.market_cap, 0);
        expect(s.rest?.count).to.equal(rest.length);
        expect(s.rest?.market_cap).to.be.closeTo(restCap, capTolerance(restCap));
        expect(s.rest?.change_pct).to.be.closeTo(weighted(rest, 'change_pct') as number, 0.005 + 1e-9);
        expect(s.rest?.score).to.be.closeTo(weighted(rest, 'score') as number, 0.05 + 1e-9);
      }
      for (const ind of s.industries) {
        const members = rows.filter((r) => r.industry === ind.industry);
        expect([ind.count, ind.shown]).to.deep.equal([members.length, ind.stocks.length]);
        expect(ind.shown).to.be.greaterThan(0);
        const cap = members.reduce((a, r) => a + r.market_cap, 0);
        expect(ind.market_cap).to.be.closeTo(cap, capTolerance(cap));
      }
    }
  });

  it('without a limit lists every stock (the sample is under 500), largest first at every level', async () => {
    const res = await api.get('/api/screener/heatmap');
    const map = Heatmap.parse(res.body);
    expect([map.limit, map.count, map.shown]).to.deep.equal([500, all.length, all.length]);
    expect(map.sectors.every((s) => s.rest === null && s.shown === s.count)).to.equal(true);
    const desc = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
    expect(desc(map.sectors.map((s) => s.market_cap))).to.equal(true);
    for (const s of map.sectors) {
      expect(desc(s.industries.map((i) => i.market_cap))).to.equal(true);
      for (const i of s.industries) expect(desc(i.stocks.map((x) => x.market_cap))).to.equal(true);
    }
    // Cached like the other screener answers: a hit, its ETag revalidates, a large body goes gzipped.
    const again = await api.get('/api/screener/heatmap', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(again.headers.get('x-cache')).to.equal('HIT');
    expect(again.headers.get('content-encoding')).to.equal('gzip');
    expect(again.body).to.deep.equal(res.body);
    const etag = again.headers.get('etag') as string;
    expect(await revalidate(`${api.url}/api/screener/heatmap`, etag)).to.equal(304);
  });

  it('zooms into one sector (named case-insensitively): only its stocks, the largest `limit` of them', async () => {
    const res = await api.get('/api/screener/heatmap?sector=information%20technology&limit=5');
    expect(res.status).to.equal(200);
    const map = Heatmap.parse(res.body);
    const rows = all.filter((r) => r.sector === 'Information Technology');
    expect([map.sector, map.count, map.shown]).to.deep.equal(['Information Technology', rows.length, 5]);
    expect(map.sectors.map((s) => s.sector)).to.deep.equal(['Information Technology']);
    expect(listed(map).map((s) => s.ticker)).to.have.members(rows.slice(0, 5).map((r) => r.ticker));
    expect(map.sectors[0].rest?.count).to.equal(rows.length - 5);
    // Another spelling of the same sector and limit is the same cached answer.
    const other = await api.get('/api/screener/heatmap?limit=5&sector=INFORMATION%20TECHNOLOGY');
    expect(other.headers.get('x-cache')).to.equal('HIT');
    expect(other.body).to.deep.equal(res.body);
  });

  for (const [query, param] of [
    ['sector=Tech', 'sector'],
    ['sector=', null],
    ['limit=0', 'limit'],
    ['limit=2001', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=5&limit=6', 'limit'],
    ['colour=score', 'colour'],
  ] as const) {
    it(`?${query}: ${param ? `400 naming ${param}` : 'the whole market'}`, async () => {
      const res = await api.get(`/api/screener/heatmap?${query}`);
      if (param === null) {
        expect(res.status).to.equal(200);
        expect(res.body.sector).to.equal(null);
        return;
      }
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_parameter');
      expect(res.body.error.message).to.include(param);
    });
  }
});
