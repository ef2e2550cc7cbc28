import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOG_KEYS } from './src/api/catalog.ts';
import { loadConfig, parseDatabaseUrl } from './src/config.ts';
import { createDb } from './src/db/knex.ts';
import { migrateLatest } from './src/db/migrate.ts';
import { startTestServer } from './test-support/app.ts';
import { seed } from './test-support/seed.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scr-'));
const db = createDb(parseDatabaseUrl(`sqlite:${dir}/x.db`));
await migrateLatest(db);
await seed(db, { seed: 'x', endDate: '2026-11-27', synthetic: 0, historyPoints: 0 });
const api = await startTestServer(db);
const r = await api.get(`/api/stocks?limit=2&columns=${CATALOG_KEYS.join(',')}`);
console.log(r.status, JSON.stringify(r.body, null, 1).slice(0, 4000));
const c = await api.get('/api/screener/metrics');
console.log(c.status, JSON.stringify(c.body).slice(0, 1500));
for (const u of [
  '/api/stocks?pe_min=abc',
  '/api/stocks?columns=foo',
  '/api/stocks?pe_min=20&pe_max=10',
  '/api/stocks?cap=huge',
  '/api/stocks?exchange=LSE',
  '/api/stocks?sort=perf_ytd&order=asc&columns=perf_ytd&limit=3',
  '/api/stocks?cap=mega,large&perf_1y_min=0.1&columns=market_cap,perf_1y&limit=3',
]) {
  const x = await api.get(u);
  console.log(u, x.status, JSON.stringify(x.body).slice(0, 400));
}
await api.close();
await db.destroy();
