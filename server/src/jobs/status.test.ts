import type { JobWithState } from 'agenda';
import { expect } from 'chai';
import { fixedClock } from '../clock.ts';
import { JOBS } from './registry.ts';
import { jobStatus } from './status.ts';

describe('job status', () => {
  it('picks the next run by the clock it is given: the first one not yet past', async () => {
    const [refresh] = JOBS;
    const row = (nextRunAt: string) =>
      ({ name: refresh.name, nextRunAt: new Date(nextRunAt) }) as JobWithState;
    const repository = {
      queryJobs: async () => ({
        jobs: [row('2026-11-24T14:30:00Z'), row('2026-11-24T15:00:00Z')],
        total: 2,
      }),
    };
    const at = async (now: string) => {
      const { items } = await jobStatus(repository, [refresh], { source: 'sample', clock: fixedClock(now) });
      return items[0].next_run_at;
    };
    expect(await at('2026-11-24T14:00:00Z')).to.equal('2026-11-24T14:30:00.000Z');
    expect(await at('2026-11-24T14:45:00Z')).to.equal('2026-11-24T15:00:00.000Z');
  });
});
