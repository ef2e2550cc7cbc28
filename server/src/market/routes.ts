/** Market routes: the NYSE market clock. */
import type { AppDeps } from '../http/deps.ts';
import { type RouteDef, route } from '../http/route.ts';
import { MARKET_TIME_ZONE } from './new-york.ts';
import * as s from './schemas.ts';
import { type MarketStatus, marketStatus, marketStatusMemo } from './status.ts';

/** The API body of the market clock's answer. */
function marketStatusBody(m: MarketStatus): s.MarketStatus {
  return {
    at: m.at,
    date: m.date,
    time_zone: MARKET_TIME_ZONE,
    is_open: m.isOpen,
    reason: m.reason,
    holiday: m.holiday,
    message: m.message,
    session: m.session && {
      date: m.session.date,
      open: m.session.open,
      close: m.session.close,
      early_close: m.session.earlyClose,
    },
    next_open: m.nextOpen,
    next_close: m.nextClose,
  };
}

/**
 * `clock`: "now" when the request names no instant. The status for now is kept until the
 * next open, close or New York midnight (`marketStatusMemo`): only `at` differs in between.
 * "Now" is given to the second, and its body is kept for that second: one object, so its
 * bytes and ETag are made once a second, not per request (a clock polled by every open page).
 */
export function marketRoutes({ clock }: Pick<AppDeps, 'clock'>): RouteDef[] {
  const now = marketStatusMemo();
  let second = Number.NaN;
  let body: s.MarketStatus | undefined;
  const bodyNow = (): s.MarketStatus => {
    const t = Math.floor(clock.now().getTime() / 1000);
    if (t !== second || !body) {
      body = marketStatusBody(now(new Date(t * 1000)));
      second = t;
    }
    return body;
  };
  return [
    route({
      method: 'get',
      path: '/api/market/status',
      operationId: 'marketStatus',
      summary: 'NYSE market clock: open or closed, why, and the next open and close',
      description:
        'Regular session 09:30–16:00 America/New_York (13:00 on early-close days), on NYSE trading days.',
      tags: ['market'],
      query: s.MarketStatusQuery,
      response: s.MarketStatus,
      database: 'none',
      kept: true,
      handler: ({ query }) => (query.at ? marketStatusBody(marketStatus(new Date(query.at))) : bodyNow()),
    }),
  ];
}
