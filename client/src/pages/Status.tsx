/**
 * Status: API health and checks, the data's source and freshness (public), and with the admin
 * token the cache hit rate and job runs (the API's operational detail).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api, isAdminRefusal, isNotFound } from '../api/client.ts';
import type { CacheStats, Health, JobList, JobStatus } from '../api/types.ts';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { ScrollRegion } from '../components/StockList.tsx';
import { readAdminToken, saveAdminToken } from '../lib/admin-token.ts';
import {
  formatAge,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatRatio,
  MISSING,
} from '../lib/format.ts';
import { type ApiState, useApi, useTitle } from '../lib/hooks.ts';
import './Status.css';

function Pill({ status }: { status: string }) {
  return <span class={`pill pill-${status}`}>{status}</span>;
}

function HealthView({ h }: { h: Health }) {
  const checks = Object.entries(h.checks);
  return (
    <>
      <p class="status-line">
        API is <Pill status={h.status} /> · version {h.version} · up {formatDuration(h.uptime_s)}
      </p>
      {checks.length === 0 ? (
        <EmptyState title="The API reports no checks." />
      ) : (
        <div class="table-wrap">
          <table class="data compact">
            <caption>Checks</caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Latency
                </th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {checks.map(([name, c]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <Pill status={c.status} />
                  </td>
                  <td class="num">
                    {c.latency_ms === undefined ? MISSING : `${formatNumber(c.latency_ms, 1)} ms`}
                  </td>
                  <td class="wrap">{c.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function DataInfo({ h }: { h: Health }) {
  const d = h.data;
  if (!d) return <EmptyState title="The API reports no data information." />;
  return (
    <dl class="facts">
      <div>
        <dt>Source</dt>
        <dd>
          {d.source} {d.sample && <span class="badge badge-sample">Sample data</span>}
        </dd>
      </div>
      <div>
        <dt>Prices as of</dt>
        <dd>{formatDate(d.as_of)}</dd>
      </div>
      <div>
        <dt>Stocks</dt>
        <dd>{d.stocks}</dd>
      </div>
      <div>
        <dt>Scores computed</dt>
        <dd>
          {formatDateTime(d.scores_computed_at)} ({formatAge(d.scores_computed_at)})
        </dd>
      </div>
    </dl>
  );
}

const BACKEND_LABEL: Record<CacheStats['backend'], string> = {
  redis: 'Redis',
  memory: 'In-memory',
  none: 'None (caching off)',
};

/** The cache section: hit rate, backend and counters from `/api/system/cache`. */
export function CacheView({ c, now }: { c: CacheStats; now?: Date }) {
  return (
    <>
      <p class="big-number">
        {formatRatio(c.hit_rate)} <span class="muted small">hit rate</span>
      </p>
      <dl class="facts">
        <div>
          <dt>Backend</dt>
          <dd>{BACKEND_LABEL[c.backend]}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Pill status={c.status} />
          </dd>
        </div>
        <div>
          <dt>Hits</dt>
          <dd>{formatNumber(c.hits, 0)}</dd>
        </div>
        <div>
          <dt>Misses</dt>
          <dd>{formatNumber(c.misses, 0)}</dd>
        </div>
        <div>
          <dt>Keys</dt>
          <dd>{formatNumber(c.keys, 0)}</dd>
        </div>
        <div>
          <dt>Counting since</dt>
          <dd>
            {formatDateTime(c.since)} ({formatAge(c.since, now)})
          </dd>
        </div>
      </dl>
    </>
  );
}

function LastRun({ job, now }: { job: JobStatus; now?: Date }) {
  if (!job.last_run_at && !job.last_status) return <span class="muted">never run</span>;
  return (
    <span class="status-line">
      {job.last_status && <Pill status={job.last_status} />}
      <span class="muted small" title={formatDateTime(job.last_run_at)}>
        {formatAge(job.last_run_at, now)}
      </span>
    </span>
  );
}

const isFailing = (job: JobStatus) => job.failures > 0 || job.last_status === 'failed';

/** The jobs section: one row per scheduled job from `/api/system/jobs`; failing jobs stand out. */
export function JobsView({ jobs, now }: { jobs: JobList; now?: Date }) {
  if (jobs.items.length === 0)
    return <EmptyState title="No scheduled jobs.">The API reports no scheduled jobs.</EmptyState>;
  return (
    // Six columns do not fit a phone: the table scrolls sideways there.
    <ScrollRegion label="Scheduled jobs">
      <table class="data compact jobs">
        <caption class="visually-hidden">Scheduled jobs</caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Schedule</th>
            <th scope="col">Last run</th>
            <th scope="col">Next run</th>
            <th scope="col" class="num">
              Failures
            </th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {jobs.items.map((job) => (
            <tr key={job.name} class={isFailing(job) ? 'job-failing' : undefined}>
              <th scope="row">{job.name}</th>
              <td class="wrap">{job.schedule}</td>
              <td>
                <LastRun job={job} now={now} />
              </td>
              <td>{formatDateTime(job.next_run_at)}</td>
              <td class={job.failures > 0 ? 'num down' : 'num'}>{job.failures}</td>
              <td class={job.last_error ? 'wrap job-error' : 'wrap'}>
                {job.last_error_code ? <code>{job.last_error_code}</code> : null} {job.last_error ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function NotYet({ what }: { what: string }) {
  return (
    <EmptyState title="Not available yet.">
      This API does not report {what} yet (the endpoint answered 404), so the page stops asking. Reload the
      page after an upgrade.
    </EmptyState>
  );
}

/** What the API said to a request for operational detail without a good admin token. */
function Refused({ error, what, token }: { error: ApiError; what: string; token?: string }) {
  if (error.status === 403) {
    return (
      <EmptyState title="Off on this server.">
        The API shows {what} only to its operator, and this server has no admin token configured
        (ADMIN_TOKEN).
      </EmptyState>
    );
  }
  return (
    <EmptyState title={token ? 'The admin token was refused.' : 'Needs the admin token.'}>
      {token
        ? `The API answered 401 to the token given: check it and enter it again above to see ${what}.`
        : `The API shows ${what} only with its admin token: enter it above.`}
    </EmptyState>
  );
}

/**
 * Operational detail: a 404 means "not there yet" (older API builds), 401/403 that the admin
 * token is missing, wrong, or not configured on the server; anything else is an error.
 */
export function Optional<T>({
  state,
  what,
  token,
  children,
}: {
  state: ApiState<T>;
  what: string;
  /** The admin token sent, if any (to tell "give one" from "that one was refused"). */
  token?: string;
  children: (d: T) => ComponentChildren;
}) {
  if (state.error !== undefined && isNotFound(state.error)) return <NotYet what={what} />;
  if (state.error instanceof ApiError && isAdminRefusal(state.error))
    return <Refused error={state.error} what={what} token={token} />;
  return (
    <AsyncView state={state} label={what}>
      {children}
    </AsyncView>
  );
}

/** The admin token field: kept for this tab (sessionStorage), sent as a bearer header. */
export function AdminTokenForm({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  const [draft, setDraft] = useState('');
  return (
    <form
      class="admin-token"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft.trim());
        setDraft('');
      }}
    >
      <label for="admin-token">Admin token</label>
      <input
        id="admin-token"
        type="password"
        autocomplete="off"
        placeholder={token ? 'token given (enter another to replace it)' : 'for the cache and jobs detail'}
        value={draft}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={!draft.trim()}>
        Use token
      </button>
      {token && (
        <button type="button" onClick={() => onChange('')}>
          Forget token
        </button>
      )}
    </form>
  );
}

export default function Status() {
  useTitle('Status');
  const [token, setToken] = useState(readAdminToken);
  const useToken = (next: string) => {
    saveAdminToken(next);
    setToken(next);
  };
  const health = useApi((signal) => api.health(signal), [], { keepPrevious: true, refreshMs: 15_000 });
  // Operational detail: asked once more whenever the token changes; a 404 (not in this API
  // build) or a 401/403 (no or wrong token, or none configured) stops the polling.
  const optional = {
    keepPrevious: true,
    refreshMs: 15_000,
    stopRefreshOn: (e: unknown) => isNotFound(e) || isAdminRefusal(e),
  };
  const cache = useApi((signal) => api.systemCache(signal, token || undefined), [token], optional);
  const jobs = useApi((signal) => api.systemJobs(signal, token || undefined), [token], optional);
  return (
    <>
      <div class="page-head">
        <h1>Status</h1>
        <p class="muted">
          The API's health and its data; with the admin token, its cache and scheduled jobs too. Refreshes
          every 15 seconds.
        </p>
        <AdminTokenForm token={token} onChange={useToken} />
      </div>
      <div class="grid-2">
        <section class="card" aria-labelledby="health-h">
          <h2 id="health-h">API health</h2>
          <AsyncView state={health} label="the API's health">
            {(h) => <HealthView h={h} />}
          </AsyncView>
        </section>
        <section class="card" aria-labelledby="data-h">
          <h2 id="data-h">Data</h2>
          <AsyncView state={health} label="data information">
            {(h) => <DataInfo h={h} />}
          </AsyncView>
        </section>
        <section class="card" aria-labelledby="cache-h">
          <h2 id="cache-h">Cache</h2>
          <Optional state={cache} what="cache statistics" token={token}>
            {(c) => <CacheView c={c} />}
          </Optional>
        </section>
      </div>
      {/* Full width: a job row has six columns, too many for half the page. */}
      <section class="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h">Jobs</h2>
        <Optional state={jobs} what="scheduled jobs" token={token}>
          {(j) => <JobsView jobs={j} />}
        </Optional>
      </section>
    </>
  );
}
