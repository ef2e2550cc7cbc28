/**
 * The Content-Security-Policy works: headless Chromium (/usr/bin/chromium, no download)
 * loads `/docs` (swagger-ui) and every page of the built client, served by the API in
 * production mode with the policy on, and records `securitypolicyviolation` events and
 * console CSP errors. None is allowed. The client is built into a temp folder first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type Browser, chromium } from 'playwright-core';
import { startTestServer, type TestServer } from '../../test-support/app.ts';
import { createSqliteTestDb, type TestDatabase } from '../../test-support/db.ts';
import { seed } from '../../test-support/seed.ts';
import { loadConfig, REPO_ROOT } from '../config.ts';
import { migrateLatest } from '../db/migrate.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = [
  '/docs',
  '/',
  '/stocks',
  '/stocks/AAPL',
  '/leaderboard',
  '/screener',
  '/screener/piotroski',
  '/watchlist',
  '/status',
  '/map',
  '/map?color=score&sector=Energy',
  '/backtest',
];

const skip = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found`;

(skip ? describe.skip : describe)(
  `Content-Security-Policy in Chromium${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    let dist: string;
    let tdb: TestDatabase;
    let api: TestServer;
    let browser: Browser;

    before(async function () {
      this.timeout(180_000);
      dist = await mkdtemp(path.join(os.tmpdir(), 'vibeapp-csp-'));
      const build = spawnSync(
        'npx',
        ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
        {
          cwd: path.join(REPO_ROOT, 'client'),
          encoding: 'utf8',
        },
      );
      if (build.status !== 0) throw new Error(`client build failed: ${build.stderr || build.stdout}`);
      tdb = await createSqliteTestDb();
      await migrateLatest(tdb.db);
      await seed(tdb.db, { seed: 'csp-test', endDate: '2026-11-27', historyPoints: 30, reset: true });
      api = await startTestServer(tdb.db, {
        config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' }),
        app: { serveClient: true, clientDist: dist },
      });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
    });
    after(async () => {
      await browser?.close();
      await api?.close();
      await tdb?.dispose();
      if (dist) await rm(dist, { recursive: true, force: true });
    });

    it('loads /docs and every client page with no CSP violation', async function () {
      this.timeout(120_000);
      const page = await browser.newPage();
      const violations: string[] = [];
      await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
      // A string, not a function: this server code has no DOM types.
      await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));`);
      page.on('console', (msg) => {
        if (/Content[- ]Security[- ]Policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
      });
      const loaded: string[] = [];
      for (const path of PAGES) {
        const res = await page.goto(api.url + path, { waitUntil: 'networkidle' });
        expect(res?.status(), path).to.equal(200);
        expect(res?.headers()['content-security-policy'], path).to.contain("frame-ancestors 'none'");
        if (path === '/docs') await page.locator('.swagger-ui .info').waitFor({ timeout: 20_000 });
        // Something rendered: swagger-ui's title or the client's shell.
        const text = (await page.locator('body').textContent()) ?? '';
        expect(text.trim().length, path).to.be.greaterThan(0);
        loaded.push(path);
      }
      expect(violations, violations.join('\n')).to.deep.equal([]);
      expect(loaded).to.deep.equal(PAGES);
      await page.close();
    });
  },
);
