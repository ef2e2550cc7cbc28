/** Status: API health and checks, the data's source and freshness, cache hit rate and job runs. */
import { api, isNotFound } from '../api/client.ts';
import type { Health } from '../api/types.ts';
import { AsyncView, EmptyState } from '../components/States.tsx';
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
                  <td>{c.detail ?? ''}</td>
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

const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function show(v: unknown): string {
  if (v === null || v === undefined) return MISSING;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  return String(v);
}

/** The hit rate from whatever the cache endpoint reports: `hit_rate` (fraction or %) or hits/misses. */
export function hitRate(body: Record<string, unknown>): number | null {
  const src = (typeof body.data === 'object' && body.data !== null ? body.data : body) as Record<
    string,
    unknown
  >;
  const direct = src.hit_rate ?? src.hitRate;
  if (typeof direct === 'number' && Number.isFinite(direct)) return direct > 1 ? direct / 100 : direct;
  const hits = src.hits;
  const misses = src.misses;
  if (typeof hits === 'number' && typeof misses === 'number' && hits + misses > 0)
    return hits / (hits + misses);
  return null;
}

function FlatFacts({ body }: { body: Record<string, unknown> }) {
  const src = (typeof body.data === 'object' && body.data !== null ? body.data : body) as Record<
    string,
    unknown
  >;
  const rows = Object.entries(src).filter(([, v]) => isPrimitive(v));
  if (rows.length === 0) return null;
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k.replace(/_/g, ' ')}</dt>
          <dd>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function NotYet({ what }: { what: string }) {
  return (
    <EmptyState title="Not available yet.">
      This API does not report {what} yet (the endpoint answered 404).
    </EmptyState>
  );
}

function Optional({
  state,
  what,
  children,
}: {
  state: ApiState<Record<string, unknown>>;
  what: string;
  children: (d: Record<string, unknown>) => preact.ComponentChildren;
}) {
  if (state.error !== undefined && isNotFound(state.error)) return <NotYet what={what} />;
  return (
    <AsyncView state={state} label={what}>
      {children}
    </AsyncView>
  );
}

/** The list of job runs in the jobs endpoint's body (items, jobs or runs). */
export function jobRows(body: Record<string, unknown>): Record<string, unknown>[] {
  const list = body.items ?? body.jobs ?? body.runs ?? (Array.isArray(body.data) ? body.data : undefined);
  return Array.isArray(list)
    ? list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
    : [];
}

function Jobs({ body }: { body: Record<string, unknown> }) {
  const rows = jobRows(body);
  if (rows.length === 0) return <EmptyState title="No job runs recorded yet." />;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => isPrimitive(r[k]))))].slice(0, 8);
  return (
    <div class="table-wrap">
      <table class="data compact">
        <caption class="visually-hidden">Scheduled jobs</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th scope="col" key={c}>
                {c.replace(/_/g, ' ')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // Rows of an unknown shape have no stable id: the index is the key.
            <tr key={i}>
              {cols.map((c) => (
                <td key={c} class={c.includes('fail') && Number(r[c]) > 0 ? 'down' : undefined}>
                  {show(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Status() {
  useTitle('Status');
  const health = useApi((signal) => api.health(signal), [], { keepPrevious: true, refreshMs: 15_000 });
  const cache = useApi((signal) => api.systemCache(signal), [], { keepPrevious: true, refreshMs: 15_000 });
  const jobs = useApi((signal) => api.systemJobs(signal), [], { keepPrevious: true, refreshMs: 15_000 });
  return (
    <>
      <div class="page-head">
        <h1>Status</h1>
        <p class="muted">The API's health, its data, cache and scheduled jobs. Refreshes every 15 seconds.</p>
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
          <Optional state={cache} what="cache statistics">
            {(d) => {
              const rate = hitRate(d);
              return (
                <>
                  <p class="big-number">
                    {rate === null ? MISSING : formatRatio(rate)} <span class="muted small">hit rate</span>
                  </p>
                  <FlatFacts body={d} />
                </>
              );
            }}
          </Optional>
        </section>
        <section class="card" aria-labelledby="jobs-h">
          <h2 id="jobs-h">Jobs</h2>
          <Optional state={jobs} what="job runs">
            {(d) => <Jobs body={d} />}
          </Optional>
        </section>
      </div>
    </>
  );
}
