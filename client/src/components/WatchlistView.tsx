/** The watchlist's stocks, fetched from /api/stocks/:ticker for each starred ticker. */
import { type ApiClient, api, isNotFound } from '../api/client.ts';
import type { StockDetail, StockListItem } from '../api/types.ts';
import { useApi, useWatchlist } from '../lib/hooks.ts';
import { AsyncView, EmptyState } from './States.tsx';
import { StockList } from './StockList.tsx';

function detailToListItem(d: StockDetail): StockListItem {
  return {
    ticker: d.ticker,
    name: d.name,
    sector: d.sector,
    industry: d.industry,
    price: d.quote.price,
    change: d.quote.change,
    change_pct: d.quote.change_pct,
    market_cap: d.fundamentals.market_cap,
    pe: d.fundamentals.pe,
    dividend_yield: d.fundamentals.dividend_yield,
    score: d.score,
    rank: d.rank,
    components: d.components,
  };
}

interface WatchlistData {
  items: StockListItem[];
  missing: string[];
}

async function loadWatchlist(client: ApiClient, tickers: readonly string[], signal?: AbortSignal) {
  const results = await Promise.allSettled(tickers.map((t) => client.stock(t, signal)));
  const items: StockListItem[] = [];
  const missing: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') items.push(detailToListItem(r.value));
    else if (isNotFound(r.reason)) missing.push(tickers[i]);
    else throw r.reason;
  });
  return { items, missing } satisfies WatchlistData;
}

export function WatchlistView({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const [tickers, w] = useWatchlist();
  const key = tickers.join(',');
  const state = useApi((signal) => loadWatchlist(api, tickers, signal), [key], { keepPrevious: true });
  if (tickers.length === 0) {
    return (
      <EmptyState title="Your watchlist is empty.">
        Star a stock (☆) in the <a href="/stocks">stocks table</a> or on a stock's page to follow it here.
      </EmptyState>
    );
  }
  return (
    <AsyncView state={state} label="your watchlist">
      {(data) => (
        <>
          <StockList
            items={data.items}
            caption={`Watchlist (${data.items.length})`}
            hideCaption={headingLevel === 2}
            sector
            star
            rank={false}
          />
          {data.missing.length > 0 && (
            <p class="muted">
              Not found in the current data: {data.missing.join(', ')}.{' '}
              <button
                type="button"
                class="btn-link"
                onClick={() => {
                  for (const t of data.missing) w.remove(t);
                }}
              >
                Remove them
              </button>
            </p>
          )}
        </>
      )}
    </AsyncView>
  );
}
