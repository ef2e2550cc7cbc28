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

describe('job status of a failed run', () => {
  const [refresh] = JOBS;
  const failedWith = async (failReason: string) => {
    const at = new Date('2026-11-24T15:00:00Z');
    const row = {
      name: refresh.name,
      lastRunAt: at,
      lastFinishedAt: at,
      failedAt: at,
      failCount: 1,
      failReason,
    } as JobWithState;
    const repository = { queryJobs: async () => ({ jobs: [row], total: 1 }) };
    const { items } = await jobStatus(repository, [refresh], { source: 'fmp', clock: fixedClock(at) });
    return items[0];
  };

  it('splits a coded failure into its code and its message', async () => {
    const item = await failedWith(
      'provider_timeout: FMP batch-quote: no answer within 10000 ms after 4 attempts',
    );
    expect(item).to.include({
      last_status: 'failed',
      last_error_code: 'provider_timeout',
      last_error: 'FMP batch-quote: no answer within 10000 ms after 4 attempts',
    });
  });

  it('an uncoded failure has no code and shows no message of its own (it may hold SQL or a host)', async () => {
    const item = await failedWith(
      'select * from "stocks" where "ticker" = $1 - connect ECONNREFUSED 10.0.0.5:5432',
    );
    expect(item).to.include({
      last_error_code: null,
      last_error: "The run failed with an unexpected error; the worker's log has the detail",
    });
  });
});
