/** Leaderboard: the best-scored stocks of every sector, or of one sector (switch kept in the URL). */
import { useLocation } from 'preact-iso';
import { api, sectorsCached } from '../api/client.ts';
import { ScoreLegend } from '../components/Score.tsx';
import { AsyncView } from '../components/States.tsx';
import { StockList } from '../components/StockList.tsx';
import { useApi, useTitle } from '../lib/hooks.ts';
import './Leaderboard.css';

const LIMITS = [5, 10, 25, 50] as const;

export default function Leaderboard() {
  useTitle('Leaderboard');
  const { query, route } = useLocation();
  const sector = query.sector ?? '';
  const limitRaw = Number(query.limit);
  const limit = Number.isInteger(limitRaw) && limitRaw >= 1 && limitRaw <= 100 ? limitRaw : sector ? 25 : 5;
  const sectors = useApi(() => sectorsCached(), []);
  const board = useApi(
    (signal) => api.leaderboard({ sector: sector || undefined, limit }, signal),
    [sector, limit],
    {
      keepPrevious: true,
    },
  );

  const go = (next: { sector?: string; limit?: number }) => {
    const p = new URLSearchParams();
    const s = next.sector ?? sector;
    if (s) p.set('sector', s);
    if (next.limit !== undefined) p.set('limit', String(next.limit));
    const qs = p.toString();
    route(`/leaderboard${qs ? `?${qs}` : ''}`);
  };

  return (
    <>
      <div class="page-head">
        <h1>Leaderboard{sector ? `: ${sector}` : ''}</h1>
        <p class="muted">
          The highest-scored stocks {sector ? 'in this sector' : 'of each sector'}.{' '}
          <a href="/backtest">Does the score predict returns?</a>
        </p>
        <ScoreLegend />
      </div>
      <form class="filters card" aria-label="Leaderboard options" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="lb-sector">Sector</label>
          <select
            id="lb-sector"
            value={sector}
            onChange={(e) => go({ sector: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">All sectors</option>
            {(sectors.data?.items ?? []).map((s) => (
              <option key={s.sector} value={s.sector}>
                {s.sector}
              </option>
            ))}
            {sector && !sectors.data?.items.some((s) => s.sector === sector) && (
              <option value={sector}>{sector}</option>
            )}
          </select>
        </div>
        <div class="field field-narrow">
          <label for="lb-limit">Top</label>
          <select
            id="lb-limit"
            value={String(limit)}
            onChange={(e) => go({ limit: Number((e.currentTarget as HTMLSelectElement).value) })}
          >
            {[...new Set([...LIMITS, limit])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
          </select>
        </div>
      </form>
      <AsyncView
        state={board}
        label="the leaderboard"
        isEmpty={(d) => (d.sector ? d.items.length === 0 : d.groups.every((g) => g.items.length === 0))}
      >
        {(d) =>
          d.sector ? (
            <section class="card">
              <StockList
                items={d.items}
                caption={`Top ${d.items.length} in ${d.sector}`}
                rank="position"
                marketCap
                star
              />
            </section>
          ) : (
            <div class="board-groups">
              {d.groups.map((g) => (
                <section class="card" key={g.sector} aria-label={g.sector}>
                  <h2 class="h-card">
                    <a href={`/leaderboard?sector=${encodeURIComponent(g.sector)}`}>{g.sector}</a>
                  </h2>
                  <StockList items={g.items} caption={`Top stocks in ${g.sector}`} hideCaption />
                </section>
              ))}
            </div>
          )
        }
      </AsyncView>
    </>
  );
}
