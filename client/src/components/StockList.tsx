/**
 * A compact table of stocks (top stocks, movers, leaderboards, the watchlist). It always fits
 * its box: the stock's name shortens with an ellipsis, and on phones the optional columns
 * (sector, market cap) give way, so the score stays in view.
 */
import type { ComponentChildren } from 'preact';
import type { StockListItem } from '../api/types.ts';
import { changeClass, formatMarketCap, formatMoney, formatPercent } from '../lib/format.ts';
import { ScoreBadge, StarButton } from './Score.tsx';
import './StockList.css';

export function TickerLink({ ticker, name }: { ticker: string; name?: string }) {
  return (
    <a class="ticker-link" href={`/stocks/${encodeURIComponent(ticker)}`}>
      <strong class="ticker">{ticker}</strong>
      {name && <span class="name">{name}</span>}
    </a>
  );
}

/**
 * A table box that scrolls sideways on narrow screens. It takes focus so keyboard users can
 * scroll it with the arrow keys (WCAG 2.1.1); the label names it when it gets focus.
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable.
    <section class="table-wrap scroll-x" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

export function Change({ pct }: { pct: number | null | undefined }) {
  return <span class={`change ${changeClass(pct)}`}>{formatPercent(pct)}</span>;
}

export interface StockListProps {
  items: readonly StockListItem[];
  caption: ComponentChildren;
  /** Hide the caption visually (still read by screen readers). */
  hideCaption?: boolean;
  rank?: 'rank' | 'position' | false;
  sector?: boolean;
  marketCap?: boolean;
  star?: boolean;
}

export function StockList({
  items,
  caption,
  hideCaption = false,
  rank = 'position',
  sector = false,
  marketCap = false,
  star = false,
}: StockListProps) {
  return (
    <div class="table-wrap">
      <table class="data compact fit">
        <caption class={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {rank && (
              <th scope="col" class="num">
                #
              </th>
            )}
            <th scope="col" class="col-main">
              Stock
            </th>
            {sector && (
              <th scope="col" class="col-optional">
                Sector
              </th>
            )}
            <th scope="col" class="num">
              Price
            </th>
            <th scope="col" class="num">
              Day
            </th>
            {marketCap && (
              <th scope="col" class="num col-optional">
                Mkt cap
              </th>
            )}
            <th scope="col" class="num col-score">
              Score
            </th>
            {star && (
              <th scope="col">
                <span class="visually-hidden">Watchlist</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((s, i) => (
            <tr key={s.ticker}>
              {rank && <td class="num muted">{rank === 'rank' ? (s.rank ?? '—') : i + 1}</td>}
              <th scope="row" class="col-main">
                <TickerLink ticker={s.ticker} name={s.name} />
              </th>
              {sector && <td class="col-optional">{s.sector}</td>}
              <td class="num">{formatMoney(s.price)}</td>
              <td class="num">
                <Change pct={s.change_pct} />
              </td>
              {marketCap && <td class="num col-optional">{formatMarketCap(s.market_cap)}</td>}
              <td class="num col-score">
                <ScoreBadge score={s.score} />
              </td>
              {star && (
                <td>
                  <StarButton ticker={s.ticker} compact />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
