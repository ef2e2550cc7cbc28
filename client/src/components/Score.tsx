/** Score pieces: the badge, component bars, the breakdown with its drivers, and the watch star. */
import type { ComponentScores, Explanation } from '../api/types.ts';
import { formatRatio, formatScore, MISSING, SCORE_BANDS, scoreBand, scoreBandLabel } from '../lib/format.ts';
import { useWatchlist } from '../lib/hooks.ts';
import { formatMetric, type MetricFormat } from '../lib/metrics.ts';
import { EmptyState } from './States.tsx';
import './Score.css';

export function ScoreBadge({ score, size = 'sm' }: { score: number | null | undefined; size?: 'sm' | 'lg' }) {
  return (
    <span class={`score score-${scoreBand(score)} score-${size}`} title="VibeApp score (0-100)">
      {formatScore(score)}
    </span>
  );
}

/** What the badge colours mean: the seven bands, each a sample badge with its range. */
export function ScoreLegend() {
  return (
    <ul class="score-legend" aria-label="Score colours">
      <li>Score:</li>
      {SCORE_BANDS.map((lo) => (
        <li key={lo}>
          <span class={`score score-b${lo}`}>{scoreBandLabel(lo)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A horizontal 0-100 bar with its number. */
function ScoreBar({ value, label }: { value: number | null | undefined; label: string }) {
  const v = typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(100, value)) : null;
  return (
    <span class="score-bar">
      {/* The bar is decoration: the number beside it carries the value. */}
      <span class="bar" aria-hidden="true">
        <span class={`bar-fill score-${scoreBand(v)}`} style={{ width: `${v ?? 0}%` }} />
      </span>
      <span class="bar-value" title={label}>
        {formatScore(v)}
        <span class="visually-hidden"> of 100</span>
      </span>
    </span>
  );
}

export const COMPONENT_LABELS: Record<keyof ComponentScores, string> = {
  value: 'Value',
  quality: 'Quality',
  growth: 'Growth',
  momentum: 'Momentum',
  risk: 'Risk',
  dividend: 'Dividend',
};

/** A driver's value, in the format the API declares for its metric. */
function formatDriverValue(driver: { value: number | null; format: MetricFormat }): string {
  return formatMetric(driver);
}

function ordinal(n: number): string {
  const r = Math.round(n);
  const s = r % 100 >= 11 && r % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][r % 10] ?? 'th');
  return `${r}${s}`;
}

/** Percentile 0-100 (or a 0-1 fraction) as `85th`. */
function formatPercentile(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return MISSING;
  return ordinal(p <= 1 && p >= 0 && !Number.isInteger(p) ? p * 100 : p);
}

export interface ScoreBreakdownProps {
  explanation: Explanation | null;
  components: ComponentScores | null;
}

/** Each component's score and weight, what drove it, and the plain-language summary. */
export function ScoreBreakdown({ explanation, components }: ScoreBreakdownProps) {
  if (!explanation && !components) {
    return (
      <EmptyState title="This stock has no score yet.">Scores appear after the next scoring run.</EmptyState>
    );
  }
  if (!explanation) {
    return (
      <ul class="component-bars">
        {(Object.keys(COMPONENT_LABELS) as (keyof ComponentScores)[]).map((k) => (
          <li key={k}>
            <span class="component-name">{COMPONENT_LABELS[k]}</span>
            <ScoreBar value={components?.[k]} label={`${COMPONENT_LABELS[k]} score`} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div class="breakdown">
      <p class="summary">{explanation.summary}</p>
      <div class="pros-cons">
        <div>
          <h3 class="h-small">Strengths</h3>
          {explanation.strengths.length ? (
            <ul class="pros">
              {explanation.strengths.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">No standout strengths.</p>
          )}
        </div>
        <div>
          <h3 class="h-small">Weaknesses</h3>
          {explanation.weaknesses.length ? (
            <ul class="cons">
              {explanation.weaknesses.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">No standout weaknesses.</p>
          )}
        </div>
      </div>
      <div class="components">
        {explanation.components.map((c) => (
          <section class="component" key={c.key} aria-labelledby={`component-${c.key}`}>
            <header class="component-head">
              <h3 id={`component-${c.key}`} class="h-small">
                {c.label}
              </h3>
              <span class="muted">weight {formatRatio(c.weight, { digits: 0 })}</span>
              <ScoreBar value={c.score} label={`${c.label} score`} />
            </header>
            {c.note && <p class="note">{c.note}</p>}
            {c.drivers.length > 0 ? (
              <div class="table-wrap">
                <table class="data compact fit drivers">
                  <caption class="visually-hidden">What drove the {c.label} score</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="col-main wrap">
                        Driver
                      </th>
                      <th scope="col" class="num">
                        Value
                      </th>
                      <th scope="col" class="num">
                        Percentile
                      </th>
                      <th scope="col">Better when</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.drivers.map((d) => (
                      <tr key={d.metric}>
                        <th scope="row" class="col-main wrap">
                          {d.label}
                        </th>
                        <td class="num">{formatDriverValue(d)}</td>
                        <td class="num">
                          <span class="pctl">
                            <span
                              class="pctl-fill"
                              style={{
                                width: `${d.percentile === null ? 0 : Math.max(0, Math.min(100, d.percentile))}%`,
                              }}
                            />
                          </span>
                          {formatPercentile(d.percentile)}
                        </td>
                        <td>{d.better === 'higher' ? 'higher' : 'lower'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">No driver data for this component.</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

/** The watchlist star. */
export function StarButton({ ticker, compact = false }: { ticker: string; compact?: boolean }) {
  const [items, w] = useWatchlist();
  const on = items.includes(ticker.toUpperCase());
  const label = on ? `Remove ${ticker} from watchlist` : `Add ${ticker} to watchlist`;
  // The compact star has no words, so it is named by its action; the full one is named by the
  // words it shows ("Watch MSFT", pressed or not), as a visible label must be part of the name.
  return (
    <button
      type="button"
      class={`star${on ? ' on' : ''}${compact ? ' star-compact' : ''}`}
      aria-pressed={on}
      aria-label={compact ? label : undefined}
      title={label}
      onClick={() => w.toggle(ticker)}
    >
      <span aria-hidden="true">{on ? '★' : '☆'}</span>
      {!compact && (
        <span>
          {on ? 'Watching' : 'Watch'}
          <span class="visually-hidden"> {ticker}</span>
        </span>
      )}
    </button>
  );
}
