import { parseDatabaseUrl } from './src/config.ts';
import { createDb } from './src/db/knex.ts';
import { screen } from './src/screener/columns.ts';
import { createScreenTableSource } from './src/screener/screen-table.ts';
import * as present from './src/stocks/presenters.ts';
import { StockListQuery } from './src/stocks/schemas.ts';

const db = createDb(parseDatabaseUrl('sqlite:/tmp/screener-bench.db'));
const src = createScreenTableSource({ db, cache: { onInvalidate() {} } });
let t = performance.now();
const table = await src.current();
console.log('build', (performance.now() - t).toFixed(0), 'ms', table.size);
const raw = {
  pe_min: '10',
  roe_min: '0.1',
  sort: 'perf_1m',
  order: 'desc',
  limit: '50',
  columns: 'market_cap,pe,peg,ps,pb,price,change_pct',
};
for (let i = 0; i < 200; i++) StockListQuery.parse(raw);
t = performance.now();
for (let i = 0; i < 1000; i++) StockListQuery.parse(raw);
console.log('zod parse', ((performance.now() - t) / 1000).toFixed(3), 'ms');
const q = StockListQuery.parse(raw);
const bounds = [
  { key: 'pe', min: 10 },
  { key: 'roe', min: 0.1 },
] as const;
t = performance.now();
for (let i = 0; i < 1000; i++)
  screen(table, { bounds: bounds as any, sort: 'perf_1m', order: 'desc', offset: 0, limit: 50 });
console.log('screen', ((performance.now() - t) / 1000).toFixed(3), 'ms');
t = performance.now();
for (let i = 0; i < 1000; i++) {
  const { rows, total } = screen(table, {
    bounds: bounds as any,
    sort: 'perf_1m',
    order: 'desc',
    offset: 0,
    limit: 50,
  });
  JSON.stringify(present.stockPage(table, rows, q.columns, total, 1, 50));
}
console.log('screen+present+json', ((performance.now() - t) / 1000).toFixed(3), 'ms');
await db.destroy();
