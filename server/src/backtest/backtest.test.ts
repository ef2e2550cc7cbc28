import { expect } from 'chai';
import type { Knex } from 'knex';
import { sampleRankCorrelation } from 'simple-statistics';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { createSqliteTestDb, describeEachDatabase, type TestDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { ErrorBody } from '../api/shared.ts';
import { migrateLatest } from '../db/migrate.ts';
import { backfillMonthEnds } from '../scoring-runs/recompute.ts';
import { ScoreBacktest } from './schemas.ts';

const END_DATE = '2026-11-27';

describeEachDatabase('GET /api/backtest/score', (get) => {
  let api: TestServer;

  before(async function () {
    this.timeout(180_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'backtest-test', endDate: END_DATE });
    api = await startTestServer(get().db);
  });
  after(async function () {
    this.timeout(60_000); // under 1 s on an idle machine; a busy one has taken over 20 s
    await api?.close();
  });

  it('answers from month-end snapshots, most of them backfilled point in time, cached until the data changes', async () => {
    const first = await api.get('/api/backtest/score');
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.headers.get('x-cache')).to.equal('MISS');
    const body = ScoreBacktest.parse(first.body);
    expect(body.sample).to.equal(true);
    // Two years of sample prices: the month-ends from the first with a year before it.
    expect(body.formation.dates).to.be.within(11, 14);
    expect(body.formation.backfilled).to.be.greaterThan(body.formation.dates - 2);
    expect(body.formation.last?.slice(0, 7)).to.equal(END_DATE.slice(0, 7));
    const [m1, m3] = body.horizons;
    expect([m1.horizon, m3.horizon]).to.deep.equal(['1m', '3m']);
    // A formation date counts once 21 (63) sessions of bars follow it: count them from the bars.
    const barDates = (await get().db('daily_prices').distinct('date').orderBy('date')).map((r) =>
      String(r.date),
    );
    const snapshotDates = (await get().db('score_snapshots').distinct('date').orderBy('date')).map((r) =>
      String(r.date),
    );
    const monthEnds = snapshotDates.filter((d, i) => snapshotDates[i + 1]?.slice(0, 7) !== d.slice(0, 7));
    const complete = (sessions: number) =>
      monthEnds.filter((d) => barDates.filter((b) => b > d).length >= sessions).length;
    expect(monthEnds).to.have.length(body.formation.dates);
    expect(m1.dates).to.equal(complete(21));
    expect(m3.dates).to.equal(complete(63));
    expect(m3.dates).to.be.lessThan(m1.dates);
    expect(m1.deciles.map((d) => d.decile)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m1.top_decile.hit_rate).to.be.within(0, 1);
    expect(m1.top_decile.turnover).to.be.within(0, 1);
    expect(m1.ic.series).to.have.length(m1.dates);
    for (const p of m1.ic.series) expect(p.ic).to.be.within(-1, 1);
    const again = await api.get('/api/backtest/score');
    expect(again.headers.get('x-cache')).to.equal('HIT');
    expect(again.body).to.deep.equal(first.body);
  });

  it("each date's IC is the rank correlation of the stored scores and the returns read straight from the bars", async () => {
    const { body } = await api.get('/api/backtest/score');
    const point = ScoreBacktest.parse(body).horizons[0].ic.series[0];
    const { db } = get();
    const scores = await db('score_snapshots').where('date', point.date).select('ticker', 'score');
    const x: number[] = [];
    const y: number[] = [];
    for (const s of scores) {
      const bars = await db('daily_prices')
        .where('ticker', s.ticker)
        .andWhere('date', '>=', point.date)
        .orderBy('date')
        .limit(22)
        .select('date', 'close');
      if (bars.length < 22 || String(bars[0].date) !== point.date) continue;
      x.push(Number(s.score));
      y.push(Number(bars[21].close) / Number(bars[0].close) - 1);
    }
    expect(point.stocks).to.equal(x.length);
    expect(point.ic).to.be.closeTo(sampleRankCorrelation(x, y), 1e-12);
  });

  it('takes no query parameters: an unknown one is a 400 naming it', async () => {
    const res = await api.get('/api/backtest/score?horizon=6m');
    expect(res.status).to.equal(400);
    expect(ErrorBody.parse(res.body).error.message).to.contain('horizon');
  });
});

describe('month-end backfill is point in time', () => {
  let dbs: TestDatabase[] = [];
  after(async () => {
    for (const d of dbs) await d.dispose();
    dbs = [];
  });

  async function seeded(): Promise<Knex> {
    const t = await createSqliteTestDb();
    dbs.push(t);
    await migrateLatest(t.db);
    await seed(t.db, { seed: 'pit-test', endDate: END_DATE, historyPoints: 0 });
    return t.db;
  }

  /** The backfilled scores on `date`, by ticker. */
  async function scoresOn(db: Knex, date: string): Promise<Record<string, number>> {
    const rows = await db('score_snapshots').where({ date, source: 'backfill' }).select('ticker', 'score');
    return Object.fromEntries(rows.map((r) => [r.ticker, Number(r.score)]));
  }

  it('a score dated D is the same when prices after D and fiscal years reported after D are changed, and not when a price before D is', async function () {
    this.timeout(180_000);
    const clean = await seeded();
    const { dates } = await backfillMonthEnds(clean);
    expect(dates.length).to.be.greaterThan(6);
    const d = dates[2];
    const reference = await scoresOn(clean, d);
    expect(Object.keys(reference).length).to.be.greaterThan(100);
    expect(await backfillMonthEnds(clean), 'a second run writes nothing').to.deep.equal({
      dates: [],
      snapshots: 0,
    });

    // The future, planted: every close after D tripled, every fiscal year not reported by D
    // (the scorer counts a year as reported from April 1 of the next) with ten times the EPS.
    const planted = await seeded();
    await planted('daily_prices')
      .where('date', '>', d)
      .update({ close: planted.raw('close * 3') });
    const reportedBy = Number(d.slice(0, 4)) - (d.slice(5) < '04-01' ? 2 : 1);
    const changedYears = await planted('financials')
      .where('fiscal_year', '>', reportedBy)
      .update({ eps: planted.raw('eps * 10'), revenue: planted.raw('revenue * 10') });
    expect(changedYears).to.be.greaterThan(0);
    // The price windows the scorer reads for the latest score are not used by the backfill.
    await backfillMonthEnds(planted);
    expect(await scoresOn(planted, d)).to.deep.equal(reference);

    // The control: a close before D does change the score, so the comparison above can fail.
    const past = await seeded();
    const firstBar = await past('daily_prices').min({ d: 'date' });
    const early = String(firstBar[0].d);
    await past('daily_prices')
      .where('date', '<=', d)
      .andWhere('date', '>', early)
      .update({ close: past.raw('close * (1 + (length(ticker) % 3) * 0.2)') });
    await backfillMonthEnds(past);
    expect(await scoresOn(past, d)).to.not.deep.equal(reference);
  });
});
