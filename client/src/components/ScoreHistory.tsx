/**
 * Score history: a small SVG line (no chart library) and the same points as a table. Each day
 * explains its move: hovering a day (or reading the table) shows which components moved and by
 * how much they moved the score.
 */
import { useState } from 'preact/hooks';
import type { ComponentKey, ScorePoint } from '../api/types.ts';
import { formatDate, formatScore } from '../lib/format.ts';
import { COMPONENT_LABELS } from './Score.tsx';
import { EmptyState } from './States.tsx';
import './ScoreHistory.css';

const W = 600;
const H = 150;
const PAD_L = 30;
const PAD_R = 8;
const PAD_T = 8;
const PAD_B = 22;
/** A day's move at least this large (in points) is marked on the line. */
const BIG_MOVE = 5;

export type Weights = Partial<Record<ComponentKey, number>>;

export interface ComponentMove {
  key: ComponentKey;
  label: string;
  from: number;
  to: number;
  delta: number;
  /** The move's share of the score's move (delta × weight), when the weights are known. */
  impact: number | null;
}

/** The components that moved between two days, the biggest effect on the score first. */
export function componentMoves(prev: ScorePoint, cur: ScorePoint, weights: Weights = {}): ComponentMove[] {
  const keys = Object.keys(COMPONENT_LABELS) as ComponentKey[];
  return keys
    .map((key) => {
      const from = prev.components[key];
      const to = cur.components[key];
      const w = weights[key];
      return {
        key,
        label: COMPONENT_LABELS[key],
        from,
        to,
        delta: to - from,
        impact: w === undefined ? null : (to - from) * w,
      };
    })
    .filter((m) => Math.abs(m.delta) >= 0.05)
    .sort((a, b) => Math.abs(b.impact ?? b.delta) - Math.abs(a.impact ?? a.delta));
}

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;

/** `Momentum 80.0 → 20.0 (−60.0, score −9.0)`: the component's move and what it did to the score. */
function describeMove(m: ComponentMove): string {
  const impact = m.impact === null ? '' : `, score ${signed(m.impact)}`;
  return `${m.label} ${formatScore(m.from)} → ${formatScore(m.to)} (${signed(m.delta)}${impact})`;
}

/** One sentence on what moved a day's score: the (up to) three components that moved it most. */
export function explainDay(prev: ScorePoint, cur: ScorePoint, weights?: Weights): string {
  const moves = componentMoves(prev, cur, weights).slice(0, 3);
  if (moves.length === 0) return 'No component moved.';
  return moves.map(describeMove).join(', ');
}

export function ScoreHistoryChart({ items, weights }: { items: readonly ScorePoint[]; weights?: Weights }) {
  const [active, setActive] = useState<number | null>(null);
  const points = [...items].sort((a, b) => a.date.localeCompare(b.date));
  if (points.length === 0) return <EmptyState title="No score history yet." />;
  const x = (i: number) =>
    PAD_L + (points.length === 1 ? (W - PAD_L - PAD_R) / 2 : (i / (points.length - 1)) * (W - PAD_L - PAD_R));
  const y = (s: number) => PAD_T + (1 - Math.max(0, Math.min(100, s)) / 100) * (H - PAD_T - PAD_B);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  const delta = (i: number) => (i > 0 ? points[i].score - points[i - 1].score : 0);
  const step = points.length > 1 ? (W - PAD_L - PAD_R) / (points.length - 1) : W - PAD_L - PAD_R;
  const label = `Score history: ${formatScore(first.score)} on ${formatDate(first.date)}, ${formatScore(last.score)} on ${formatDate(last.date)} (${points.length} points).`;
  const tip = active === null ? null : points[active];
  return (
    <div class="score-history">
      <div class="history-plot">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={label}
          class="spark"
          preserveAspectRatio="none"
          onMouseLeave={() => setActive(null)}
        >
          {[0, 25, 50, 75, 100].map((g) => (
            <g key={g}>
              <line x1={PAD_L} x2={W - PAD_R} y1={y(g)} y2={y(g)} class="spark-grid" />
              <text x={PAD_L - 6} y={y(g) + 4} class="spark-label" text-anchor="end">
                {g}
              </text>
            </g>
          ))}
          <path d={d} class="spark-line" />
          {points.length <= 60 &&
            points.map((p, i) => <circle key={p.date} cx={x(i)} cy={y(p.score)} r={2.5} class="spark-dot" />)}
          {points.map((p, i) =>
            Math.abs(delta(i)) >= BIG_MOVE ? (
              <circle
                key={`big-${p.date}`}
                cx={x(i)}
                cy={y(p.score)}
                r={4}
                class={`spark-move ${delta(i) < 0 ? 'down' : 'up'}`}
              />
            ) : null,
          )}
          {tip && active !== null && (
            <>
              <line x1={x(active)} x2={x(active)} y1={PAD_T} y2={H - PAD_B} class="spark-cursor" />
              <circle cx={x(active)} cy={y(tip.score)} r={4} class="spark-active" />
            </>
          )}
          <text x={PAD_L} y={H - 4} class="spark-label">
            {formatDate(first.date)}
          </text>
          <text x={W - PAD_R} y={H - 4} class="spark-label" text-anchor="end">
            {formatDate(last.date)}
          </text>
          {/* One hover target per day, as wide as the day's column. */}
          {points.map((p, i) => (
            // biome-ignore lint/a11y/noStaticElementInteractions: a pointer aid; the table below gives keyboard and screen-reader users the same explanations.
            <rect
              key={`hit-${p.date}`}
              class="hit"
              data-delta={delta(i).toFixed(1)}
              x={x(i) - step / 2}
              y={PAD_T}
              width={step}
              height={H - PAD_T - PAD_B}
              onMouseEnter={() => setActive(i)}
            />
          ))}
        </svg>
      </div>
      <div class="history-tip" aria-live="polite">
        {tip && active !== null ? (
          <>
            <strong>{formatDate(tip.date)}</strong>
            {active > 0 ? (
              <>
                <span>
                  Score {formatScore(points[active - 1].score)} → {formatScore(tip.score)} (
                  {signed(delta(active))})
                </span>
                <ul>
                  {componentMoves(points[active - 1], tip, weights)
                    .slice(0, 3)
                    .map((m) => (
                      <li key={m.key}>{describeMove(m)}</li>
                    ))}
                </ul>
              </>
            ) : (
              <span>Score {formatScore(tip.score)} (first day)</span>
            )}
          </>
        ) : (
          <span class="muted">
            Point at a day to see which components moved its score; circled days moved {BIG_MOVE} points or
            more.
          </span>
        )}
      </div>
      <details class="history-table">
        <summary>Show as table ({points.length} points)</summary>
        <div class="table-wrap">
          <table class="data compact fit">
            <caption class="visually-hidden">Score history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" class="num col-score">
                  Score
                </th>
                <th scope="col" class="num">
                  Change
                </th>
                <th scope="col" class="num col-optional">
                  Rank
                </th>
                <th scope="col" class="col-main wrap">
                  What moved
                </th>
              </tr>
            </thead>
            <tbody>
              {points
                .map((p, i) => ({ p, i }))
                .reverse()
                .map(({ p, i }) => (
                  <tr key={p.date}>
                    <th scope="row">{formatDate(p.date)}</th>
                    <td class="num col-score">{formatScore(p.score)}</td>
                    <td class="num">{i > 0 ? signed(delta(i)) : ''}</td>
                    <td class="num col-optional">{p.rank}</td>
                    <td class="col-main wrap why small">
                      {i > 0 && Math.abs(delta(i)) >= 0.05 ? explainDay(points[i - 1], p, weights) : ''}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
