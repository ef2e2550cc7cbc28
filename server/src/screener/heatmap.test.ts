import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { migrateLatest } from '../db/migrate.ts';
import { Heatmap } from './schemas.ts';

describeEachDatabase('GET /api/screener/heatmap', (get) => {
  let api: TestServer;
  before(async function () {
    this.timeout(120_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'heatmap-test', endDate: '2026-11-27', historyPoints: 0 });
    api = await startTestServer(get().db);
  });
  after(async () => {
    await api?.close();
  });

  it('holds every stock with a market cap once, under its own sector and industry, with the stored figures', async () => {
    const res = await api.get('/api/screener/heatmap');
    expect(res.status).to.equal(200);
    const map = Heatmap.parse(res.body);
    const rows = await get()
      .db('stocks')
      .leftJoin('scores', 'scores.ticker', 'stocks.ticker')
      .whereNotNull('stocks.market_cap')
      .andWhere('stocks.market_cap', '>', 0)
      .select('stocks.ticker', 'sector', 'industry', 'market_cap', 'change_pct', 'price', 'score');
    const byTicker = new Map(rows.map((r) => [r.ticker, r]));
    const seen = new Set<string>();
    for (const s of map.sectors)
      for (const ind of s.industries)
        for (const st of ind.stocks) {
          const row = byTicker.get(st.ticker);
          expect(row, st.ticker).to.not.equal(undefined);
          expect([s.sector, ind.industry]).to.deep.equal([row.sector, row.industry]);
          expect(st.market_cap).to.be.closeTo(Number(row.market_cap), 1e-6);
          expect(st.change_pct).to.be.closeTo(Number(row.change_pct), 1e-4); // the table keeps 4 decimals
          expect(st.score).to.be.closeTo(Number(row.score), 1e-4);
          expect(seen.has(st.ticker), `${st.ticker} twice`).to.equal(false);
          seen.add(st.ticker);
        }
    expect(seen.size).to.equal(rows.length);
    expect(map.stocks).to.equal(rows.length);
  });

  it("each group's cap is the sum of its members', largest first at every level", async () => {
    const map = Heatmap.parse((await api.get('/api/screener/heatmap')).body);
    const desc = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
    expect(desc(map.sectors.map((s) => s.market_cap))).to.equal(true);
    for (const s of map.sectors) {
      expect(s.market_cap).to.be.closeTo(
        s.industries.reduce((a, i) => a + i.market_cap, 0),
        1,
      );
      expect(desc(s.industries.map((i) => i.market_cap))).to.equal(true);
      for (const i of s.industries) {
        expect(i.market_cap).to.be.closeTo(
          i.stocks.reduce((a, x) => a + x.market_cap, 0),
          1,
        );
        expect(desc(i.stocks.map((x) => x.market_cap))).to.equal(true);
      }
    }
    expect((await api.get('/api/screener/heatmap')).headers.get('x-cache')).to.equal('HIT');
  });
});
