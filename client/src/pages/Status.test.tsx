import { expect } from 'chai';
import { render } from 'preact-render-to-string';
import { ApiError } from '../api/client.ts';
import type { CacheStats, JobList, JobStatus } from '../api/types.ts';
import type { ApiState } from '../lib/hooks.ts';
import { AdminTokenForm, CacheView, JobsView, Optional } from './Status.tsx';

const now = new Date('2026-11-27T15:00:00Z');

const cache: CacheStats = {
  backend: 'redis',
  status: 'up',
  hits: 12_000,
  misses: 3_000,
  hit_rate: 0.8,
  keys: 421,
  since: '2026-11-27T12:00:00Z',
};

const state = <T,>(patch: Partial<ApiState<T>>): ApiState<T> => ({
  data: undefined,
  error: undefined,
  loading: false,
  retrying: false,
  attempts: 0,
  reload: () => {},
  ...patch,
});

const job = (patch: Partial<JobStatus>): JobStatus => ({
  name: 'refresh-quotes',
  schedule: 'hourly 10:00-16:00 ET, trading days',
  last_run_at: '2026-11-27T14:00:00Z',
  last_finished_at: '2026-11-27T14:00:05Z',
  last_status: 'succeeded',
  last_error: null,
  last_error_code: null,
  next_run_at: '2026-11-27T16:00:00Z',
  failures: 0,
  retries_exhausted: false,
  progress: null,
  data_source: null,
  ...patch,
});

describe('Status page views (server-rendered)', () => {
  it('CacheView shows the hit rate as a percent, the backend, status and counters', () => {
    const html = render(<CacheView c={cache} now={now} />);
    expect(html).to.contain('80.0%');
    expect(html).to.contain('hit rate');
    expect(html).to.contain('Redis');
    expect(html).to.contain('class="pill pill-up"');
    expect(html).to.contain('12,000');
    expect(html).to.contain('3,000');
    expect(html).to.contain('421');
    expect(html).to.contain('Counting since');
    expect(html).to.contain('Nov 27, 2026 12:00 UTC');
    expect(html).to.contain('3 hours ago');
  });

  it('CacheView shows a dash for a hit rate before any lookup and for unknown keys', () => {
    const html = render(
      <CacheView
        c={{ ...cache, backend: 'none', status: 'disabled', hits: 0, misses: 0, hit_rate: null, keys: null }}
        now={now}
      />,
    );
    expect(html).to.match(/class="big-number">— <span/);
    expect(html).to.contain('None (caching off)');
    expect(html).to.contain('pill-disabled');
    expect(html).not.to.contain('NaN');
    expect(html).not.to.contain('null');
  });

  it('JobsView lists each job with its schedule, last run (status and age) and next run', () => {
    const html = render(<JobsView jobs={{ items: [job({})] }} now={now} />);
    expect(html).to.contain('<th scope="row">refresh-quotes</th>');
    expect(html).to.contain('hourly 10:00-16:00 ET, trading days');
    expect(html).to.contain('class="pill pill-succeeded"');
    expect(html).to.contain('1 hour ago');
    expect(html).to.contain('Nov 27, 2026 16:00 UTC');
    expect(html).not.to.contain('job-failing');
    expect(html).not.to.contain('job-error');
  });

  it('JobsView highlights a failing job with its error and consecutive failures', () => {
    const jobs: JobList = {
      items: [
        job({}),
        job({
          name: 'recompute-scores',
          last_status: 'failed',
          last_error: 'FMP batch-quote: the request limit is reached (HTTP 429) after 4 attempts',
          last_error_code: 'provider_rate_limited',
          failures: 3,
        }),
      ],
    };
    const html = render(<JobsView jobs={jobs} now={now} />);
    const failing = /<tr class="job-failing">.*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(failing).to.contain('recompute-scores');
    expect(failing).to.contain('class="pill pill-failed"');
    expect(failing).to.contain('<code>provider_rate_limited</code>');
    expect(failing).to.contain('the request limit is reached (HTTP 429)');
    expect(failing).to.contain('<td class="num down">3</td>');
    expect(html.match(/job-failing/g)).to.have.length(1);
  });

  it('JobsView says when a job has never run, and a running job shows its pill', () => {
    const html = render(
      <JobsView
        jobs={{
          items: [
            job({ name: 'backfill', last_run_at: null, last_finished_at: null, last_status: null }),
            job({ name: 'refresh-quotes', last_status: 'running', last_finished_at: null }),
          ],
        }}
        now={now}
      />,
    );
    expect(html).to.contain('never run');
    expect(html).to.contain('class="pill pill-running"');
    expect(html).not.to.contain('null');
  });

  it('JobsView shows an empty state for an empty job list', () => {
    const html = render(<JobsView jobs={{ items: [] }} now={now} />);
    expect(html).to.contain('state-empty');
    expect(html).to.contain('No scheduled jobs.');
    expect(html).not.to.contain('<table');
  });

  it('an endpoint answering 404 is "Not available yet.", other errors and loading show as usual', () => {
    const view = (st: ApiState<CacheStats>) =>
      render(
        <Optional state={st} what="cache statistics">
          {(c) => <CacheView c={c} now={now} />}
        </Optional>,
      );
    const notFound = view(state({ error: new ApiError(404, 'not_found', 'No route GET /api/system/cache') }));
    expect(notFound).to.contain('Not available yet.');
    expect(notFound).not.to.contain('state-error');
    const failed = view(state({ error: new ApiError(500, 'internal', 'Redis timed out') }));
    expect(failed).to.contain('state-error');
    expect(failed).to.contain('Could not load cache statistics');
    expect(failed).to.contain('Redis timed out');
    expect(view(state({ loading: true }))).to.contain('Loading cache statistics…');
    expect(view(state({ data: cache }))).to.contain('80.0%');
  });

  it('asks for the admin token on 401, says it was refused when one was sent, and says when the server has none', () => {
    const view = (st: ApiState<CacheStats>, token?: string) =>
      render(
        <Optional state={st} what="cache statistics" token={token}>
          {(c) => <CacheView c={c} now={now} />}
        </Optional>,
      );
    const unauthorized = new ApiError(401, 'unauthorized', 'This route needs the admin token');
    const missing = view(state({ error: unauthorized }));
    expect(missing).to.contain('Needs the admin token.');
    expect(missing).not.to.contain('state-error');
    expect(view(state({ error: unauthorized }), 'wrong')).to.contain('The admin token was refused.');
    const off = view(state({ error: new ApiError(403, 'admin_disabled', 'Operational detail is off') }), 'x');
    expect(off).to.contain('Off on this server.');
    expect(off).to.contain('ADMIN_TOKEN');
    // Old data is not shown once the token is refused.
    expect(view(state({ data: cache, error: unauthorized }))).not.to.contain('80.0%');
  });

  it('AdminTokenForm is a password field that never shows the token it holds', () => {
    const empty = render(<AdminTokenForm token="" onChange={() => {}} />);
    expect(empty).to.contain('type="password"');
    expect(empty).to.contain('Admin token');
    expect(empty).not.to.contain('Forget token');
    const given = render(<AdminTokenForm token="secret-token-value-123" onChange={() => {}} />);
    expect(given).to.contain('Forget token');
    expect(given).not.to.contain('secret-token-value-123');
  });
});
