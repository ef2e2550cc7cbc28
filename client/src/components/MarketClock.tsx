/**
 * The NYSE market clock in the header: open or closed, and when that changes next
 * (from GET /api/market/status). Times are shown in New York time, the exchange's.
 */
import { api } from '../api/client.ts';
import type { MarketStatus } from '../api/types.ts';
import { useApi } from '../lib/hooks.ts';
import './MarketClock.css';

const ZONE = 'America/New_York';
const dayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});

/**
 * When an instant is, in New York time, relative to `now`: "16:00 ET" today, "Mon 09:30 ET"
 * within a week, "Mon, Jan 4 09:30 ET" further out.
 */
export function formatMarketTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const time = `${timeFormat.format(at)} ET`;
  if (dayFormat.format(at) === dayFormat.format(now)) return time;
  if (at.getTime() - now.getTime() < 6 * 86_400_000) return `${weekdayFormat.format(at)} ${time}`;
  return `${dateFormat.format(at)} ${time}`;
}

/** The clock's line for a status: what the market is doing and its next change. */
function marketClockText(s: MarketStatus, now: Date): { label: string; next: string; title: string } {
  if (s.is_open) {
    return { label: 'Market open', next: `closes ${formatMarketTime(s.next_close, now)}`, title: s.message };
  }
  return { label: 'Market closed', next: `opens ${formatMarketTime(s.next_open, now)}`, title: s.message };
}

export function MarketClockView({ status, now }: { status: MarketStatus | undefined; now: Date }) {
  if (!status) return null;
  const { label, next, title } = marketClockText(status, now);
  return (
    <span class={`market-clock ${status.is_open ? 'market-open' : 'market-closed'}`} title={title}>
      <span class="dot" aria-hidden="true" />
      <span class="market-label">{label}</span>
      <span class="market-next"> · {next}</span>
    </span>
  );
}

/** Polls the clock every minute (the server decides; the browser's time zone does not matter). */
export function MarketClock() {
  const state = useApi((signal) => api.request<MarketStatus>('/api/market/status', undefined, signal), [], {
    keepPrevious: true,
    refreshMs: 60_000,
  });
  return <MarketClockView status={state.data} now={state.data ? new Date(state.data.at) : new Date()} />;
}
