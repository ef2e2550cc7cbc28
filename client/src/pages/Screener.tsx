/** Screener: the named strategies (description, rules, ranking) and a strategy's ranked matches. */
import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { StrategyMatch, StrategyResult, StrategySummary } from '../api/types.ts';
import { useHealth } from '../components/HealthContext.tsx';
import { ScoreBadge } from '../components/Score.tsx';
import { AsyncView, EmptyState } from '../components/States.tsx';
import { Change, TickerLink } from '../components/StockList.tsx';
import { type CsvColumn, csvFileName, downloadCsv, exportColumns, toCsv } from '../lib/csv.ts';
import { formatMarketCap, formatMoney } from '../lib/format.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import { formatMetric } from '../lib/metrics.ts';
import './Screener.css';

const MATCH_CSV_COLUMNS: CsvColumn<StrategyMatch>[] = [
  { header: 'rank', value: (m) => m.rank },
  { header: 'ticker', value: (m) => m.ticker },
  { header: 'name', value: (m) => m.name },
  { header: 'sector', value: (m) => m.sector },
  { header: 'price', value: (m) => m.price },
  { header: 'change_pct', value: (m) => m.change_pct },
  { header: 'market_cap', value: (m) => m.market_cap },
  { header: 'score', value: (m) => m.score },
  { header: 'metric', value: (m) => m.metric.label },
  { header: 'metric_value', value: (m) => m.metric.value },
  { header: 'reasons', value: (m) => m.reasons.join('; ') },
];

const plural = (n: number, one: string, many = `${one}es`) => `${n} ${n === 1 ? one : many}`;

/** The rule that excluded the most stocks, or null when no rule excluded any. */
function topExclusion(s: StrategySummary): { rule: string; excluded: number } | null {
  let top: { rule: string; excluded: number } | null = null;
  for (const e of s.excluded_by) if (e.excluded > 0 && (!top || e.excluded > top.excluded)) top = e;
  return top;
}

function Rules({ s, counts = false }: { s: StrategySummary; counts?: boolean }) {
  const excluded = new Map(s.excluded_by.map((e) => [e.rule, e.excluded]));
  return (
    <>
      <h3 class="h-small">Rules</h3>
      <ul class="rules">
        {s.rules.map((r) => (
          <li key={r}>
            {r}
            {counts && excluded.has(r) && (
              <span class="muted small"> — fails {plural(excluded.get(r) ?? 0, 'stock', 'stocks')}</span>
            )}
          </li>
        ))}
      </ul>
      <p class="small">
        <strong>Ranked by:</strong> {s.ranking}
      </p>
      <p class="small muted">Source: {s.source}</p>
    </>
  );
}

function ExclusionNote({ s, class: cls }: { s: StrategySummary; class: string }) {
  const top = topExclusion(s);
  if (!top) return null;
  return (
    <p class={cls}>
      The rule that excluded the most stocks:{' '}
      <span class="top-exclusion">
        {top.rule} excluded {top.excluded} of {s.screened} stocks
      </span>
      .
    </p>
  );
}

function StrategyCards({ items }: { items: StrategySummary[] }) {
  return (
    <ul class="strategy-cards">
      {items.map((s) => (
        <li key={s.id} class="card strategy-card">
          <h2 class="h-card">
            <a href={`/screener/${encodeURIComponent(s.id)}`}>{s.name}</a>
          </h2>
          <p class="match-line">
            <span class={`match-count${s.matches === 0 ? ' none' : ''}`}>{plural(s.matches, 'match')}</span>
            <span class="muted small"> of {s.screened} stocks today</span>
          </p>
          {s.matches === 0 && <ExclusionNote s={s} class="match-note small" />}
          <p>{s.description}</p>
          <Rules s={s} />
          <div class="card-actions">
            <a class="btn" href={`/screener/${encodeURIComponent(s.id)}`}>
              Run screen<span class="visually-hidden">: {s.name}</span> <span aria-hidden="true">→</span>
            </a>
            <a class="btn btn-quiet" href={`/stocks?strategy=${encodeURIComponent(s.id)}`}>
              Edit as filters<span class="visually-hidden">: {s.name}</span>
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Results({ r }: { r: StrategyResult }) {
  const sample = useHealth()?.data?.data?.sample ?? false;
  const metricLabel = r.items[0]?.metric.label ?? 'Metric';
  return (
    <>
      <div class="results-head">
        <p aria-live="polite">
          <strong>{r.total_matches}</strong> stock{r.total_matches === 1 ? '' : 's'} match
          {r.items.length < r.total_matches ? ` (showing the top ${r.items.length})` : ''}.
        </p>
        <button
          type="button"
          class="btn"
          disabled={r.items.length === 0}
          onClick={() =>
            downloadCsv(
              csvFileName(`screen-${r.strategy.id}`, new Date(), sample),
              toCsv(exportColumns(MATCH_CSV_COLUMNS, sample), r.items),
            )
          }
        >
          Export CSV
        </button>
      </div>
      {r.items.length === 0 ? (
        <EmptyState title="No stock passes this screen today.">
          <ExclusionNote s={r.strategy} class="" />
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data compact fit results">
            <caption class="visually-hidden">Stocks matching {r.strategy.name}, best first</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  #
                </th>
                <th scope="col" class="col-main">
                  Stock
                </th>
                <th scope="col" class="num col-optional">
                  Day
                </th>
                <th scope="col" class="num">
                  {metricLabel}
                </th>
                <th scope="col" class="num col-score">
                  Score
                </th>
                <th scope="col">
                  <span class="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((m) => (
                <MatchRow key={m.ticker} m={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** One line per stock; "Why" opens a second line with the details and the reasons it matches. */
function MatchRow({ m }: { m: StrategyMatch }) {
  const [open, setOpen] = useState(false);
  const id = `why-${m.ticker.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <>
      <tr class="match">
        <td class="num muted">{m.rank}</td>
        <th scope="row" class="col-main">
          <TickerLink ticker={m.ticker} name={m.name} />
        </th>
        <td class="num col-optional">
          <Change pct={m.change_pct} />
        </td>
        <td class="num">{formatMetric(m.metric)}</td>
        <td class="num col-score">
          <ScoreBadge score={m.score} />
        </td>
        <td>
          <button
            type="button"
            class="btn btn-quiet btn-small"
            aria-expanded={open}
            aria-controls={id}
            aria-label={`Why ${m.ticker} matches`}
            onClick={() => setOpen(!open)}
          >
            Why {open ? '▴' : '▾'}
          </button>
        </td>
      </tr>
      {open && (
        <tr class="match-details" id={id}>
          <td />
          <td colSpan={5}>
            <p class="details-line small muted">
              {m.sector} · {formatMoney(m.price)} · <Change pct={m.change_pct} /> · market cap{' '}
              {formatMarketCap(m.market_cap)}
            </p>
            {m.reasons.length ? (
              <ul class="reasons">
                {m.reasons.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : (
              <p class="muted">No reasons recorded.</p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

const LIMITS = [25, 50, 100, 250] as const;

function StrategyPage({ id }: { id: string }) {
  const [limit, setLimit] = useState<number>(25);
  const result = useApi((signal) => api.strategy(id, limit, signal), [id, limit], { keepPrevious: true });
  useTitle(result.data?.strategy.name ?? 'Screener');
  const s = result.data?.strategy;
  return (
    <>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/screener">Screener</a> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{s?.name ?? id}</span>
      </nav>
      <AsyncView state={result} label="the screen">
        {(r) => (
          <>
            <div class="page-head">
              <h1>{r.strategy.name}</h1>
              <p>{r.strategy.description}</p>
            </div>
            <div class="strategy-layout">
              <section class="card strategy-rules" aria-label="Strategy rules">
                <div>
                  <Rules s={r.strategy} counts />
                </div>
                <div class="field field-narrow">
                  <label for="screen-limit">Show up to</label>
                  <select
                    id="screen-limit"
                    value={String(limit)}
                    onChange={(e) => setLimit(Number((e.currentTarget as HTMLSelectElement).value))}
                  >
                    {LIMITS.map((n) => (
                      <option key={n} value={String(n)}>
                        {n}
                      </option>
                    ))}
                  </select>
                </div>
              </section>
              <section class="card" aria-labelledby="results-h">
                <h2 id="results-h">Ranked results</h2>
                <Results r={r} />
              </section>
            </div>
          </>
        )}
      </AsyncView>
    </>
  );
}

function StrategyIndex() {
  useTitle('Screener');
  const list = useApi((signal) => api.strategies(signal), []);
  return (
    <>
      <div class="page-head">
        <h1>Screener</h1>
        <p class="muted">
          Named strategies from classic investing books and papers. Open one to see today's matches.
        </p>
      </div>
      <AsyncView state={list} label="strategies" isEmpty={(d) => d.items.length === 0}>
        {(d) => <StrategyCards items={d.items} />}
      </AsyncView>
    </>
  );
}

export default function Screener({ id }: { id?: string }) {
  return id ? <StrategyPage key={id} id={id} /> : <StrategyIndex />;
}
