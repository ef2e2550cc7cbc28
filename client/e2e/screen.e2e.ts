/**
 * The stocks page as a screener, as a user works it: a screen in words becomes chips and
 * results, the filter panel counts matches while the user types and applies them, Back restores
 * the previous filters, a column view changes the table, a saved screen survives a reload and
 * reopens, a strategy opens as editable filters, and the panel is operable by keyboard and
 * axe-clean. At 390 and 1366 px (and 1920 for the screenshots and the width check).
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { painted, SCREENSHOT_DIR, type Stack, skipReason, startStack } from './harness.ts';

const reason = skipReason();
const title = reason
  ? `stocks screener (skipped: ${reason})`
  : 'stocks screener (real API + Vite + Chromium)';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

describe(title, function () {
  this.timeout(400_000);
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

  async function open(width: number): Promise<{ page: Page; errors: string[] }> {
    const phone = width < 600;
    const context = await stack!.browser.newContext({
      viewport: { width, height: phone ? 844 : 900 },
      isMobile: phone,
      hasTouch: phone,
    });
    contexts.push(context);
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    // A busy machine compiles the modules slowly on their first visit.
    page.setDefaultTimeout(90_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    return { page, errors };
  }

  /** The API's total for a /stocks query string, asked directly. */
  async function apiTotal(page: Page, query: string): Promise<number> {
    const params = new URLSearchParams(query);
    params.delete('columns');
    params.delete('from');
    params.set('limit', '1');
    const res = await page.request.get(url(`/api/stocks?${params}`));
    expect(res.status(), await res.text()).to.equal(200);
    return ((await res.json()) as { total: number }).total;
  }

  const query = (page: Page) => new URL(page.url()).search.replace(/^\?/, '');
  const chips = (page: Page) => page.locator('.filter-chips .chip-edit').allTextContents();
  const shownTotal = async (page: Page) => {
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const t = await page.locator('.match-total').textContent();
    return Number(/^(\d+)/.exec(t ?? '')?.[1]);
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `screen-${name}.png`), fullPage: true });

  for (const width of [1366, 390]) {
    it(`at ${width} px: words → chips and results, panel with a live count, Back, a column view, a saved screen after reload`, async () => {
      const { page, errors } = await open(width);
      await page.goto(url('/stocks'));
      await page.locator('table.stocks-table tbody tr').first().waitFor({ timeout: 60_000 });

      // A screen in words, typed and sent with Enter.
      const words = page.locator('#screen-words-input');
      await words.fill('profitable tech with dividends over 0.5% and RSI under 80');
      await words.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.filter-chips .chip-edit').length >= 4);
      expect(await chips(page)).to.have.members([
        'Sector: Information Technology',
        'EPS ≥ $0.01',
        'Dividend yield ≥ 0.5 %',
        'RSI (14) ≤ 80',
      ]);
      expect(await page.locator('.screen-words-result').textContent()).to.contain('Added 4 filters');
      const wordsQuery = query(page);
      expect(wordsQuery).to.contain('sector=Information+Technology');
      expect(wordsQuery).to.contain('dividend_yield_min=0.005');
      expect(wordsQuery).to.contain('rsi14_max=80');
      const wordsTotal = await apiTotal(page, wordsQuery);
      expect(wordsTotal).to.be.greaterThan(0);
      expect(await shownTotal(page)).to.equal(wordsTotal);
      if (width === 1366) await shot(page, `${width}-words`);

      // Words it does not know are named, and nothing is guessed for them.
      await words.fill('cheap zorgs with P/E under 15%');
      await words.press('Enter');
      const said = page.locator('.screen-words-result');
      await said.filter({ hasText: 'Not understood' }).waitFor();
      expect(await said.textContent()).to.contain('“zorgs”');
      expect(await said.textContent()).to.contain('% does not fit it');

      // Remove a chip: the cheap P/E bound the last phrase added goes, with one click.
      await page.getByRole('button', { name: /^Remove P\/E/ }).click();
      await page.waitForFunction(() => !location.search.includes('pe_min'));
      const before = query(page);

      // The filter panel: open it and a group with the keyboard, type a bound, watch the count.
      const panel = page.locator('details.filter-panel');
      await panel.locator('> summary').focus();
      await page.keyboard.press('Enter');
      await panel.locator('.filter-groups').waitFor();
      const valuation = panel.locator('details.filter-group').filter({ hasText: 'Valuation' }).first();
      // Open at first when it holds a filter (EPS ≥ $0.01 is a valuation figure): close and reopen it.
      await valuation.locator('> summary').focus();
      if ((await valuation.getAttribute('open')) !== null) {
        await page.keyboard.press('Enter');
        await page.waitForFunction((el) => !el?.hasAttribute('open'), await valuation.elementHandle());
      }
      await page.keyboard.press('Enter');
      await page.locator('#f-pe-max').waitFor();
      await page.locator('#f-pe-max').focus();
      await page.keyboard.type('40');
      const expected = await apiTotal(page, `${before}&pe_max=40`);
      const live = panel.locator('.match-count-live');
      await live
        .filter({ hasText: new RegExp(`^${expected} of \\d+ stocks match$`) })
        .waitFor({ timeout: 10_000 })
        .catch(async () => {
          await shot(page, `${width}-panel-failed`);
          throw new Error(
            `live count: ${await live.textContent()}, expected ${expected} (${before}&pe_max=40)`,
          );
        });
      if (width === 390) await shot(page, `${width}-panel`);
      const violations = await seriousViolations(page);
      expect(violations, violations.join('\n')).to.deep.equal([]);
      await panel.getByRole('button', { name: /^Show \d+ stocks$/ }).click();
      await page.waitForFunction(() => location.search.includes('pe_max=40'));
      expect(await chips(page)).to.include('P/E ≤ 40');
      // On a phone the panel folds away to show the table it filtered; on a laptop it stays open.
      expect(await panel.getAttribute('open')).to.equal(width < 600 ? null : '');
      expect(await shownTotal(page)).to.equal(expected);

      // Back: the filters before the panel's change, chips and table included.
      await page.goBack();
      await page.waitForFunction(() => !location.search.includes('pe_max'));
      expect(query(page)).to.equal(before);
      expect(await chips(page)).not.to.include('P/E ≤ 40');
      expect(await shownTotal(page)).to.equal(await apiTotal(page, before));

      // A column view: Valuation shows P/B and EV/EBITDA; the score stays last.
      await page.getByRole('button', { name: 'Valuation', exact: true }).click();
      await page.waitForFunction(() => location.search.includes('columns='));
      const heads = page.locator('table.stocks-table thead th');
      await page.locator('table.stocks-table thead th', { hasText: 'EV/EBITDA' }).waitFor();
      const headings = (await heads.allTextContents()).map((h) => h.replace(/[▲▼↕]/g, '').trim());
      expect(headings).to.include.members([
        'Ticker',
        'Name',
        'P/E',
        'P/B',
        'P/S',
        'EV/EBITDA',
        'PEG',
        'Score',
      ]);
      expect(headings.at(-1)).to.equal('Score');
      expect(
        await page.getByRole('button', { name: 'Valuation', exact: true }).getAttribute('aria-pressed'),
      ).to.equal('true');
      await shot(page, `${width}-valuation`);

      // Save the screen, reload a clean page, reopen it from the saved list.
      const saved = query(page);
      await page.locator('#screen-name').fill('Tech payers');
      await page.getByRole('button', { name: 'Save screen' }).click();
      await page.locator('.saved-list a', { hasText: 'Tech payers' }).waitFor();
      // The screen is shared by its URL: the saved link is it, and Copy link gives it.
      expect(await page.locator('.saved-list a', { hasText: 'Tech payers' }).getAttribute('href')).to.equal(
        `/stocks?${saved}`,
      );
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page
        .locator('.save-form [role="status"]')
        .filter({ hasText: /Link to this screen copied|Copy this link: http/ })
        .waitFor();
      await page.goto(url('/stocks'));
      await page.reload();
      await page.locator('table.stocks-table tbody tr').first().waitFor();
      expect(await page.locator('.filter-chips').count()).to.equal(0);
      await page.locator('.saved-list a', { hasText: 'Tech payers' }).click();
      await page.waitForFunction(() => location.search.includes('columns='));
      expect(query(page)).to.equal(saved);
      expect(await chips(page)).to.include('Sector: Information Technology');
      await page.locator('table.stocks-table thead th', { hasText: 'EV/EBITDA' }).waitFor();
      expect(errors).to.deep.equal([]);
    });
  }

  it('a strategy opens as editable filters and says which rules no filter expresses', async () => {
    const { page, errors } = await open(1366);
    await page.goto(url('/screener'));
    await page.locator('.strategy-card').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: /^Edit as filters\s*:\s*Deep value$/ }).click();
    await page.waitForFunction(() => location.search.includes('from=value'));
    const q = new URLSearchParams(new URL(page.url()).search);
    expect(q.get('pe_max')).to.equal('15');
    expect(q.get('pb_max')).to.equal('2');
    const note = page.locator('.strategy-note');
    await note.waitFor();
    expect(await note.textContent()).to.match(/Deep value: \d of \d rules are filters/);
    expect(await chips(page)).to.include('P/E 0 to 15');
    // Editing a chip opens the panel at its box.
    await page.locator('.filter-chips .chip-edit', { hasText: 'P/E' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-pe-min');
    expect(await page.locator('#f-pe-max').inputValue()).to.equal('15');
    expect(errors).to.deep.equal([]);
  });

  it('keyboard alone: a custom column is added from the column chooser and a chip is removed', async () => {
    const { page, errors } = await open(1366);
    await page.goto(url('/stocks?pe_max=30'));
    await page.locator('table.stocks-table tbody tr').first().waitFor({ timeout: 60_000 });
    // Custom columns: open the list with Enter, tick Beta with Space.
    const custom = page.locator('details.custom-columns > summary');
    await custom.focus();
    await page.keyboard.press('Enter');
    const beta = page.getByRole('checkbox', { name: 'Beta', exact: true });
    await beta.waitFor();
    await beta.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('columns')?.endsWith(',beta'));
    await page.locator('table.stocks-table thead th', { hasText: 'Beta' }).waitFor();
    // The chip's remove button, reached with Tab from its edit button, and pressed with Enter.
    await page.locator('.filter-chips .chip-edit', { hasText: 'P/E ≤ 30' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.contain('Remove P/E ≤ 30');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !location.search.includes('pe_max'));
    expect(await page.locator('.filter-chips').count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });

  it('at 1920 px the table fills the screen without sideways scrolling; screenshots at 390, 1366 and 1920', async () => {
    for (const width of [1920, 1366, 390]) {
      const { page } = await open(width);
      await page.goto(
        url(
          '/stocks?sector=Information+Technology&dividend_yield_min=0.005&columns=sector,price,change_pct,market_cap,pe,pb,ps,dividend_yield,roe,rsi14,perf_1m',
        ),
      );
      await page
        .locator('table.stocks-table tbody tr')
        .first()
        .waitFor({ timeout: 60_000 })
        .catch(async (err) => {
          await shot(page, `${width}-table-failed`);
          throw new Error(`${(err as Error).message}\n${await page.locator('main').textContent()}`);
        });
      await painted(page);
      const box = await page.evaluate(() => {
        const wrap = document.querySelector('.stocks-page .table-wrap') as HTMLElement;
        return {
          scroll: wrap.scrollWidth - wrap.clientWidth,
          width: wrap.clientWidth,
          screen: window.innerWidth,
        };
      });
      if (width === 1920) {
        expect(box.scroll, 'the table scrolls sideways at 1920 px').to.be.at.most(1);
        // The table uses the screen, not a 1280 px column.
        expect(box.width).to.be.greaterThan(1700);
      }
      if (width === 390) {
        // On a phone the chosen columns scroll sideways; ticker, star and score stay on screen.
        const row = page.locator('table.stocks-table tbody tr').first();
        const visible = () =>
          Promise.all(
            ['.ticker-link', 'button.star', '.score'].map((sel) =>
              row.locator(sel).evaluate((el) => {
                const r = el.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return !!hit && (hit === el || el.contains(hit));
              }),
            ),
          );
        await row.scrollIntoViewIfNeeded();
        expect(box.scroll, 'the phone table scrolls sideways').to.be.greaterThan(100);
        expect(await visible()).to.deep.equal([true, true, true]);
        await page.locator('.stocks-page .table-wrap').evaluate((w) => {
          w.scrollLeft = w.scrollWidth;
        });
        expect(await visible()).to.deep.equal([true, true, true]);
      }
      await shot(page, `${width}-table`);
      const violations = await seriousViolations(page);
      expect(violations, violations.join('\n')).to.deep.equal([]);
    }
  });
});
