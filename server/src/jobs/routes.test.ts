import { expect } from 'chai';
import { describeEachDatabase } from '../../test-support/db.ts';
import { migrateLatest } from '../db/migrate.ts';
import { JOBS } from './registry.ts';
import { createJobStatusSource, jobRoutes } from './routes.ts';
import { prepareJobStore } from './store.ts';

describeEachDatabase('job status for GET /api/system/jobs', (get) => {
  it('lists every registered job as never run before any worker ran, then what the store holds', async () => {
    await migrateLatest(get().db);
    const source = createJobStatusSource({ target: get().target, db: get().db, source: 'sample' });
    try {
      const empty = await source.list();
      expect(empty.items.map((i) => i.name)).to.deep.equal(JOBS.map((j) => j.name));
      expect(empty.items.every((i) => i.last_status === null && i.next_run_at === null)).to.equal(true);
      expect(empty.items.find((i) => i.name === 'refresh-stock-data')?.data_source).to.equal('sample');

      await prepareJobStore(get().target, get().db);
      const [def] = jobRoutes(source);
      expect(def.path).to.equal('/api/system/jobs');
      const body = (await def.handler({ query: {}, params: {}, ctx: {} as never })) as Awaited<
        ReturnType<typeof source.list>
      >;
      expect(body.items).to.have.length(JOBS.length);
      expect(body.items[0].schedule).to.match(/trading days/);
    } finally {
      await source.close();
    }
  });
});
