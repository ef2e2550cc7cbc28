/** Score history: a small SVG line (no chart library) and the same points as a table. */
import type { ScorePoint } from '../api/types.ts';
import { formatDate, formatScore } from '../lib/format.ts';
import { EmptyState } from './States.tsx';

const W = 600;
const H = 150;
const PAD_L = 30;
const PAD_R = 8;
const PAD_T = 8;
const PAD_B = 22;

export function ScoreHistoryChart({ items }: { items: readonly ScorePoint[] }) {
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
  const label = `Score history: ${formatScore(first.score)} on ${formatDate(first.date)}, ${formatScore(last.score)} on ${formatDate(last.date)} (${points.length} points).`;
  return (
    <div class="score-history">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} class="spark" preserveAspectRatio="none">
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
        <text x={PAD_L} y={H - 4} class="spark-label">
          {formatDate(first.date)}
        </text>
        <text x={W - PAD_R} y={H - 4} class="spark-label" text-anchor="end">
          {formatDate(last.date)}
        </text>
      </svg>
      <details class="history-table">
        <summary>Show as table ({points.length} points)</summary>
        <div class="table-wrap">
          <table class="data compact">
            <caption class="visually-hidden">Score history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" class="num">
                  Score
                </th>
                <th scope="col" class="num">
                  Rank
                </th>
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.date}>
                  <th scope="row">{formatDate(p.date)}</th>
                  <td class="num">{formatScore(p.score)}</td>
                  <td class="num">{p.rank}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
