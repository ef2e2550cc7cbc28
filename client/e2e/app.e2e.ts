/**
 * The web client against the real API in headless Chromium: overview → ticker jump → detail
 * (chart, score breakdown) → stocks table (sort, filter, paginate, URL) → leaderboard →
 * screener → status → watchlist → a phone-sized screen → the API going down and coming back.
 * Each test opens its own page in a fresh browser context (nothing starred, nothing visited) and
 * fails on an uncaught error in it. Screenshots of each page land in client/artifacts/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { E2E_ADMIN_TOKEN, painted, SCREENSHOT_DIR, type Stack, skipReason, startStack } from './harness.ts';

const reason = skipReason();
const title = reason
  ? `web client end-to-end (skipped: ${reason})`
  : 'web client end-to-end (real API + Vite + Chromium)';

describe(title, function () {
  this.timeout(120_000);
  let stack: Stack | undefined;
  const started = Date.now();

  const url = (p: string) => `${stack!.baseUrl}${p}`;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();
  const pathAndQuery = (page: Page) => {
    const u = new URL(page.url());
    return u.pathname + u.search;
  };

  /**
   * Runs one test in a browser context of its own (fresh storage: an empty watchlist, nothing
   * starred), so no test depends on another; the page must raise no uncaught error.
   */
  async function fresh(run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
    const context = await stack!.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await run(page, context);
      expect(errors, 'uncaught errors in the page').to.deep.equal([]);
    } finally {
      await context.close().catch(() => {});
    }
  }

  before(async function () {
    if (reason) {
      console.log(`    e2e skipped: ${reason}`);
      this.skip();
    }
    this.timeout(240_000);
    stack = await startStack((m) => console.log(`    [e2e] ${m}`));
  });

  after(async () => {
    await stack?.close();
    if (stack) console.log(`    [e2e] suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('overview shows top stocks, sectors, movers, the sample-data badge and freshness', () =>
    fresh(async (page) => {
      await page.goto(url('/'));
      await page.locator('h1', { hasText: 'Market overview' }).waitFor();
      await page.locator('.site-header .badge-sample').waitFor();
      await page.locator('.freshness', { hasText: 'Prices as of' }).waitFor();
      await page.locator('#top-h ~ div table tbody tr').first().waitFor();
      expect(await page.locator('#top-h ~ div table tbody tr').count()).to.equal(10);
      await page.locator('.tiles .tile').first().waitFor();
      expect(await page.locator('.tiles .tile').count()).to.equal(11);
      await page.locator('caption', { hasText: 'Biggest gainers' }).waitFor();
      const gainers = await texts(page, 'table:has(caption:text("Biggest gainers")) tbody td:nth-child(3)');
      const losers = await texts(page, 'table:has(caption:text("Biggest losers")) tbody td:nth-child(3)');
      expect(gainers.length).to.be.greaterThan(0);
      expect(gainers[0].startsWith('+')).to.equal(true, `top gainer ${gainers[0]}`);
      expect(losers[0].startsWith('-')).to.equal(true, `top loser ${losers[0]}`);
      // Nothing starred in a fresh browser: the watchlist card says it is empty.
      await page.locator('section:has(#watch-h) .state-empty').waitFor();
      await shot(page, 'overview');
    }));

  it('pressing / focuses the ticker box; a ticker + Enter opens its page', () =>
    fresh(async (page) => {
      await page.goto(url('/'));
      await page.locator('#top-h ~ div table tbody tr').first().waitFor();
      await page.locator('body').click({ position: { x: 5, y: 400 } });
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('ticker-jump');
      await page.keyboard.type('msft');
      await page.locator('#ticker-jump-list [role="option"]', { hasText: 'MSFT' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/stocks/MSFT');
      await page.locator('h1', { hasText: 'Microsoft' }).waitFor();
    }));

  it('stock detail draws the price chart and the score breakdown, and stars the stock', () =>
    fresh(async (page) => {
      await page.goto(url('/stocks/MSFT'));
      await page.locator('.chart-canvas canvas').first().waitFor();
      await page.waitForFunction(
        () => Number(document.querySelector('.chart-canvas')?.getAttribute('data-points')) > 100,
      );
      const oneYear = Number(await page.locator('.chart-canvas').getAttribute('data-points'));
      await page.getByRole('button', { name: 'Range 3M' }).click();
      await page.waitForFunction((n) => {
        const p = Number(document.querySelector('.chart-canvas')?.getAttribute('data-points'));
        return p > 0 && p < n;
      }, oneYear);
      await page.getByRole('button', { name: 'Line' }).click();
      expect(await page.getByRole('button', { name: 'Line' }).getAttribute('aria-pressed')).to.equal('true');

      await page.locator('.breakdown .summary').waitFor();
      expect((await page.locator('.breakdown .summary').textContent())?.length).to.be.greaterThan(10);
      expect(await page.locator('.breakdown .component').count()).to.equal(6);
      expect(await page.locator('.breakdown table.drivers tbody tr').count()).to.be.greaterThan(6);
      await page.locator('.score-history svg[role="img"]').waitFor();
      const fundamentals = await page.locator('#fund-h ~ .fund-grid').textContent();
      expect(fundamentals).to.match(/Gross margin\s*-?\d+\.\d%/);

      await page.getByRole('button', { name: 'Watch MSFT', pressed: false }).click();
      await page.getByRole('button', { name: 'Watching MSFT', pressed: true }).waitFor();
      // The chart draws on the next frames after its data and style change.
      await page.locator('.chart-overlay').waitFor({ state: 'detached' });
      await painted(page);
      await shot(page, 'stock-detail');
    }));

  it('stocks table sorts, paginates, filters by sector and keeps it all in the URL', () =>
    fresh(async (page, context) => {
      const rowsSettled = () => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      await page.goto(url('/stocks'));
      await page.locator('table.stocks-table tbody tr').first().waitFor();
      const caption = page.locator('.pagination p');
      await caption.filter({ hasText: /Showing 1–20 of \d+ stocks/ }).waitFor();

      // Sort by price, highest first.
      await page.locator('th button.sort', { hasText: 'Price' }).click();
      await page.waitForURL((u) => u.search.includes('sort=price') && u.search.includes('order=desc'));
      await page.locator('th[aria-sort="descending"]', { hasText: 'Price' }).waitFor();
      await rowsSettled();
      const money = (t: string) => Number(t.replace(/[$,]/g, ''));
      const prices = (await texts(page, 'table.stocks-table tbody td:nth-child(5)')).map(money);
      expect(prices.length).to.equal(20);
      expect(prices).to.deep.equal(
        [...prices].sort((a, b) => b - a),
        'rows sorted by price, descending',
      );

      // Page 2.
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL((u) => u.search.includes('page=2'));
      await caption.filter({ hasText: /Showing 21–40 of/ }).waitFor();
      expect(pathAndQuery(page)).to.equal('/stocks?sort=price&order=desc&page=2');
      await rowsSettled();
      const page2 = (await texts(page, 'table.stocks-table tbody td:nth-child(5)')).map(money);
      expect(page2[0]).to.be.at.most(prices[prices.length - 1]);

      // Filter by sector: back to page 1, only that sector.
      await page.getByRole('form', { name: 'Filter stocks' }).getByLabel('Sector').selectOption('Energy');
      await page.waitForURL((u) => u.search.includes('sector=Energy'));
      expect(pathAndQuery(page)).to.equal('/stocks?sector=Energy&sort=price&order=desc');
      await caption.filter({ hasText: /Showing 1–\d+ of \d+ stocks/ }).waitFor();
      await rowsSettled();
      const sectors = await texts(page, 'table.stocks-table tbody td:nth-child(4)');
      expect(sectors.length).to.be.greaterThan(0);
      expect(new Set(sectors)).to.deep.equal(new Set(['Energy']));

      // A shared link reopens the same view.
      const other = await context.newPage();
      await other.goto(page.url());
      await other.locator('table.stocks-table tbody tr').first().waitFor();
      expect(
        await other.getByRole('form', { name: 'Filter stocks' }).getByLabel('Sector').inputValue(),
      ).to.equal('Energy');
      expect(await other.locator('th[aria-sort="descending"]').textContent()).to.contain('Price');
      await other.close();

      // Score range.
      await page.getByLabel('Min score').fill('50');
      await page.getByLabel('Min score').press('Enter');
      await page.getByLabel('Min score').blur();
      await page.waitForURL((u) => u.search.includes('min_score=50'));
      await rowsSettled();
      const scores = (await texts(page, 'table.stocks-table tbody td.col-score')).map(Number);
      expect(scores.every((s) => s >= 50)).to.equal(true, `scores ${scores.join(',')}`);
      await shot(page, 'stocks');

      // CSV export of the view: one line per stock in it, flagged as sample data.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).to.match(/^rank,ticker,name,sector,.*,data$/);
      expect(download.suggestedFilename()).to.match(/^vibeapp-sample-data-stocks/);
      expect(lines.length - 1).to.equal(scores.length);
    }));

  it('leaderboard switches between all sectors and one sector', () =>
    fresh(async (page) => {
      await page.goto(url('/leaderboard'));
      await page.locator('.board-groups section').first().waitFor();
      expect(await page.locator('.board-groups section').count()).to.equal(11);
      await page.getByLabel('Sector').selectOption('Utilities');
      await page.waitForURL((u) => u.search.includes('sector=Utilities'));
      await page.locator('h1', { hasText: 'Utilities' }).waitFor();
      // The all-sectors view has a Utilities caption too: wait for its groups to go.
      await page.locator('.board-groups section').first().waitFor({ state: 'detached' });
      await page.locator('caption', { hasText: 'Utilities' }).waitFor();
      expect(await page.locator('.board-groups section').count()).to.equal(0);
      expect(await page.locator('table tbody tr').count()).to.be.greaterThan(0);
      await shot(page, 'leaderboard');
    }));

  it('screener lists strategies with rules and opens ranked results', () =>
    fresh(async (page) => {
      await page.goto(url('/screener'));
      await page.locator('.strategy-card').first().waitFor();
      expect(await page.locator('.strategy-card').count()).to.be.greaterThan(3);
      expect(await page.locator('.strategy-card .rules li').count()).to.be.greaterThan(3);
      await shot(page, 'screener');
      await page.getByRole('link', { name: 'Magic Formula' }).first().click();
      await page.waitForURL('**/screener/magic-formula');
      await page.locator('#results-h ~ .table-wrap tbody tr').first().waitFor();
      const ranks = await texts(page, '#results-h ~ .table-wrap tbody td:first-child');
      expect(ranks.slice(0, 3)).to.deep.equal(['1', '2', '3']);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      // The file's columns are the export's contract (scripts and spreadsheets read them by name).
      expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).to.equal(
        'rank,ticker,name,sector,price,change_pct,market_cap,score,metric,metric_value,reasons,data',
      );
      // The sample provider is in use: the file and every row say so.
      expect(download.suggestedFilename()).to.match(
        /^vibeapp-sample-data-screen-magic-formula-\d{4}-\d{2}-\d{2}\.csv$/,
      );
      expect(csv.split('\r\n')[1]).to.match(/,sample data \(not market data\)$/);
      await shot(page, 'screener-result');
    }));

  it('status page shows a healthy API and its data, and the cache and jobs once given the admin token', () =>
    fresh(async (page) => {
      await page.goto(url('/status'));
      await page.locator('.status-line .pill-healthy').waitFor();
      await page.locator('th', { hasText: 'database' }).waitFor();
      await page.locator('#data-h ~ div dl', { hasText: 'sample' }).waitFor();
      const cache = page.locator('section:has(#cache-h)');
      const jobs = page.locator('section:has(#jobs-h)');
      await cache.getByText('Needs the admin token.').waitFor();
      await jobs.getByText('Needs the admin token.').waitFor();
      await page.getByLabel('Admin token').fill('not-the-admin-token-at-all');
      await page.getByRole('button', { name: 'Use token' }).click();
      await cache.getByText('The admin token was refused.').waitFor();
      await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Use token' }).click();
      await cache.locator('.big-number').waitFor();
      await jobs.locator('table').waitFor();
      // Kept for the tab: a reload still shows the detail.
      await page.reload();
      await cache.locator('.big-number').waitFor();
      await shot(page, 'status');
    }));

  it('a stock starred on its page is on the watchlist, and stays there across reloads', () =>
    fresh(async (page) => {
      await page.goto(url('/stocks/MSFT'));
      await page.getByRole('button', { name: 'Watch MSFT', pressed: false }).click();
      await page.getByRole('button', { name: 'Watching MSFT', pressed: true }).waitFor();
      await page.goto(url('/watchlist'));
      const rows = page.locator('main table tbody tr');
      await rows.filter({ hasText: 'MSFT' }).waitFor();
      expect(await rows.count()).to.equal(1);
      await page.reload();
      await rows.filter({ hasText: 'MSFT' }).waitFor();
      expect(await rows.count()).to.equal(1);
      await shot(page, 'watchlist');
    }));

  it('an unknown ticker shows an error state, an unknown page a way back', () =>
    fresh(async (page) => {
      await page.goto(url('/stocks/ZZZZZ'));
      await page.locator('main .state-error[role="alert"]').waitFor();
      expect(await page.locator('.chart-canvas').count()).to.equal(0);
      await page.goto(url('/no-such-page'));
      await page.locator('main h1').waitFor();
      expect(await page.locator('main a[href="/"]').count()).to.equal(1);
      expect(await page.locator('main a[href="/stocks"]').count()).to.equal(1);
    }));

  it('works on a phone-sized screen without sideways page scrolling', async () => {
    const phone = await stack!.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    const errors: string[] = [];
    p.on('pageerror', (err) => errors.push(err.message));
    try {
      for (const [route, ready, name] of [
        ['/', '.tiles .tile', 'phone-overview'],
        ['/stocks', 'table.stocks-table tbody tr', 'phone-stocks'],
        ['/stocks/AAPL', '.chart-canvas canvas', 'phone-stock-detail'],
      ] as const) {
        await p.goto(url(route));
        await p.locator(ready).first().waitFor();
        // On a mobile viewport an overflowing page widens the layout viewport (innerWidth) itself: compare to 390.
        // Wait for the condition (late layout such as the chart may still settle), not a fixed
        // time; when it never holds, the measurement below reports by how much.
        await p
          .waitForFunction(
            () => Math.max(document.documentElement.scrollWidth, window.innerWidth) - 390 <= 1,
            null,
            { timeout: 5_000 },
          )
          .catch(() => {});
        const overflow = await p.evaluate(
          () => Math.max(document.documentElement.scrollWidth, window.innerWidth) - 390,
        );
        expect(overflow, `${route} overflows by ${overflow}px`).to.be.at.most(1);
        if (route === '/stocks') {
          // The wide table scrolls inside its own box instead.
          const scrolls = await p.evaluate(() => {
            const wrap = document.querySelector('table.stocks-table')?.closest('.table-wrap');
            return !!wrap && wrap.scrollWidth > wrap.clientWidth;
          });
          expect(scrolls).to.equal(true);
        }
        await p.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      }
      expect(errors, 'uncaught errors in the page').to.deep.equal([]);
    } finally {
      await phone.close();
    }
  });

  it('with the API down the page says so and retries, then recovers when it is back', () =>
    fresh(async (page) => {
      await stack!.api.stop();
      try {
        await page.goto(url('/stocks'));
        await page.locator('.state-offline').first().waitFor({ timeout: 15_000 });
        expect(await page.locator('header.site-header').isVisible()).to.equal(true);
        await shot(page, 'api-down');
      } finally {
        await stack!.restartApi();
      }
      await page.locator('table.stocks-table tbody tr').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.state-offline').count()).to.equal(0);
    }));
});
