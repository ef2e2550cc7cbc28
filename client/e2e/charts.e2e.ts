/**
 * The stock page's chart panes, as a user drives them: RSI, MACD, Bollinger bands and the log
 * scale switched on (by keyboard and by pointer), two tickers compared, an unknown one refused,
 * Back and Forward through those choices (they live in the URL), a compared ticker removed,
 * and on to another stock's page and back, without an error. Screenshots of the chart with
 * every pane at 390, 1366 and 1920 px land in client/artifacts/screenshots/charts-<width>.png
 * (the page) and charts-<width>-chart.png (the chart's card).
 */
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { painted, SCREENSHOT_DIR, type Stack, skipReason, startStack } from './harness.ts';

const reason = skipReason();
const title = reason ? `chart panes (skipped: ${reason})` : 'chart panes (real API + Vite + Chromium)';

describe(title, function () {
  this.timeout(180_000);
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

  /** The chart as drawn: the stock's heading, its points, its panes and its compared tickers. */
  async function drawn(page: Page, name: RegExp, panes: number, compared = ''): Promise<void> {
    await page.locator('h1', { hasText: name }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      ([p, c]) => {
        const fig = document.querySelector('.chart-canvas');
        return (
          Number(fig?.getAttribute('data-points')) > 100 &&
          fig?.getAttribute('data-panes') === String(p) &&
          fig?.getAttribute('data-compared') === c &&
          !document.querySelector('.chart-overlay')
        );
      },
      [panes, compared] as const,
      { timeout: 60_000 },
    );
  }

  /** The panes the chart library drew (one canvas row per pane, separated in its table). */
  const libraryPanes = (page: Page) =>
    page.evaluate(() => document.querySelectorAll('.chart-canvas table tr td:nth-child(2) canvas').length);

  const pressed = (page: Page, name: string) =>
    page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

  it('RSI, MACD, bands and log on, two tickers compared, Back/Forward, another stock and back: no error', async () => {
    const { page, errors } = await open();
    await page.goto(url('/stocks/AAPL'));
    await drawn(page, /Apple/, 1);

    // Keyboard: focus RSI and press Enter; MACD with Space.
    await page.getByRole('button', { name: 'RSI', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/stocks/AAPL?ind=rsi');
    await drawn(page, /Apple/, 2);
    await page.getByRole('button', { name: 'MACD', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd');
    await drawn(page, /Apple/, 3);
    expect(await libraryPanes(page)).to.be.at.least(3);
    // Pointer: the bands and the log scale.
    await page.getByRole('button', { name: 'Bands', exact: true }).click();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb');
    await page.getByRole('button', { name: 'Log', exact: true }).click();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1');
    expect([
      await pressed(page, 'RSI'),
      await pressed(page, 'Bands'),
      await pressed(page, 'Log'),
    ]).to.deep.equal(['true', 'true', 'true']);
    const label = (await page.locator('.chart-canvas').getAttribute('aria-label')) ?? '';
    expect(label).to.match(/RSI 14: \d/);
    expect(label).to.match(/MACD -?[\d.,]+, (above|below) its signal/);
    expect(label).to.contain('Bollinger bands');
    expect(label).to.contain('Logarithmic price scale.');

    // Compare: Enter in the box, then the Add button; an unknown ticker is refused with a message.
    await page.locator('#compare-input').fill('msft');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1&cmp=MSFT');
    await drawn(page, /Apple/, 3, 'MSFT');
    await page.locator('#compare-input').fill('NVDA');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1&cmp=MSFT,NVDA');
    await drawn(page, /Apple/, 3, 'MSFT,NVDA');
    expect(await page.locator('.chart-canvas').getAttribute('aria-label')).to.match(/MSFT .*over the range/);
    await page.locator('#compare-input').fill('NOPE');
    await page.keyboard.press('Enter');
    await page.waitForURL(/cmp=MSFT,NVDA,NOPE$/);
    await page.locator('.chart-note', { hasText: 'NOPE' }).waitFor();
    await drawn(page, /Apple/, 3, 'MSFT,NVDA');
    await painted(page);
    await page
      .locator('section[aria-labelledby="chart-h"]')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'charts-1366-log-chart.png') });
    await page.getByRole('button', { name: 'Remove NOPE from the comparison' }).click();
    await page.waitForURL(/cmp=MSFT,NVDA$/);

    // Back and Forward step through the choices.
    await page.goBack();
    await page.waitForURL(/cmp=MSFT,NVDA,NOPE$/);
    await page.goBack();
    await page.waitForURL(/cmp=MSFT,NVDA$/);
    await page.goBack();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1&cmp=MSFT');
    await drawn(page, /Apple/, 3, 'MSFT');
    await page.goBack();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1');
    await drawn(page, /Apple/, 3);
    await page.goForward();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1&cmp=MSFT');
    await drawn(page, /Apple/, 3, 'MSFT');

    // A chip's remove button, by keyboard.
    await page.getByRole('button', { name: 'Remove MSFT from the comparison' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1');
    await drawn(page, /Apple/, 3);

    // Another stock's page (the jump box), then back to this one with its panes.
    await page.locator('#ticker-jump').fill('JNJ');
    await page.locator('#ticker-jump-list [role="option"]', { hasText: 'JNJ' }).first().click();
    await page.waitForURL('**/stocks/JNJ');
    await drawn(page, /Johnson/, 1);
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    await page.waitForURL('**/stocks/JNJ?ind=score');
    await drawn(page, /Johnson/, 2);
    await page.goBack();
    await page.goBack();
    await page.waitForURL('**/stocks/AAPL?ind=rsi,macd,bb&log=1');
    await drawn(page, /Apple/, 3);
    expect(await pressed(page, 'MACD')).to.equal('true');
    expect(await page.locator('.state-error').count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });

  for (const width of [390, 1366, 1920]) {
    it(`every pane and two compared tickers at ${width} px fit the page (screenshot)`, async () => {
      const { page, errors } = await open(width, width < 600 ? 844 : 1000);
      await page.goto(url('/stocks/AAPL?range=2y&ind=rsi,macd,bb,score&cmp=MSFT,NVDA'));
      await drawn(page, /Apple/, 4, 'MSFT,NVDA');
      await painted(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'the page scrolls sideways').to.be.at.most(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `charts-${width}.png`), fullPage: true });
      await page
        .locator('section[aria-labelledby="chart-h"]')
        .screenshot({ path: path.join(SCREENSHOT_DIR, `charts-${width}-chart.png`) });
      expect(errors).to.deep.equal([]);
    });
  }
});
