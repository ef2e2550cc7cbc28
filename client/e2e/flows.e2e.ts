/**
 * What a new user hit, each as the journey that showed it: moving between two stock pages,
 * the stocks table and the navigation on a laptop and a phone, the status page's optional
 * endpoints, the screener's counts and compact results, score colours and the score history's
 * explanation of a day's move, and the backtest page.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'chai';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { flushTasks, painted, SCREENSHOT_DIR, type Stack, skipReason, startStack } from './harness.ts';

const reason = skipReason();
const title = reason ? `user journeys (skipped: ${reason})` : 'user journeys (real API + Vite + Chromium)';

/** Whether the centre of the element is on screen and not covered or clipped (runs in the page). */
function visibleAtCentre(el: Element): boolean {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false;
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === el || el.contains(hit));
}

describe(title, function () {
  this.timeout(120_000);
  let stack: Stack | undefined;
  const contexts: BrowserContext[] = [];
  const url = (p: string) => `${stack!.baseUrl}${p}`;

  before(async function () {
    if (reason) this.skip();
    this.timeout(240_000);
    stack = await startStack();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await stack?.close();
  });

  async function open(width = 1366, height = 900): Promise<{ page: Page; errors: string[] }> {
    const phone = width < 600;
    const context = await stack!.browser.newContext({
      viewport: { width, height },
      isMobile: phone,
      hasTouch: phone,
    });
    contexts.push(context);
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    return { page, errors };
  }

  const chartDrawn = (page: Page, name: RegExp) =>
    Promise.all([
      page.locator('h1', { hasText: name }).waitFor(),
      page.waitForFunction(
        () => Number(document.querySelector('.chart-canvas')?.getAttribute('data-points')) > 100,
      ),
    ]);

  it('1. stock page → stock page (jump box, Back, Forward, a link) keeps the chart and raises no error', async () => {
    const { page, errors } = await open();
    await page.goto(url('/stocks/AAPL'));
    await chartDrawn(page, /Apple/);
    // The jump box: / then a ticker and Enter.
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    await page.keyboard.type('MSFT');
    await page.locator('#ticker-jump-list [role="option"]', { hasText: 'MSFT' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/stocks/MSFT');
    await chartDrawn(page, /Microsoft/);
    await page.goBack();
    await page.waitForURL('**/stocks/AAPL');
    await chartDrawn(page, /Apple/);
    await page.goForward();
    await page.waitForURL('**/stocks/MSFT');
    await chartDrawn(page, /Microsoft/);
    // A suggestion clicked with the mouse.
    await page.locator('#ticker-jump').fill('NVDA');
    await page.locator('#ticker-jump-list [role="option"]', { hasText: 'NVDA' }).first().click();
    await page.waitForURL('**/stocks/NVDA');
    await chartDrawn(page, /NVIDIA/);
    // A plain link inside a stock's page to another stock's page (the router handles the click).
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/stocks/JNJ';
      a.id = 'to-jnj';
      a.textContent = 'JNJ';
      document.querySelector('main')?.prepend(a);
    });
    await page.locator('#to-jnj').click();
    await page.waitForURL('**/stocks/JNJ');
    await chartDrawn(page, /Johnson/);
    // The range is in the URL: Back first returns to the default range, then to NVIDIA.
    await page.getByRole('button', { name: 'Range 3M' }).click();
    await page.waitForURL('**/stocks/JNJ?range=3m');
    await page.goBack();
    await page.waitForURL('**/stocks/JNJ');
    expect(await page.getByRole('button', { name: 'Range 1Y' }).getAttribute('aria-pressed')).to.equal(
      'true',
    );
    await page.goBack();
    await chartDrawn(page, /NVIDIA/);
    expect(await page.locator('.state-error').count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });

  for (const width of [1366, 390]) {
    it(`3. stocks table at ${width} px keeps ticker, watch star and score on screen while it scrolls`, async () => {
      const { page } = await open(width, 844);
      await page.goto(url('/stocks'));
      await page.locator('table.stocks-table tbody tr').first().waitFor();
      const row = page.locator('table.stocks-table tbody tr').first();
      await row.scrollIntoViewIfNeeded();
      const visible = async () => ({
        ticker: await row.locator('.ticker-link').evaluate(visibleAtCentre),
        star: await row.locator('button.star').evaluate(visibleAtCentre),
        score: await row.locator('.score').evaluate(visibleAtCentre),
      });
      expect(await visible()).to.deep.equal({ ticker: true, star: true, score: true });
      // Scrolled all the way to the right: still there.
      await page.locator('.stocks-table').evaluate((t) => {
        const wrap = t.closest('.table-wrap') as HTMLElement;
        wrap.scrollLeft = wrap.scrollWidth;
      });
      expect(await visible()).to.deep.equal({ ticker: true, star: true, score: true });
      await row.locator('button.star').click();
      expect(await row.locator('button.star').getAttribute('aria-pressed')).to.equal('true');
    });
  }

  it('4. on a phone every navigation tab can be tapped (Watchlist, Status)', async () => {
    const { page } = await open(390, 844);
    await page.goto(url('/'));
    for (const [label, path] of [
      ['Watchlist', '/watchlist'],
      ['Status', '/status'],
      ['Screener', '/screener'],
    ] as const) {
      const link = page.locator('.site-nav a', { hasText: label });
      expect(await link.evaluate(visibleAtCentre), `${label} on screen`).to.equal(true);
      await link.tap();
      await page.waitForURL(`**${path}`);
    }
  });

  it('5. the status page asks once for missing cache and job endpoints and stops; it polls them once they exist', async () => {
    const { page } = await open();
    await page.clock.install();
    const asked: string[] = [];
    const notFound: string[] = [];
    let inFlight = 0;
    let settle: (() => void) | undefined;
    const done = () => {
      inFlight -= 1;
      if (inFlight === 0) settle?.();
    };
    page.on('request', (r) => {
      inFlight += 1;
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/api/system/') || p === '/health') asked.push(p);
    });
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('404')) notFound.push(m.text());
    });
    /** The page has sent what its timers asked for, got every answer and run its handlers. */
    const quiet = async () => {
      await flushTasks(page);
      if (inFlight > 0) await new Promise<void>((resolve) => (settle = resolve));
      settle = undefined;
      await flushTasks(page);
    };
    // An API without the endpoints (older, or a part switched off): both answer 404.
    const missing = (route: Route) =>
      route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'no such route' } } });
    await page.route('**/api/system/cache', missing);
    await page.route('**/api/system/jobs', missing);
    await page.goto(url('/status'));
    const cache = page.locator('section:has(#cache-h)');
    const jobs = page.locator('section:has(#jobs-h)');
    await cache.getByText('Not available').waitFor();
    await jobs.getByText('Not available').waitFor();
    // Page time in one-second steps; after each, the page finishes what the step started (a
    // poll's request, its answer, the next timer) before the clock moves on.
    const wait = async (ms: number, until: () => boolean = () => false) => {
      for (let t = 0; t < ms && !until(); t += 1_000) {
        await page.clock.runFor(1_000);
        await quiet();
      }
    };
    await wait(62_000);
    const count = (p: string) => asked.filter((a) => a === p).length;
    expect(count('/api/system/cache'), 'cache asked').to.equal(1);
    expect(count('/api/system/jobs'), 'jobs asked').to.equal(1);
    expect(count('/health'), 'health keeps polling').to.be.at.least(3);
    expect(notFound.length, notFound.join('\n')).to.be.at.most(2);

    // The API grows the endpoints: the page shows them and keeps them fresh.
    await page.unroute('**/api/system/cache', missing);
    await page.unroute('**/api/system/jobs', missing);
    let served = 0;
    await page.route('**/api/system/cache', (route) => {
      served += 1;
      return route.fulfill({
        json: {
          backend: 'memory',
          status: 'up',
          hits: 90 + served,
          misses: 10,
          hit_rate: 0.9,
          keys: 42,
          since: new Date().toISOString(),
        },
      });
    });
    await page.route('**/api/system/jobs', (route) =>
      route.fulfill({
        json: {
          items: [
            {
              name: 'refresh-quotes',
              schedule: 'hourly',
              last_run_at: null,
              last_finished_at: null,
              last_status: null,
              last_error: null,
              next_run_at: null,
              failures: 0,
            },
          ],
        },
      }),
    );
    await page.reload();
    await cache.getByText('hit rate').waitFor();
    await jobs.getByText('refresh-quotes').waitFor();
    const before = served;
    await wait(31_000, () => served - before >= 2);
    expect(served - before, 'cache polled every 15 s').to.be.at.least(2);
  });

  it('6. the screener counts each strategy, lists results compactly with details on demand, explains an empty screen', async () => {
    const { page } = await open();
    // Whether Graham's seven tests pass anyone depends on the day's sample data: make its
    // screen come back empty (the real answer, with its matches taken out) to test that case.
    await page.route('**/api/stocks/screener/strategies**', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      const empty = (s: { id: string; matches: number }) =>
        s.id === 'graham-defensive' ? { ...s, matches: 0 } : s;
      if (Array.isArray(body.items) && !body.strategy) body.items = body.items.map(empty);
      else if (body.strategy?.id === 'graham-defensive') {
        body.strategy = empty(body.strategy);
        body.items = [];
        body.total_matches = 0;
      }
      await route.fulfill({ response: res, json: body });
    });
    await page.goto(url('/screener'));
    const card = (name: string) =>
      page.locator('.strategy-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
    const piotroski = card('Piotroski F-score');
    await piotroski.locator('.match-count').waitFor();
    expect(await piotroski.locator('.match-count').textContent()).to.match(/^\d+ matches?$/);
    const graham = card('Graham defensive investor');
    expect(await graham.locator('.match-count').textContent()).to.equal('0 matches');
    expect(await graham.locator('.match-note').textContent()).to.match(/excluded \d+ of \d+ stocks/);

    await page.goto(url('/screener/piotroski'));
    const rows = page.locator('#results-h ~ * table tbody tr.match');
    await rows.first().waitFor();
    const n = await rows.count();
    expect(n).to.be.greaterThan(5);
    // One line per stock: every row is short, and the results are far shorter than before (4,767 px).
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(Math.max(...heights)).to.be.below(60);
    const table = await page.locator('#results-h ~ * table').boundingBox();
    expect(table!.height).to.be.below(n * 60 + 80);
    // Details on demand.
    const first = rows.first();
    await first.getByRole('button', { name: /Why/ }).click();
    const details = page.locator('#results-h ~ * table tbody tr.match-details').first();
    await details.waitFor();
    expect(await details.textContent()).to.contain('F-score');
    expect(await first.getByRole('button', { name: /Why/ }).getAttribute('aria-expanded')).to.equal('true');

    await page.goto(url('/screener/graham-defensive'));
    const empty = page.locator('section:has(#results-h) .state-empty');
    await empty.waitFor();
    expect(await empty.textContent()).to.match(/excluded the most stocks/);
    expect(await empty.locator('.top-exclusion').textContent()).to.match(/.+ excluded \d+ of \d+ stocks/);
  });

  it('7. scores of 45, 55 and 65 get badges of clearly different colours', async () => {
    const { page } = await open();
    await page.goto(url('/stocks?size=100'));
    await page.locator('table.stocks-table tbody tr').first().waitFor();
    const colours = await page
      .locator('table.stocks-table .score')
      .evaluateAll((badges) =>
        badges.map((b) => ({ score: Number(b.textContent), bg: getComputedStyle(b).backgroundColor })),
      );
    const band = (lo: number) => colours.find((c) => c.score >= lo && c.score < lo + 10)?.bg;
    const mid = [40, 50, 60].map(band);
    expect(mid.every(Boolean), JSON.stringify(colours.slice(0, 5))).to.equal(true);
    expect(new Set(mid).size, `40s, 50s, 60s: ${mid.join(' | ')}`).to.equal(3);
    // A legend says what the colours mean.
    expect(await page.locator('.score-legend').count()).to.be.greaterThan(0);
  });

  it('8. hovering a day on the score history explains the move by component', async () => {
    const { page } = await open();
    await page.goto(url('/stocks/AAPL'));
    const svg = page.locator('.score-history svg');
    await svg.waitFor();
    // The day with the largest move.
    const target = await page.locator('.score-history .hit').evaluateAll((hits) => {
      let best = -1;
      let idx = 0;
      hits.forEach((h, i) => {
        const d = Math.abs(Number(h.getAttribute('data-delta')));
        if (d > best) {
          best = d;
          idx = i;
        }
      });
      return idx;
    });
    await page.locator('.score-history .hit').nth(target).hover();
    const tip = page.locator('.score-history .history-tip');
    await tip.waitFor();
    const text = (await tip.textContent()) ?? '';
    expect(text).to.match(/\d+(\.\d)? → \d+(\.\d)?/);
    expect(text).to.match(/(Value|Quality|Growth|Momentum|Risk|Dividend) [−+-]?\d/);
    // The same explanation is in the table for keyboard and screen-reader users.
    await page.locator('.history-table summary').click();
    const whys = await page.locator('.history-table tbody td.why').allTextContents();
    expect(
      whys.filter((w) => /(Value|Quality|Growth|Momentum|Risk|Dividend) \d/.test(w)).length,
    ).to.be.greaterThan(0);
  });

  it('9. the backtest page, reached from the leaderboard: deciles and IC drawn, the horizon in the URL (Back returns to 1 month), keyboard only', async () => {
    const { page, errors } = await open();
    // Reached from the leaderboard, as a reader wondering whether the ranking means anything.
    await page.goto(url('/leaderboard'));
    await page.getByRole('link', { name: 'Does the score predict returns?' }).click();
    await page.waitForURL('**/backtest');
    await page.locator('h1', { hasText: 'Does the score predict?' }).waitFor();
    await page.locator('.bt-chart').first().waitFor();
    expect(await page.locator('.backtest-note').textContent()).to.contain('Sample data');
    expect(await page.locator('.bt-chart').count()).to.equal(2);
    const bars = await page.locator('#deciles-h ~ svg .bt-bar').count();
    expect(bars).to.equal(10);
    const provenance = (await page.locator('#prov-h ~ p').first().textContent()) ?? '';
    expect(provenance).to.match(/\d+ month-end formation dates from .+: \d+ recomputed later/);
    const oneMonth = await page.locator('.backtest-summary').textContent();

    // Keyboard: tab to the 3-month button and press it.
    const three = page.getByRole('button', { name: '3 months' });
    await three.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/backtest?horizon=3m');
    expect(await three.getAttribute('aria-pressed')).to.equal('true');
    expect(await page.locator('.backtest-summary').textContent()).to.not.equal(oneMonth);

    await page.goBack();
    await page.waitForURL(/\/backtest$/);
    expect(await page.getByRole('button', { name: '1 month' }).getAttribute('aria-pressed')).to.equal('true');
    await page.goForward();
    await page.waitForURL('**/backtest?horizon=3m');
    expect(errors).to.deep.equal([]);
  });

  it('10. the market map: tiles sized by cap link to their stocks, colour and sector zoom in the URL, keyboard details', async () => {
    const { page, errors } = await open(390, 844);
    await page.goto(url('/'));
    await page.locator('.site-nav a', { hasText: 'Map' }).tap();
    await page.waitForURL('**/map');
    await page.locator('.map-tile').first().waitFor();
    const tiles = await page.locator('.map-tile').count();
    expect(tiles).to.be.greaterThan(100);
    // The largest tile is the largest company (Apple, Microsoft or NVIDIA in the sample).
    const areas = await page
      .locator('.map-tile')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('href'), e.clientWidth * e.clientHeight] as const),
      );
    const largest = [...areas].sort((a, b) => b[1] - a[1])[0][0];
    expect(largest).to.match(/^\/stocks\/(AAPL|MSFT|NVDA)$/);
    await page.getByRole('button', { name: 'Score' }).tap();
    await page.waitForURL('**/map?color=score');
    await page.locator('.map-sector', { hasText: 'Utilities' }).tap();
    await page.waitForURL('**/map?color=score&sector=Utilities');
    expect(await page.locator('h1').textContent()).to.equal('Market map: Utilities');
    // Keyboard: focusing a tile shows its figures; Enter opens the stock.
    const first = page.locator('.map-tile').first();
    await first.focus();
    expect(await page.locator('.map-details dt').first().textContent()).to.match(/^[A-Z.]+$/);
    const href = await first.getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${href}`);
    await page.goBack();
    await page.waitForURL('**/map?color=score&sector=Utilities');
    await page.locator('.map-tile').first().waitFor();
    // A sector that does not exist (a mistyped link) says so and offers the real ones.
    await page.goto(url('/map?sector=Tech'));
    await page.getByText('No sector is called “Tech”.').waitFor();
    await page.getByRole('link', { name: 'Energy' }).tap();
    await page.waitForURL('**/map?sector=Energy');
    await page.locator('.map-tile').first().waitFor();
    expect(errors).to.deep.equal([]);
  });

  it("11. the market map at scale: the largest stocks with one tile per sector for the rest, which opens the sector's full list", async () => {
    const { page, errors } = await open();
    // The sample (147 stocks) is under the map's default of 500: ask the real API for its
    // largest 40, as a universe of thousands gets its largest 500.
    const asked: string[] = [];
    await page.route(
      (u) => u.pathname === '/api/screener/heatmap',
      (route) => {
        const u = new URL(route.request().url());
        asked.push(u.search);
        if (!u.searchParams.has('sector')) u.searchParams.set('limit', '40');
        return route.continue({ url: u.toString() });
      },
    );
    await page.goto(url('/map'));
    await page.locator('a.map-tile').first().waitFor();
    expect(await page.locator('a.map-tile').count()).to.equal(40);
    const api = async (q: string) => (await page.request.get(url(`/api/screener/heatmap${q}`))).json();
    const overview = await api('?limit=40');
    const withRest = overview.sectors.filter((s: { rest: unknown }) => s.rest !== null);
    expect(withRest.length).to.be.greaterThan(0);
    expect(await page.locator('button.map-rest').count()).to.equal(withRest.length);
    expect(await page.locator('.map-details').textContent()).to.include(
      `The largest 40 of ${overview.count} stocks`,
    );
    // The "more" tiles pass axe like the rest of the map (the layout suite's pages list them all).
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4)}`),
    ).to.deep.equal([]);
    await painted(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'flows-map-largest-40.png') });
    // A sector's box holds its whole cap: its listed tiles and its "more" tile in proportion.
    const sector = withRest[0];
    const rest = page.locator('button.map-rest', { hasText: `${sector.sector} stocks` });
    expect(await rest.textContent()).to.include(`+${sector.rest.count} more`);
    // Focusing it tells what it holds; selecting it zooms into the sector, every stock listed.
    await rest.focus();
    expect(await page.locator('.map-details dt').first().textContent()).to.equal(`${sector.rest.count} more`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/map?sector=${encodeURIComponent(sector.sector).replace(/%20/g, '+')}`);
    await page.locator('h1', { hasText: `Market map: ${sector.sector}` }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('a.map-tile').length === n, sector.count);
    expect(await page.locator('.map-rest').count()).to.equal(0);
    expect(asked.at(-1)).to.match(/[?&]limit=1000(&|$)/);
    expect(await page.locator('.map-details').textContent()).to.include(`${sector.count} stocks.`);
    expect(errors).to.deep.equal([]);
  });
});
