import { expect } from 'chai';
import { describeEachDatabase } from '../../test-support/db.ts';
import { upsertRows } from './upsert.ts';

interface Row {
  k: string;
  n: number;
  a: number | null;
  b: string | null;
  day: string;
  stamp: string;
}

const row = (k: string, a: number | null, stamp: string, b: string | null = `text ${k}`): Row => ({
  k,
  n: 1,
  a,
  b,
  day: '2026-11-24',
  stamp,
});

describeEachDatabase(
  'upsertRows',
  (get) => {
    beforeEach(async () => {
      await get().db.schema.createTable('t', (t) => {
        t.string('k', 40);
        t.integer('n');
        t.double('a');
        t.text('b');
        t.date('day');
        t.string('stamp', 32).notNullable();
        t.primary(['k', 'n']);
      });
    });

    const read = async () => get().db('t').select('k', 'n', 'a', 'b', 'day', 'stamp').orderBy('k');
    const upsert = (rows: Row[]) =>
      upsertRows(get().db, 't', rows, { key: ['k', 'n'], uncompared: ['stamp'] });

    it('inserts new rows and rewrites only the rows whose compared columns changed', async () => {
      await upsert([
        row('a', 1, 'first'),
        row('b', 2, 'first'),
        row('c', null, 'first'),
        row('d', 4, 'first'),
      ]);
      const xmin = async () =>
        get().name === 'postgres'
          ? Object.fromEntries(
              (await get().db.raw('select k, xmin::text as x from t')).rows.map(
                (r: { k: string; x: string }) => [r.k, r.x],
              ),
            )
          : {};
      const before = await xmin();
      await upsert([]); // nothing to write
      // a unchanged, b changed, c null → value, d value → null, e new.
      await upsert([
        row('a', 1, 'second'),
        row('b', 2.5, 'second'),
        row('c', 3, 'second'),
        row('d', 4, 'second', null),
        row('e', 5, 'second'),
      ]);
      expect((await read()).map((r) => [r.k, r.a, r.b, r.stamp])).to.deep.equal([
        ['a', 1, 'text a', 'first'],
        ['b', 2.5, 'text b', 'second'],
        ['c', 3, 'text c', 'second'],
        ['d', 4, null, 'second'],
        ['e', 5, 'text e', 'second'],
      ]);
      if (get().name === 'postgres') {
        const after = await xmin();
        expect(after.a).to.equal(before.a); // no new row version for the unchanged row
        expect(after.b).to.not.equal(before.b);
      }
    });

    it('stores numbers, dates and text exactly, over several statements', async () => {
      const tricky = [0.1 + 0.2, 1e-300, -123456789.12345679, 2 ** 53 - 1, Number.POSITIVE_INFINITY, -0.5];
      const text = 'a "quoted" \\ back\\slash, ü, \n new line, \t tab, \u2028';
      const rows = Array.from({ length: 2_345 }, (_, i) => ({
        ...row(`k${String(i).padStart(5, '0')}`, tricky[i % tricky.length], 's', i % 7 ? text : null),
        day: i % 2 ? '2026-11-24' : '1999-12-31',
      }));
      await upsert(rows);
      const stored = await read();
      expect(stored).to.have.length(rows.length);
      expect(stored).to.deep.equal(rows.map(({ k, a, b, day, stamp }) => ({ k, n: 1, a, b, day, stamp })));
    });
  },
  { fresh: 'each' },
);
