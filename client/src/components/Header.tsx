import { useLocation } from 'preact-iso';
import { ApiUnreachableError } from '../api/client.ts';
import type { Health } from '../api/types.ts';
import { formatDate } from '../lib/format.ts';
import { useHealth } from './HealthContext.tsx';
import { MarketClock } from './MarketClock.tsx';
import { TickerJump } from './TickerJump.tsx';
import './Header.css';

const NAV_ITEMS = [
  { href: '/', label: 'Overview' },
  { href: '/stocks', label: 'Stocks' },
  { href: '/leaderboard', label: 'Leaderboard' },
  { href: '/map', label: 'Map' },
  { href: '/screener', label: 'Screener' },
  { href: '/watchlist', label: 'Watchlist' },
  { href: '/status', label: 'Status' },
] as const;

export function isActive(path: string, href: string): boolean {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}

/** The "Sample data" badge and the data's date, from /health. */
export function DataBadges({ health }: { health: Health | undefined }) {
  const data = health?.data;
  if (!data) return null;
  return (
    <span class="data-badges">
      {data.sample && (
        <span class="badge badge-sample" title="The API serves built-in sample data, not live market data.">
          Sample data
        </span>
      )}
      {data.as_of && <span class="badge badge-muted">Data as of {formatDate(data.as_of)}</span>}
    </span>
  );
}

export function Header() {
  const { path } = useLocation();
  const health = useHealth();
  const offline = health?.error instanceof ApiUnreachableError;
  const status = offline ? 'offline' : (health?.data?.status ?? 'unknown');
  return (
    <header class="site-header">
      <div class="header-row">
        <a class="brand" href="/">
          <span class="brand-mark" aria-hidden="true">
            ◆
          </span>
          VibeApp
        </a>
        <DataBadges health={health?.data} />
        <MarketClock />
        <a class={`api-dot api-${status}`} href="/status" title={`API status: ${status}`}>
          <span class="dot" aria-hidden="true" />
          <span class="visually-hidden">API status: {status}</span>
        </a>
        <TickerJump />
      </div>
      <nav class="site-nav" aria-label="Main">
        <ul>
          {NAV_ITEMS.map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={isActive(path, item.href) ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {offline && (
        <p class="offline-banner" role="status">
          Offline: the VibeApp API is not answering. Retrying in the background.
        </p>
      )}
    </header>
  );
}
