/**
 * Layout of every page at a phone (390 px), a laptop (1366 px) and a desktop (1920 px) width:
 * the page never scrolls sideways, no card or table is wider than its container (only the
 * regions built to scroll sideways may hold a wider table), every score badge can be seen
 * without scrolling a table, and every navigation tab can be reached; and axe-core finds no
 * serious or critical accessibility violation (the 1920 px run uses the dark colour scheme, so
 * both palettes are checked for contrast). Screenshots of each page at each width land in
 * client/artifacts/screenshots/layout-<width>-<page>.png.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { painted, SCREENSHOT_DIR, type Stack, skipReason, startStack } from './harness.ts';

const reason = skipReason();
const title = reason
  ? `layout and accessibility at 390, 1366 and 1920 px (skipped: ${reason})`
  : 'layout and accessibility at 390, 1366 and 1920 px';

const WIDTHS = [390, 1366, 1920] as const;

/** Every page, with what shows once it has loaded. */
const PAGES: { name: string; path: string; ready: string }[] = [
  { name: 'overview', path: '/', ready: '#top-h ~ div table tbody tr' },
  { name: 'stocks', path: '/stocks', ready: 'table.stocks-table tbody tr' },
  {
    name: 'stocks-screen',
    path: '/stocks?sector=Information+Technology&dividend_yield_min=0.005&rsi14_max=80&columns=sector,industry,price,change_pct,market_cap,pe,pb,ps,dividend_yield,roe,rsi14,perf_1m,perf_ytd',
    ready: 'table.stocks-table tbody tr',
  },
  {
    name: 'stocks-technical',
    path: '/stocks?columns=price,change_pct,volume,rel_volume,beta,volatility,rsi14,sma20,sma50,sma200,price_vs_sma50,price_vs_sma200,from_52w_high,from_52w_low',
    ready: 'table.stocks-table tbody tr',
  },
  { name: 'stock-detail', path: '/stocks/AAPL', ready: '.chart-canvas canvas' },
  {
    name: 'stock-detail-panes',
    path: '/stocks/AAPL?ind=rsi,macd,bb,score&log=1&cmp=MSFT,NVDA',
    ready: '.chart-canvas[data-panes="4"][data-compared="MSFT,NVDA"] canvas',
  },
  { name: 'leaderboard', path: '/leaderboard', ready: '.board-groups section tbody tr' },
  { name: 'leaderboard-sector', path: '/leaderboard?sector=Utilities', ready: 'table tbody tr' },
  { name: 'screener', path: '/screener', ready: '.strategy-card' },
  { name: 'screener-piotroski', path: '/screener/piotroski', ready: '#results-h ~ * tbody tr' },
  { name: 'screener-graham', path: '/screener/graham-defensive', ready: '#results-h ~ .state-empty' },
  { name: 'watchlist', path: '/watchlist', ready: 'table tbody tr' },
  { name: 'status', path: '/status', ready: '.status-line' },
  { name: 'map', path: '/map', ready: '.map-tile' },
  { name: 'map-score', path: '/map?color=score&sector=Information%20Technology', ready: '.map-tile' },
  { name: 'backtest', path: '/backtest', ready: '.bt-chart' },
];

interface LayoutReport {
  pageOverflow: number;
  overflows: string[];
  hiddenScores: string[];
  scoreCount: number;
  unreachableNav: string[];
}

/**
 * Runs in the page. A table may be wider than its box only inside a region made to scroll
 * sideways (`.scroll-x`); everything else must fit. A score badge counts as visible when the
 * point at its centre hits the badge itself (not clipped by a scroll box, not covered).
 */
function inspectLayout(): LayoutReport {
  const describe = (el: Element) => {
    const h = el.closest('section, .card')?.querySelector('h1, h2, caption, [aria-label]');
    const name =
      el.getAttribute('aria-label') ?? h?.getAttribute('aria-label') ?? h?.textContent?.trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (${name ?? '?'})`;
  };
  const scrollsX = (el: Element) => el.closest('.scroll-x') !== null;
  const overflows: string[] = [];
  for (const el of document.querySelectorAll('main .card, main table, main .table-wrap, main .tiles')) {
    const parent = el.parentElement;
    if (!parent || (el as HTMLElement).offsetParent === null) continue;
    if (el.tagName === 'TABLE' && scrollsX(el)) continue;
    const r = el.getBoundingClientRect();
    const p = parent.getBoundingClientRect();
    if (r.right > p.right + 1 || r.left < p.left - 1)
      overflows.push(`${describe(el)} is ${Math.round(r.width)} px wide in a ${Math.round(p.width)} px box`);
    else if (!scrollsX(el) && el.scrollWidth > el.clientWidth + 1)
      overflows.push(`${describe(el)}: content ${el.scrollWidth} px wide in ${el.clientWidth} px`);
  }

  const hidden = new Map<string, number>();
  const badges = [...document.querySelectorAll('main table .score, main .detail-score .score')].filter(
    (b) => (b as HTMLElement).offsetParent !== null && !b.closest('details:not([open])'),
  );
  for (const badge of badges.slice(0, 60)) {
    const before = badge.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + before.top - window.innerHeight / 2);
    const r = badge.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const hit = x >= 0 && x < window.innerWidth ? document.elementFromPoint(x, y) : null;
    if (!hit || !(badge === hit || badge.contains(hit))) {
      const where = describe(badge.closest('table') ?? badge);
      hidden.set(where, (hidden.get(where) ?? 0) + 1);
    }
  }
  const hiddenScores = [...hidden].map(([where, n]) => `${where} (${n} rows)`);

  window.scrollTo(0, 0);
  const unreachableNav: string[] = [];
  for (const a of document.querySelectorAll('.site-nav a')) {
    const r = a.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(a === hit || a.contains(hit))) unreachableNav.push(a.textContent ?? '?');
  }

  return {
    pageOverflow: Math.max(document.documentElement.scrollWidth, window.innerWidth) - window.innerWidth,
    overflows,
    hiddenScores,
    scoreCount: badges.length,
    unreachableNav,
  };
}

/**
 * axe-core's rules (WCAG 2.x A and AA, and its best practices) over the page as it stands:
 * every serious or critical violation, one line per rule with the elements it found.
 */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const where = v.nodes
        .slice(0, 4)
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`,
        )
        .join('; ');
      return `axe ${v.impact} ${v.id} on ${v.nodes.length} element(s): ${v.help}: ${where}`;
    });
}

describe(title, function () {
  this.timeout(300_000);
  let stack: Stack | undefined;
  const contexts: BrowserContext[] = [];

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
      // The widest run is in the dark scheme, so axe checks the contrast of both palettes.
      colorScheme: width === 1920 ? 'dark' : 'light',
      isMobile: phone,
      hasTouch: phone,
    });
    contexts.push(context);
    // tsx keeps function names with a `__name` helper that functions sent to the page would miss.
    await context.addInitScript('globalThis.__name = (f) => f;');
    await context.addInitScript(() =>
      localStorage.setItem('vibeapp.watchlist.v1', JSON.stringify(['AAPL', 'MSFT', 'JNJ'])),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    return { page, errors };
  }

  for (const width of WIDTHS) {
    it(`at ${width} px no page, card or table overflows, every score shows, every tab is reachable and axe finds nothing serious`, async () => {
      const { page, errors } = await open(width);
      const problems: string[] = [];
      for (const p of PAGES) {
        await page.goto(`${stack!.baseUrl}${p.path}`);
        // The first visit compiles the modules on the dev server: give it time on a busy machine.
        await page.locator(p.ready).first().waitFor({ timeout: 60_000 });
        await page.waitForFunction(
          () => !document.querySelector('[aria-busy="true"], main .state-loading:not(.chart-overlay *)'),
        );
        await painted(page);
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `layout-${width}-${p.name}.png`),
          fullPage: true,
        });
        const report = await page.evaluate(inspectLayout);
        if (report.pageOverflow > 1)
          problems.push(`${p.path}: the page scrolls sideways by ${report.pageOverflow} px`);
        for (const o of report.overflows) problems.push(`${p.path}: ${o}`);
        for (const s of report.hiddenScores) problems.push(`${p.path}: score not visible in ${s}`);
        for (const n of report.unreachableNav) problems.push(`${p.path}: nav tab "${n}" is off screen`);
        for (const v of await accessibilityViolations(page)) problems.push(`${p.path}: ${v}`);
        if (!['screener', 'screener-graham', 'status', 'backtest', 'map', 'map-score'].includes(p.name))
          expect(report.scoreCount, `${p.path} shows scores`).to.be.greaterThan(0);
      }
      expect(problems.length, `${problems.length} layout problems:\n${problems.join('\n')}`).to.equal(0);
      expect(errors, 'uncaught errors in the page').to.deep.equal([]);
    });
  }
});
