/**
 * Backtest: does the score predict? Forward returns by score decile, the information coefficient
 * over time with its t-statistic, the top decile's hit rate and turnover, and which scores the
 * study uses (backfilled point in time or recorded live). The horizon lives in the URL.
 */
import { useLocation } from 'preact-iso';
import { api } from '../api/client.ts';
import type { BacktestHorizon, ScoreBacktest } from '../api/types.ts';
import { AsyncView } from '../components/States.tsx';
import { ScrollRegion } from '../components/StockList.tsx';
import { formatDate, formatNumber, formatRatio } from '../lib/format.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import './Backtest.css';

const HORIZONS = [
  { key: '1m', label: '1 month' },
  { key: '3m', label: '3 months' },
] as const;
type HorizonKey = (typeof HORIZONS)[number]['key'];

const signClass = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : n >= 0 ? 'up' : 'down';

/** A signed percentage of a fraction: 0.0123 → +1.23%. */
const pct = (n: number | null | undefined, digits = 2) => formatRatio(n ?? null, { digits, signed: true });

export default function Backtest() {
  useTitle('Backtest');
  const { query, route } = useLocation();
  const horizon: HorizonKey = query.horizon === '3m' ? '3m' : '1m';
  const state = useApi((signal) => api.backtest(signal), []);

  return (
    <>
      <div class="page-head">
        <h1>Does the score predict?</h1>
        <p class="muted">
          Each month-end, stocks are split into ten groups by score; this page follows what each group
          returned over the next month or three.
        </p>
      </div>
      <AsyncView state={state} label="the backtest" isEmpty={(d) => d.formation.dates === 0}>
        {(data) => (
          <BacktestView
            data={data}
            horizon={horizon}
            onHorizon={(h) => route(h === '1m' ? '/backtest' : `/backtest?horizon=${h}`)}
          />
        )}
      </AsyncView>
    </>
  );
}

function BacktestView({
  data,
  horizon,
  onHorizon,
}: {
  data: ScoreBacktest;
  horizon: HorizonKey;
  onHorizon: (h: HorizonKey) => void;
}) {
  const h = data.horizons.find((x) => x.horizon === horizon) ?? data.horizons[0];
  return (
    <>
      {data.sample && (
        <p class="backtest-note" role="note">
          <strong>Sample data.</strong> These prices and statements are generated, so the figures show how the
          method works, not how the score would have done in the market. With FMP data they are real.
        </p>
      )}
      <fieldset class="backtest-controls">
        <legend class="visually-hidden">Forward return horizon</legend>
        {HORIZONS.map((x) => (
          <button key={x.key} type="button" aria-pressed={x.key === horizon} onClick={() => onHorizon(x.key)}>
            {x.label}
          </button>
        ))}
      </fieldset>
      {h === undefined || h.dates === 0 ? (
        <p class="state state-empty">
          No formation date has {horizon === '3m' ? 'three months' : 'a month'} of prices after it yet.
        </p>
      ) : (
        <>
          <Summary h={h} />
          <div class="grid-2">
            <section class="card" aria-labelledby="deciles-h">
              <h2 id="deciles-h">Return by score decile</h2>
              <p class="muted small">
                Mean {horizon === '3m' ? '3-month' : '1-month'} return of each decile minus the universe's,
                averaged over {h.dates} formation dates. Decile 10 holds the highest scores.
              </p>
              <DecileChart h={h} />
              <DecileTable h={h} />
            </section>
            <section class="card" aria-labelledby="ic-h">
              <h2 id="ic-h">Information coefficient over time</h2>
              <p class="muted small">
                Spearman rank correlation of score and forward return on each formation date: above zero,
                higher scores went on to do better.
              </p>
              <IcChart h={h} />
              <details>
                <summary>Show as table ({h.ic.series.length} dates)</summary>
                <ScrollRegion label="Information coefficient by date, as a table">
                  <table class="data ic-table">
                    <thead>
                      <tr>
                        <th scope="col">Formation date</th>
                        <th scope="col" class="num">
                          IC
                        </th>
                        <th scope="col" class="num">
                          Stocks
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {h.ic.series.map((p) => (
                        <tr key={p.date}>
                          <td>{formatDate(p.date)}</td>
                          <td class={`num ${signClass(p.ic)}`}>{formatNumber(p.ic, 3)}</td>
                          <td class="num">{p.stocks}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              </details>
            </section>
          </div>
        </>
      )}
      <Provenance data={data} />
    </>
  );
}

function Summary({ h }: { h: BacktestHorizon }) {
  const t = h.ic.t;
  const items = [
    {
      label: 'Mean IC',
      value: formatNumber(h.ic.mean, 3),
      cls: signClass(h.ic.mean),
      note: `over ${h.ic.series.length} dates`,
    },
    {
      label: 't-statistic',
      value: formatNumber(t, 2),
      cls: '',
      note:
        t === null
          ? 'too few independent dates'
          : `${h.ic.independent_dates} non-overlapping dates; |t| > 2 is significant at about 5 %`,
    },
    {
      label: 'Top minus bottom',
      value: pct(h.spread),
      cls: signClass(h.spread),
      note: 'decile 10 against decile 1',
    },
    {
      label: 'Top decile hit rate',
      value: formatRatio(h.top_decile.hit_rate, { digits: 0 }),
      cls: '',
      note: "beat the date's median return",
    },
    {
      label: 'Top decile turnover',
      value: formatRatio(h.top_decile.turnover, { digits: 0 }),
      cls: '',
      note: 'replaced from one month-end to the next',
    },
  ];
  return (
    <dl class="backtest-summary">
      {items.map((i) => (
        <div key={i.label} class="card stat">
          <dt>{i.label}</dt>
          <dd class={`stat-value ${i.cls}`}>{i.value}</dd>
          <dd class="muted small">{i.note}</dd>
        </div>
      ))}
    </dl>
  );
}

const CW = 480;
const CH = 200;
const PAD = { top: 12, right: 8, bottom: 26, left: 44 };

/** Bars around a zero line, with a labelled scale: shared by both charts. */
function Bars({
  values,
  labels,
  format,
  title,
}: {
  values: Array<number | null>;
  labels: string[];
  format: (n: number) => string;
  title: string;
}) {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(1e-9, ...finite.map((v) => Math.abs(v)));
  const innerW = CW - PAD.left - PAD.right;
  const innerH = CH - PAD.top - PAD.bottom;
  const zero = PAD.top + innerH / 2;
  const y = (v: number) => zero - (v / max) * (innerH / 2);
  const step = innerW / Math.max(1, values.length);
  const every = Math.ceil(values.length / 8);
  return (
    <svg class="bt-chart" viewBox={`0 0 ${CW} ${CH}`} role="img" aria-label={title}>
      {[max, 0, -max].map((v) => (
        <g key={v}>
          <line
            class={v === 0 ? 'bt-zero' : 'bt-grid'}
            x1={PAD.left}
            x2={CW - PAD.right}
            y1={y(v)}
            y2={y(v)}
          />
          <text class="bt-axis" x={PAD.left - 4} y={y(v) + 4} text-anchor="end">
            {format(v)}
          </text>
        </g>
      ))}
      {values.map((v, i) => {
        if (v === null || !Number.isFinite(v)) return null;
        const x = PAD.left + i * step + step * 0.15;
        const top = Math.min(y(v), zero);
        return (
          <rect
            key={labels[i]}
            class={v >= 0 ? 'bt-bar up' : 'bt-bar down'}
            x={x}
            y={top}
            width={step * 0.7}
            height={Math.max(1, Math.abs(y(v) - zero))}
          >
            <title>{`${labels[i]}: ${format(v)}`}</title>
          </rect>
        );
      })}
      {labels.map((l, i) =>
        i % every === 0 ? (
          <text key={l} class="bt-axis" x={PAD.left + i * step + step / 2} y={CH - 8} text-anchor="middle">
            {l}
          </text>
        ) : null,
      )}
    </svg>
  );
}

function DecileChart({ h }: { h: BacktestHorizon }) {
  return (
    <Bars
      values={h.deciles.map((d) => d.excess_return)}
      labels={h.deciles.map((d) => String(d.decile))}
      format={(n) => pct(n, 1)}
      title={`Excess return by score decile, 1 (lowest scores) to 10 (highest): ${h.deciles
        .map((d) => `${d.decile}: ${pct(d.excess_return, 1)}`)
        .join(', ')}`}
    />
  );
}

function IcChart({ h }: { h: BacktestHorizon }) {
  const label = (d: string) => d.slice(2, 7);
  return (
    <Bars
      values={h.ic.series.map((p) => p.ic)}
      labels={h.ic.series.map((p) => label(p.date))}
      format={(n) => formatNumber(n, 2)}
      title={`Information coefficient on each formation date, mean ${formatNumber(h.ic.mean, 3)}`}
    />
  );
}

function DecileTable({ h }: { h: BacktestHorizon }) {
  return (
    <details>
      <summary>Show as table (10 deciles)</summary>
      <ScrollRegion label="Return by score decile, as a table">
        <table class="data decile-table">
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col" class="num">
                Mean return
              </th>
              <th scope="col" class="num">
                Against universe
              </th>
              <th scope="col" class="num">
                Stock-dates
              </th>
            </tr>
          </thead>
          <tbody>
            {h.deciles.map((d) => (
              <tr key={d.decile}>
                <td>
                  {d.decile}
                  {d.decile === 10 ? ' (top)' : d.decile === 1 ? ' (bottom)' : ''}
                </td>
                <td class={`num ${signClass(d.mean_return)}`}>{pct(d.mean_return)}</td>
                <td class={`num ${signClass(d.excess_return)}`}>{pct(d.excess_return)}</td>
                <td class="num">{d.observations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

function Provenance({ data }: { data: ScoreBacktest }) {
  const f = data.formation;
  return (
    <section class="card" aria-labelledby="prov-h">
      <h2 id="prov-h">Which scores this uses</h2>
      <p>
        {f.dates} month-end formation dates
        {f.first && f.last ? ` from ${formatDate(f.first)} to ${formatDate(f.last)}` : ''}: {f.backfilled}{' '}
        recomputed later from the data known at each date (backfilled), {f.live} recorded on the day.
        {data.as_of ? ` Prices up to ${formatDate(data.as_of)}.` : ''}
      </p>
      <p class="muted small">{data.point_in_time}</p>
      <p class="muted small">{f.rule}</p>
      <p class="muted small">
        The same figures are at <a href="/api/backtest/score">/api/backtest/score</a>.
      </p>
    </section>
  );
}
