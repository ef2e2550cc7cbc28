/** Overview: data freshness, top stocks, sectors heat map, day movers and the watchlist. */
import { api } from '../api/client.ts';
import type { SectorSummary, StockListItem } from '../api/types.ts';
import { useHealth } from '../components/HealthContext.tsx';
import { ScoreBadge } from '../components/Score.tsx';
import { AsyncView } from '../components/States.tsx';
import { Change, StockList } from '../components/StockList.tsx';
import { WatchlistView } from '../components/WatchlistView.tsx';
import { formatAge, formatDate, formatDateTime } from '../lib/format.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import './Overview.css';

/** Heat class of a day change in percent: up-1..4, down-1..4 or flat. */
function heatClass(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct) || Math.abs(pct) < 0.05) return 'heat-flat';
  const level = Math.abs(pct) >= 2 ? 4 : Math.abs(pct) >= 1 ? 3 : Math.abs(pct) >= 0.5 ? 2 : 1;
  return `heat-${pct > 0 ? 'up' : 'down'}-${level}`;
}

function SectorTiles({ sectors }: { sectors: readonly SectorSummary[] }) {
  const sorted = [...sectors].sort((a, b) => (b.market_cap ?? 0) - (a.market_cap ?? 0) || b.count - a.count);
  return (
    <ul class="tiles">
      {sorted.map((s) => (
        <li key={s.sector} class={`tile ${heatClass(s.avg_change_pct)}`}>
          <a href={`/leaderboard?sector=${encodeURIComponent(s.sector)}`}>
            <span class="tile-name">{s.sector}</span>
            <span class="tile-change">
              <Change pct={s.avg_change_pct} />
            </span>
            <span class="tile-meta">
              {s.count} stocks · avg score <ScoreBadge score={s.avg_score} />
            </span>
            {s.top && <span class="tile-top muted">Top: {s.top.ticker}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Freshness() {
  const health = useHealth();
  const data = health?.data?.data;
  if (!data) return null;
  return (
    <p class="freshness">
      {data.sample && <span class="badge badge-sample">Sample data</span>}
      <span>
        Prices as of <strong>{formatDate(data.as_of)}</strong>
      </span>
      <span>
        Scores computed{' '}
        <time dateTime={data.scores_computed_at ?? undefined} title={formatDateTime(data.scores_computed_at)}>
          {formatAge(data.scores_computed_at)}
        </time>
      </span>
      <span>{data.stocks} stocks</span>
      <span>source: {data.source}</span>
    </p>
  );
}

const withChange = (items: StockListItem[]) => items.filter((s) => s.change_pct !== null);

export default function Overview() {
  useTitle('Overview');
  const top = useApi((signal) => api.top(10, signal), []);
  const sectors = useApi((signal) => api.sectors(signal), []);
  const gainers = useApi((signal) => api.stocks({ sort: 'change_pct', order: 'desc', size: 5 }, signal), []);
  const losers = useApi((signal) => api.stocks({ sort: 'change_pct', order: 'asc', size: 5 }, signal), []);

  return (
    <>
      <div class="page-head">
        <h1>Market overview</h1>
        <Freshness />
      </div>
      <div class="grid-2">
        <section class="card" aria-labelledby="top-h">
          <h2 id="top-h">
            Top stocks{' '}
            <a href="/stocks" class="more">
              all stocks →
            </a>
          </h2>
          <AsyncView state={top} label="top stocks" isEmpty={(d) => d.items.length === 0}>
            {(d) => (
              <StockList items={d.items} caption="Top 10 stocks by score" hideCaption rank="rank" star />
            )}
          </AsyncView>
        </section>
        <section class="card" aria-labelledby="movers-h">
          <h2 id="movers-h">Today's movers</h2>
          <div class="movers">
            <AsyncView state={gainers} label="gainers" isEmpty={(d) => withChange(d.items).length === 0}>
              {(d) => <StockList items={withChange(d.items)} caption="Biggest gainers" rank={false} />}
            </AsyncView>
            <AsyncView state={losers} label="losers" isEmpty={(d) => withChange(d.items).length === 0}>
              {(d) => <StockList items={withChange(d.items)} caption="Biggest losers" rank={false} />}
            </AsyncView>
          </div>
        </section>
      </div>
      <section class="card" aria-labelledby="sectors-h">
        <h2 id="sectors-h">
          Sectors <span class="muted small">average day change (colour), count and average score</span>
        </h2>
        <AsyncView state={sectors} label="sectors" isEmpty={(d) => d.items.length === 0}>
          {(d) => <SectorTiles sectors={d.items} />}
        </AsyncView>
      </section>
      <section class="card" aria-labelledby="watch-h">
        <h2 id="watch-h">
          Watchlist{' '}
          <a href="/watchlist" class="more">
            open →
          </a>
        </h2>
        <WatchlistView />
      </section>
    </>
  );
}
