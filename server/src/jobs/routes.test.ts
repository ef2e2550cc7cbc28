import { expect } from 'chai';
import { startTestServer } from '../../test-support/app.ts';
import { describeEachDatabase } from '../../test-support/db.ts';
import { migrateLatest } from '../db/migrate.ts';
import { JOBS } from './registry.ts';
import { JobList } from './schemas.ts';
import { prepareJobStore } from './store.ts';

describeEachDatabase('job status for GET /api/system/jobs', (get) => {
  it('lists every registered job as never run before any worker ran, then what the store holds', async () => {
    await migrateLatest(get().db);
    const api = await startTestServer(get().db);
    try {
      const empty = await api.admin('/api/system/jobs');
      expect(empty.status).to.equal(200);
      const before = JobList.parse(empty.body);
      expect(before.items.map((i) => i.name)).to.deep.equal(JOBS.map((j) => j.name));
      expect(before.items.every((i) => i.last_status === null && i.next_run_at === null)).to.equal(true);
      expect(before.items.find((i) => i.name === 'refresh-stock-data')?.data_source).to.equal('sample');

      await prepareJobStore(get().target, get().db);
      const after = JobList.parse((await api.admin('/api/system/jobs')).body);
      expect(after.items).to.have.length(JOBS.length);
      expect(after.items[0].schedule).to.match(/trading days/);
    } finally {
      await api.close();
    }
  });
});
