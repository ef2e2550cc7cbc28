import { WatchlistView } from '../components/WatchlistView.tsx';
import { useTitle, useWatchlist } from '../lib/hooks.ts';

export default function Watchlist() {
  useTitle('Watchlist');
  const [items, w] = useWatchlist();
  return (
    <>
      <div class="page-head">
        <h1>Watchlist</h1>
        <p class="muted">
          Stocks you starred. The list is kept in this browser only.{' '}
          {items.length > 0 && (
            <button
              type="button"
              class="btn-link"
              onClick={() => {
                if (confirm('Remove every stock from your watchlist?')) w.clear();
              }}
            >
              Clear the watchlist
            </button>
          )}
        </p>
      </div>
      <section class="card">
        <WatchlistView headingLevel={2} />
      </section>
    </>
  );
}
