import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { createSqliteTestDb, describeEachDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { bollinger, macd, rsi } from '../analysis/indicators.ts';
import { SORT_KEYS } from '../api/catalog.ts';
import { COMPONENT_KEYS } from '../api/constants.ts';
import { isKnownMetric } from '../api/metrics.ts';
import { ErrorBody } from '../api/shared.ts';
import { invalidateAfterDataChange } from '../cache/keys.ts';
import { fixedClock } from '../clock.ts';
import { parseDatabaseUrl } from '../config.ts';
import { createDb } from '../db/knex.ts';
import { migrateLatest } from '../db/migrate.ts';
import { SECTORS } from '../market/types.ts';
import { STRATEGIES } from '../scoring/strategies.ts';
import { StrategyList, StrategyResult } from '../screener/schemas.ts';
import {
  Leaderboard,
  PriceHistory,
  type PricePoint,
  ScoreHistory,
  SectorList,
  StockDetail,
  StockPage,
  TopStocks,
} from '../stocks/schemas.ts';
import { Health } from '../system/schemas.ts';
import { routeDefs } from './app.ts';

const END_DATE = '2026-11-27';

function expectError(
  res: { status: number; body: { error?: { message?: string } } },
  status: number,
  mention?: string,
) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  const { error } = ErrorBody.parse(res.body);
  expect(error.message)
    .to.be.a('string')
    .and.not.match(/\n\s+at /);
  if (mention) expect(error.message).to.contain(mention);
}

describeEachDatabase('HTTP API', (get) => {
  let api: TestServer;
  let total: number;

  before(async function () {
    this.timeout(120_000);
    await migrateLatest(get().db);
    await seed(get().db, { seed: 'api-test', endDate: END_DATE, historyPoints: 8 });
    api = await startTestServer(get().db);
    total = Number((await get().db('stocks').count({ n: '*' }))[0].n);
  });
  after(async () => {
    await api?.close();
  });

  describe('GET /health', () => {
    it('is healthy with a database check and the data set facts', async () => {
      const res = await api.get('/health');
      expect(res.status).to.equal(200);
      const body = Health.parse(res.body);
      expect(body.status).to.equal('healthy');
      expect(body.checks.database.status).to.equal('up');
      expect(body.data).to.include({ source: 'sample', sample: true, as_of: END_DATE, stocks: total });
    });

    it("counts uptime on the app's clock", async () => {
      const clock = fixedClock('2026-11-27T15:00:00Z');
      const fixed = await startTestServer(get().db, { overrides: { clock } });
      try {
        expect(Health.parse((await fixed.get('/health')).body).uptime_s).to.equal(0);
        clock.advance(90_000);
        expect(Health.parse((await fixed.get('/health')).body).uptime_s).to.equal(90);
      } finally {
        await fixed.close();
      }
    });
  });

  describe('GET /api/stocks', () => {
    it('pages the universe by score, highest first, with every list field', async () => {
      const res = await api.get('/api/stocks');
      expect(res.status).to.equal(200);
      const body = StockPage.parse(res.body);
      expect(body).to.include({ page: 1, size: 20, total, pages: Math.ceil(total / 20) });
      expect(body.items).to.have.length(20);
      for (const item of body.items) {
        for (const k of ['ticker', 'name', 'sector', 'price', 'change_pct', 'market_cap', 'score'] as const) {
          expect(item[k], `${item.ticker}.${k}`).to.not.equal(undefined);
        }
      }
      const scores = body.items.map((i) => i.score as number);
      expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
      expect(body.items[0].rank).to.equal(1);
    });

    it('answers on the trailing-slash form too', async () => {
      const res = await api.get('/api/stocks/');
      expect(res.status).to.equal(200);
      expect(res.body.total).to.equal(total);
    });

    it('returns a short last page and an empty page past the end', async () => {
      const size = 30;
      const lastPage = Math.ceil(total / size);
      const last = await api.get(`/api/stocks?size=${size}&page=${lastPage}`);
      expect(last.body.items).to.have.length(total - size * (lastPage - 1));
      const past = await api.get(`/api/stocks?size=${size}&page=${lastPage + 1}`);
      expect(past.status).to.equal(200);
      expect(past.body.items).to.deep.equal([]);
      expect(past.body.total).to.equal(total);
    });

    it('walks every page exactly once', async () => {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const res = await api.get(`/api/stocks?size=37&page=${page}&sort=market_cap`);
        if (res.body.items.length === 0) break;
        seen.push(...res.body.items.map((i: { ticker: string }) => i.ticker));
      }
      expect(seen).to.have.length(total);
      expect(new Set(seen).size).to.equal(total);
    });

    it('sorts by any listed column in either order', async () => {
      const byName = (await api.get('/api/stocks?sort=name&order=asc&size=100')).body.items.map(
        (i: { name: string }) => i.name,
      );
      expect(byName).to.deep.equal([...byName].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
      const byCap = (await api.get('/api/stocks?sort=market_cap&order=desc&size=100')).body.items.map(
        (i: { market_cap: number }) => i.market_cap,
      );
      expect(byCap).to.deep.equal([...byCap].sort((a: number, b: number) => b - a));
      const byPriceAsc = (await api.get('/api/stocks?sort=price&order=asc&size=100')).body.items.map(
        (i: { price: number }) => i.price,
      );
      expect(byPriceAsc).to.deep.equal([...byPriceAsc].sort((a: number, b: number) => a - b));
      for (const col of SORT_KEYS) {
        expect((await api.get(`/api/stocks?sort=${col}`)).status, col).to.equal(200);
      }
    });

    it('filters by sector (case-insensitive), text and score range', async () => {
      const tech = await api.get('/api/stocks?sector=information%20technology&size=100');
      expect(tech.status).to.equal(200);
      expect(tech.body.total).to.be.greaterThan(0);
      expect(
        tech.body.items.every((i: { sector: string }) => i.sector === 'Information Technology'),
      ).to.equal(true);

      const byTicker = await api.get('/api/stocks?q=aapl');
      expect(byTicker.body.items.map((i: { ticker: string }) => i.ticker)).to.include('AAPL');
      const byName = await api.get('/api/stocks?q=Microsoft');
      expect(byName.body.items.map((i: { ticker: string }) => i.ticker)).to.deep.equal(['MSFT']);
      const wildcard = await api.get('/api/stocks?q=%25');
      expect(wildcard.body.total).to.equal(0);

      const band = await api.get('/api/stocks?min_score=40&max_score=60&size=100');
      expect(band.body.total).to.be.greaterThan(0);
      for (const i of band.body.items) expect(i.score).to.be.within(40, 60);
    });

    it('rejects bad parameters with 400 naming the parameter', async () => {
      expectError(await api.get('/api/stocks?size=101'), 400, 'size');
      expectError(await api.get('/api/stocks?size=0'), 400, 'size');
      expectError(await api.get('/api/stocks?page=0'), 400, 'page');
      expectError(await api.get('/api/stocks?page=abc'), 400, 'page');
      expectError(await api.get('/api/stocks?page=1.5'), 400, 'page');
      expectError(await api.get('/api/stocks?sort=password'), 400, 'sort');
      expectError(await api.get('/api/stocks?order=sideways'), 400, 'order');
      expectError(await api.get('/api/stocks?sector=Crypto'), 400, 'sector');
      expectError(await api.get('/api/stocks?min_score=101'), 400, 'min_score');
      expectError(await api.get('/api/stocks?min_score=ten'), 400, 'min_score');
      expectError(await api.get('/api/stocks?min_score=70&max_score=20'), 400, 'min_score');
      expectError(await api.get('/api/stocks?page=1&page=2'), 400, 'page');
    });
  });

  describe('GET /api/stocks/:ticker', () => {
    it('gives the detail with score, components, explanation, quote and fundamentals', async () => {
      const res = await api.get('/api/stocks/aapl');
      expect(res.status).to.equal(200);
      const body = StockDetail.parse(res.body);
      expect(body.ticker).to.equal('AAPL');
      expect(body.sector).to.equal('Information Technology');
      expect(body.score).to.be.within(0, 100);
      expect(body.components).to.have.all.keys(COMPONENT_KEYS);
      expect(body.explanation?.summary).to.be.a('string').with.length.greaterThan(10);
      expect(body.explanation?.components).to.have.length(6);
      expect(body.quote.price).to.be.greaterThan(0);
      expect(body.quote.as_of).to.equal(END_DATE);
      expect(body.fundamentals.market_cap).to.be.greaterThan(1e11);
      expect(body.universe_size).to.equal(total);
      expect(body.source).to.equal('sample');
    });

    it('marks gross margin not applicable for banks and insurers (null with the reason), not 100 %', async () => {
      for (const ticker of ['JPM', 'BRK.B']) {
        const body = StockDetail.parse((await api.get(`/api/stocks/${ticker}`)).body);
        expect(body.fundamentals.gross_margin, ticker).to.equal(null);
        expect(body.not_applicable.gross_margin, ticker).to.match(/no cost of goods sold/);
        const stored = await get().db('stocks').where({ ticker }).first('gross_margin');
        expect(stored?.gross_margin, ticker).to.equal(null);
      }
      const apple = StockDetail.parse((await api.get('/api/stocks/AAPL')).body);
      expect(apple.fundamentals.gross_margin).to.be.within(0.3, 0.6);
      expect(apple.not_applicable).to.deep.equal({});
    });

    it('is 404 for an unknown ticker, and for SQL in the ticker, which changes nothing', async () => {
      expectError(await api.get('/api/stocks/ZZZZZ'), 404, 'ZZZZZ');
      expectError(await api.get(`/api/stocks/${encodeURIComponent("'; DROP TABLE stocks;--")}`), 404);
      expectError(await api.get(`/api/stocks/${encodeURIComponent("AAPL' OR '1'='1")}/prices`), 404);
      expect(Number((await get().db('stocks').count({ n: '*' }))[0].n)).to.equal(total);
    });
  });

  describe('GET /api/stocks/:ticker/prices', () => {
    it('defaults to one year of daily bars with SMA 50/200', async () => {
      const res = await api.get('/api/stocks/MSFT/prices');
      expect(res.status).to.equal(200);
      const body = PriceHistory.parse(res.body);
      expect(body.to).to.equal(END_DATE);
      expect(body.items.length).to.be.within(245, 255);
      const last = body.items[body.items.length - 1];
      expect(last.sma50).to.be.a('number');
      expect(last.sma200).to.be.a('number');
      const dates = body.items.map((p) => p.date);
      expect(dates).to.deep.equal([...dates].sort());
    });

    it('computes SMA 50 as the mean of the last 50 closes', async () => {
      const all = (await api.get('/api/stocks/MSFT/prices?range=max')).body.items as PricePoint[];
      const i = all.length - 1;
      const mean = all.slice(i - 49, i + 1).reduce((t, p) => t + p.close, 0) / 50;
      expect(all[i].sma50).to.be.closeTo(mean, 1e-3);
      expect(all[48].sma50).to.equal(null);
      expect(all[49].sma50).to.be.a('number');
    });

    it('takes a range or from/to', async () => {
      const month = await api.get('/api/stocks/MSFT/prices?range=1m');
      expect(month.body.items.length).to.be.within(18, 23);
      const window = await api.get('/api/stocks/MSFT/prices?from=2026-11-02&to=2026-11-06');
      expect(window.body.items.map((p: { date: string }) => p.date)).to.deep.equal([
        '2026-11-02',
        '2026-11-03',
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
      ]);
    });

    it('adds RSI(14), MACD(12,26,9) and Bollinger(20,2) over the whole history on request', async () => {
      const all = PriceHistory.parse(
        (await api.get('/api/stocks/MSFT/prices?range=max&indicators=rsi,macd,bb')).body,
      ).items;
      const closes = all.map((p) => p.close);
      const wantRsi = rsi(closes, 14);
      const wantMacd = macd(closes, 12, 26, 9);
      const wantBands = bollinger(closes, 20, 2);
      const i = all.length - 1;
      expect(all[i].rsi14).to.be.closeTo(wantRsi[i] as number, 0.006);
      expect(all[i].macd).to.be.closeTo(wantMacd.macd[i] as number, 1e-4);
      expect(all[i].macd_signal).to.be.closeTo(wantMacd.signal[i] as number, 1e-4);
      expect(all[i].macd_hist).to.be.closeTo(wantMacd.histogram[i] as number, 1e-4);
      expect(all[i].bb_upper).to.be.closeTo(wantBands.upper[i] as number, 1e-4);
      expect(all[i].bb_lower).to.be.closeTo(wantBands.lower[i] as number, 1e-4);
      expect([all[13].rsi14, all[18].bb_middle, all[32].macd_signal]).to.deep.equal([null, null, null]);
      // A range's first days carry the values computed over the history before them.
      const month = PriceHistory.parse(
        (await api.get('/api/stocks/MSFT/prices?range=1m&indicators=rsi')).body,
      );
      const first = all.findIndex((p) => p.date === month.items[0].date);
      expect(month.items[0].rsi14).to.equal(all[first].rsi14);
      expect(month.items[0]).to.not.have.property('macd');
      const plain = (await api.get('/api/stocks/MSFT/prices?range=1m')).body.items[0];
      expect(plain).to.not.have.any.keys('rsi14', 'macd', 'bb_upper');
      expectError(await api.get('/api/stocks/MSFT/prices?indicators=rsi,vwap'), 400, 'indicators');
    });

    it('is cached per range and indicator list, and a data change brings the new bars', async () => {
      const url = '/api/stocks/MSFT/prices?range=1m&indicators=bb';
      await api.ctx.cache.invalidate('stocks:prices:*');
      const [a, b] = [await api.get(url), await api.get(url)];
      expect([a.headers.get('x-cache'), b.headers.get('x-cache')]).to.deep.equal(['MISS', 'HIT']);
      const window = await api.get('/api/stocks/MSFT/prices?from=2026-11-02&to=2026-11-06');
      expect(window.headers.get('x-cache')).to.equal('HIT'); // cut from the cached whole series
      const last = a.body.items.at(-1) as PricePoint;
      await get()
        .db('daily_prices')
        .where({ ticker: 'MSFT', date: last.date })
        .update({ close: last.close + 1 });
      try {
        expect((await api.get(url)).body.items.at(-1).close).to.equal(last.close);
        await invalidateAfterDataChange(api.ctx.cache);
        const fresh = await api.get(url);
        expect(fresh.headers.get('x-cache')).to.equal('MISS');
        expect(fresh.body.items.at(-1).close).to.equal(last.close + 1);
      } finally {
        await get()
          .db('daily_prices')
          .where({ ticker: 'MSFT', date: last.date })
          .update({ close: last.close });
        await invalidateAfterDataChange(api.ctx.cache);
      }
    });

    it('rejects bad ranges and dates', async () => {
      expectError(await api.get('/api/stocks/MSFT/prices?range=5y'), 400, 'range');
      expectError(await api.get('/api/stocks/MSFT/prices?from=2026-13-01'), 400, 'from');
      expectError(await api.get('/api/stocks/MSFT/prices?from=2026-02-30'), 400, 'from');
      expectError(await api.get('/api/stocks/MSFT/prices?from=2026-11-10&to=2026-11-01'), 400, 'from');
      expectError(await api.get('/api/stocks/MSFT/prices?range=1m&from=2026-01-01'), 400, 'range');
      expectError(await api.get('/api/stocks/NOPE/prices'), 404);
    });
  });

  describe('GET /api/stocks/:ticker/scores', () => {
    it('gives the score history oldest first, ending with the current score', async () => {
      const res = await api.get('/api/stocks/JPM/scores');
      const body = ScoreHistory.parse(res.body);
      expect(body.items.length).to.be.greaterThan(1);
      const dates = body.items.map((p) => p.date);
      expect(dates).to.deep.equal([...dates].sort());
      const detail = (await api.get('/api/stocks/JPM')).body;
      expect(body.items[body.items.length - 1]).to.include({ date: END_DATE, score: detail.score });
      expectError(await api.get('/api/stocks/NOPE/scores'), 404);
      expectError(await api.get('/api/stocks/JPM/scores?limit=0'), 400, 'limit');
    });
  });

  describe('top, leaderboard and route order', () => {
    it('GET /api/stocks/top gives the highest scores first and is not read as a ticker', async () => {
      const res = await api.get('/api/stocks/top?limit=5');
      const body = TopStocks.parse(res.body);
      expect(body.items).to.have.length(5);
      expect(body.items.map((i) => i.rank)).to.deep.equal([1, 2, 3, 4, 5]);
      expect((await api.get('/api/stocks/top')).body.items).to.have.length(10);
      expectError(await api.get('/api/stocks/top?limit=0'), 400, 'limit');
      expectError(await api.get('/api/stocks/top?limit=101'), 400, 'limit');
    });

    it('GET /api/stocks/leaderboard/top groups by sector, or ranks one sector', async () => {
      const grouped = Leaderboard.parse((await api.get('/api/stocks/leaderboard/top?limit=3')).body);
      expect(grouped.groups.map((g) => g.sector)).to.deep.equal([...SECTORS]);
      for (const g of grouped.groups) {
        expect(g.items.length).to.be.within(1, 3);
        expect(g.items.every((i) => i.sector === g.sector)).to.equal(true);
        const sc = g.items.map((i) => i.score as number);
        expect(sc).to.deep.equal([...sc].sort((a, b) => b - a));
      }
      const energy = Leaderboard.parse(
        (await api.get('/api/stocks/leaderboard/top?sector=Energy&limit=4')).body,
      );
      expect(energy.sector).to.equal('Energy');
      expect(energy.items).to.have.length(4);
      expect(energy.items.every((i) => i.sector === 'Energy')).to.equal(true);
      expectError(await api.get('/api/stocks/leaderboard/top?sector=Nope'), 400, 'sector');
    });

    it('keeps fixed paths from being read as tickers', async () => {
      expect((await api.get('/api/stocks/screener/strategies')).status).to.equal(200);
      expect((await api.get('/api/stocks/leaderboard/top')).status).to.equal(200);
      expectError(await api.get('/api/stocks/leaderboard'), 404);
    });
  });

  describe('screener', () => {
    it('lists the strategy registry with descriptions and rules', async () => {
      const body = StrategyList.parse((await api.get('/api/stocks/screener/strategies')).body);
      const ids = body.items.map((i) => i.id);
      for (const id of [
        'value',
        'growth',
        'momentum',
        'dividend',
        'quality',
        'garp',
        'piotroski',
        'magic-formula',
      ]) {
        expect(ids).to.include(id);
      }
      for (const item of body.items) {
        expect(item.description.length, item.id).to.be.greaterThan(20);
        expect(item.rules.length, item.id).to.be.greaterThan(0);
      }
    });

    it("lists each strategy's matches, and how many stocks each rule excludes", async () => {
      const list = StrategyList.parse((await api.get('/api/stocks/screener/strategies')).body);
      for (const item of list.items) {
        const run = StrategyResult.parse(
          (await api.get(`/api/stocks/screener/strategies/${item.id}?limit=1`)).body,
        );
        expect(item.matches, item.id).to.equal(run.total_matches);
        expect(item.screened, item.id).to.equal(total);
        expect(item.excluded_by.map((e) => e.rule)).to.deep.equal(item.rules);
        for (const e of item.excluded_by) expect(e.excluded).to.be.within(0, total - item.matches);
        expect(run.strategy.excluded_by).to.deep.equal(item.excluded_by);
      }
      // Graham's seven tests leave out most of the sample universe, and say which rule did.
      const graham = list.items.find((i) => i.id === 'graham-defensive')!;
      expect(graham.matches).to.be.below(total / 10);
      expect(Math.max(...graham.excluded_by.map((e) => e.excluded))).to.be.greaterThan(total / 2);
    });

    it('runs every strategy and ranks its matches', async () => {
      for (const strategy of STRATEGIES) {
        const res = await api.get(`/api/stocks/screener/strategies/${strategy.id}?limit=10`);
        expect(res.status, strategy.id).to.equal(200);
        const body = StrategyResult.parse(res.body);
        expect(body.strategy.id).to.equal(strategy.id);
        expect(body.items.length).to.be.at.most(10);
        expect(body.items.map((i) => i.rank)).to.deep.equal(body.items.map((_, k) => k + 1));
        expect(body.total_matches).to.be.at.least(body.items.length);
      }
    });

    it('answers 404 for an unknown strategy (naming the known ones) and 400 for a bad limit', async () => {
      const unknown = await api.get('/api/stocks/screener/strategies/astrology');
      expectError(unknown, 404, 'astrology');
      expect(JSON.stringify(unknown.body)).to.include('piotroski');
      expectError(await api.get('/api/stocks/screener/strategies/value?limit=-1'), 400, 'limit');
    });
  });

  describe('GET /api/sectors', () => {
    it('summarises all 11 sectors and covers the universe', async () => {
      const body = SectorList.parse((await api.get('/api/sectors')).body);
      expect(body.items.map((i) => i.sector)).to.deep.equal([...SECTORS]);
      expect(body.items.reduce((t, i) => t + i.count, 0)).to.equal(total);
      for (const i of body.items) {
        expect(i.avg_score).to.be.within(0, 100);
        expect(i.top?.ticker).to.be.a('string');
      }
    });

    it('is computed once per data change', async () => {
      await invalidateAfterDataChange(api.ctx.cache);
      const [a, b] = [await api.get('/api/sectors'), await api.get('/api/sectors')];
      expect([a.headers.get('x-cache'), b.headers.get('x-cache')]).to.deep.equal(['MISS', 'HIT']);
      expect(b.body).to.deep.equal(a.body);
    });
  });

  describe('OpenAPI and docs', () => {
    it('documents every route with its parameters', async () => {
      const doc = (await api.get('/openapi.json')).body;
      expect(doc.openapi).to.equal('3.1.0');
      const expected = [
        '/health',
        '/livez',
        '/readyz',
        '/api/stocks',
        '/api/stocks/top',
        '/api/stocks/leaderboard/top',
        '/api/stocks/screener/strategies',
        '/api/stocks/screener/strategies/{strategy}',
        '/api/stocks/{ticker}',
        '/api/stocks/{ticker}/prices',
        '/api/stocks/{ticker}/scores',
        '/api/sectors',
        '/api/screener/metrics',
        '/api/screener/heatmap',
        '/api/market/status',
        '/api/backtest/score',
        '/api/system/cache',
        '/api/system/jobs',
      ];
      expect(Object.keys(doc.paths).sort()).to.deep.equal([...expected].sort());
      const listParams = doc.paths['/api/stocks'].get.parameters.map((p: { name: string }) => p.name);
      expect(listParams).to.include.members([
        'page',
        'size',
        'sector',
        'q',
        'min_score',
        'max_score',
        'sort',
        'order',
      ]);
      const sortParam = doc.paths['/api/stocks'].get.parameters.find(
        (p: { name: string }) => p.name === 'sort',
      );
      expect(sortParam.schema.enum).to.deep.equal([...SORT_KEYS]);
      // Every bound is documented with its unit.
      const peMin = doc.paths['/api/stocks'].get.parameters.find(
        (p: { name: string }) => p.name === 'pe_min',
      );
      expect(peMin.schema.type).to.equal('number');
      expect(peMin.description).to.include('P/E').and.include('15 = 15x');
      expect(listParams).to.include.members([
        'columns',
        'cap',
        'industry',
        'exchange',
        'roe_min',
        'perf_ytd_max',
      ]);
      expect(doc.paths['/api/stocks/{ticker}'].get.responses['404']).to.not.equal(undefined);
      expect(doc.components.schemas).to.include.keys('StockDetail', 'StockPage', 'Error');
    });

    it('is a valid OpenAPI 3.1 document (checked against the published schema)', async () => {
      const doc = (await api.get('/openapi.json')).body;
      const validator = new Validator();
      const result = await validator.validate(doc);
      expect(result.errors ?? [], JSON.stringify(result.errors)).to.deep.equal([]);
      expect(result.valid).to.equal(true);
      expect(validator.version).to.equal('3.1');
    });

    it('serves the interactive viewer', async () => {
      const page = await api.get('/docs');
      expect(page.status).to.equal(200);
      expect(page.body).to.contain('swagger-ui');
      const bundle = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
      expect(bundle.status).to.equal(200);
      expect((await bundle.text()).length).to.be.greaterThan(100_000);
    });
  });

  describe('every documented route', () => {
    it('answers with exactly its declared response schema (nothing undocumented)', async () => {
      const doc = (await api.get('/openapi.json')).body as { paths: Record<string, unknown> };
      const defs = routeDefs(api.ctx);
      expect(defs.map((d) => d.path.replace(/:([A-Za-z_]+)/g, '{$1}')).sort()).to.deep.equal(
        Object.keys(doc.paths).sort(),
      );
      const sample: Record<string, string> = { ticker: 'AAPL', strategy: 'piotroski' };
      for (const def of defs) {
        const url = def.path.replace(/:([A-Za-z_]+)/g, (_, k: string) => sample[k]);
        const res = def.admin ? await api.admin(url) : await api.get(url);
        expect(res.status, url).to.equal(200);
        const parsed = def.response.safeParse(res.body);
        expect(parsed.success, `${url}: ${parsed.error?.message}`).to.equal(true);
        // zod drops unknown keys: equal only when the body holds nothing undeclared.
        expect(JSON.parse(JSON.stringify(parsed.data)), url).to.deep.equal(res.body);
      }
    });

    it('types every metric with its label and format', async () => {
      const body = StockDetail.parse((await api.get('/api/stocks/AAPL')).body);
      expect(body.metrics?.piotroskiF).to.include({ label: 'Piotroski F-score', format: 'int' });
      expect(body.metrics?.revenue.format).to.equal('big_money');
      for (const c of body.explanation?.components ?? []) {
        for (const d of c.drivers) expect(isKnownMetric(d.metric), d.metric).to.equal(true);
      }
    });
  });

  describe('request scope', () => {
    it("returns the caller's X-Request-Id, or a new one when absent or not a sane token", async () => {
      const given = await api.get('/api/stocks/top?limit=1', { headers: { 'X-Request-Id': 'abc-123.def' } });
      expect(given.headers.get('x-request-id')).to.equal('abc-123.def');
      const none = await api.get('/api/stocks/top?limit=1');
      expect(none.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      for (const bad of ['x'.repeat(129), 'has space', 'semi;colon']) {
        const res = await api.get('/health', { headers: { 'X-Request-Id': bad } });
        expect(res.headers.get('x-request-id'), bad).to.match(/^[0-9a-f-]{36}$/);
      }
    });

    it('logs each request with its id, method, route pattern, status and time', async () => {
      await api.get('/api/sectors', { headers: { 'X-Request-Id': 'log-check-1' } });
      const line = api.logged.find((l) => l.reqId === 'log-check-1' && l.msg === 'request');
      expect(line).to.include({ method: 'GET', route: '/api/sectors', status: 200, level: 'info' });
      expect(line?.ms).to.be.a('number');
    });

    it('sends X-Cache from the service on cached routes only', async () => {
      await api.ctx.cache.invalidate('screener:*');
      const first = await api.get('/api/stocks/screener/strategies/value?limit=1');
      const second = await api.get('/api/stocks/screener/strategies/value?limit=1');
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).to.deep.equal(['MISS', 'HIT']);
      expect(second.body).to.deep.equal(first.body);
      expect((await api.get('/api/market/status')).headers.get('x-cache')).to.equal(null);
    });
  });

  describe('errors', () => {
    it('renders unknown routes and wrong methods as JSON errors', async () => {
      expectError(await api.get('/api/nothing-here'), 404);
      const res = await fetch(`${api.url}/api/stocks`, { method: 'POST' });
      expect(res.status).to.equal(405);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('method_not_allowed');
    });
  });
});

describe('HTTP API failure modes', () => {
  it('answers 503 unhealthy when the database is unreachable', async () => {
    const db = createDb(parseDatabaseUrl('postgres://nobody@127.0.0.1:1/none'));
    const api = await startTestServer(db);
    try {
      const res = await api.get('/health');
      expect(res.status).to.equal(503);
      expect(res.body.status).to.equal('unhealthy');
      expect(res.body.checks.database.status).to.equal('down');
      // A code, not the driver's message: no host, no port.
      expect(res.body.checks.database.detail).to.equal('unreachable (ECONNREFUSED)');
      expect(JSON.stringify(res.body)).to.not.match(/127\.0\.0\.1|:1\b|nobody/);
    } finally {
      await api.close();
      await db.destroy();
    }
  });

  it('turns an unexpected error into a generic 500 and logs it', async () => {
    const tdb = await createSqliteTestDb(); // no migrations: every query fails
    const api = await startTestServer(tdb.db);
    try {
      const res = await api.get('/api/stocks');
      expectError(res, 500);
      expect(res.body.error).to.deep.equal({ code: 'internal_error', message: 'Internal server error' });
      expect(JSON.stringify(res.body)).to.not.contain('no such table');
      const line = api.logged.find((l) => l.level === 'error' && l.msg === 'unhandled error');
      expect(line, JSON.stringify(api.logged)).to.not.equal(undefined);
      expect((line?.err as { message?: string })?.message).to.contain('no such table');
      expect(line?.reqId).to.equal(res.headers.get('x-request-id'));
    } finally {
      await api.close();
      await tdb.dispose();
    }
  });
});
