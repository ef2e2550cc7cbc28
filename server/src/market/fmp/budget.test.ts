import { expect } from 'chai';
import { describeEachDatabase } from '../../../test-support/db.ts';
import { createDb } from '../../db/knex.ts';
import { migrateLatest } from '../../db/migrate.ts';
import { KnexCallBudget, MemoryCallBudget } from './budget.ts';

const DAY1 = new Date('2026-11-27T15:00:00Z'); // New York Nov 27
const LATE = new Date('2026-11-28T04:30:00Z'); // 23:30 EST, still Nov 27 in New York
const DAY2 = new Date('2026-11-28T05:00:00Z'); // 00:00 EST Nov 28

describeEachDatabase('FMP daily call budget (provider_calls table)', (get) => {
  before(async () => {
    await migrateLatest(get().db);
  });
  beforeEach(async () => {
    await get().db('provider_calls').delete();
  });

  it('grants calls up to the limit, then refuses, per New York day', async () => {
    const budget = new KnexCallBudget(get().db, 3);
    const granted = [];
    for (let i = 0; i < 4; i++) granted.push(await budget.take(DAY1));
    expect(granted).to.deep.equal([true, true, true, false]);
    expect(await budget.take(LATE)).to.equal(false);
    expect(await budget.usage(LATE)).to.deep.equal({ day: '2026-11-27', used: 3, limit: 3, remaining: 0 });
    expect(await budget.take(DAY2)).to.equal(true);
    expect(await budget.usage(DAY2)).to.deep.equal({ day: '2026-11-28', used: 1, limit: 3, remaining: 2 });
  });

  it('survives a restart: a new budget on the same database continues the count', async () => {
    await new KnexCallBudget(get().db, 250).take(DAY1);
    await new KnexCallBudget(get().db, 250).take(DAY1);
    const other = createDb(get().target); // a second connection pool, as a restarted process
    try {
      const budget = new KnexCallBudget(other, 250);
      expect((await budget.usage(DAY1)).used).to.equal(2);
      await budget.take(DAY1);
      expect((await budget.usage(DAY1)).used).to.equal(3);
    } finally {
      await other.destroy();
    }
  });

  it('never overspends under concurrent takes', async () => {
    const budget = new KnexCallBudget(get().db, 10);
    const results = await Promise.all(Array.from({ length: 25 }, () => budget.take(DAY1)));
    expect(results.filter(Boolean)).to.have.length(10);
    expect((await budget.usage(DAY1)).used).to.equal(10);
  });

  it('keeps providers apart', async () => {
    await new KnexCallBudget(get().db, 5, 'fmp').take(DAY1);
    expect((await new KnexCallBudget(get().db, 5, 'other').usage(DAY1)).used).to.equal(0);
  });
});

describe('FMP daily call budget (in memory)', () => {
  it('counts per New York day', async () => {
    const budget = new MemoryCallBudget(1);
    expect(await budget.take(DAY1)).to.equal(true);
    expect(await budget.take(LATE)).to.equal(false);
    expect(await budget.take(DAY2)).to.equal(true);
  });
});
