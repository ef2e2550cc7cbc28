/** The market routes' contract (`routes.ts`): the market clock and its query. */
import { z } from 'zod';

/** GET /api/market/status: whether the NYSE regular session is open, and when that changes. */
export const MarketStatus = z
  .object({
    at: z.string().describe('The instant asked about (ISO-8601, UTC); "now" is given to the second.'),
    date: z.string().describe('Its exchange-local date (America/New_York), YYYY-MM-DD.'),
    time_zone: z.literal('America/New_York'),
    is_open: z.boolean(),
    reason: z
      .enum(['weekend', 'holiday', 'pre_market', 'after_hours', 'early_close'])
      .nullable()
      .describe('Why the market is closed; null while open.'),
    holiday: z.string().nullable().describe("The holiday's name when reason is holiday."),
    message: z.string().describe('One line for people, e.g. "Closed for Thanksgiving Day".'),
    session: z
      .object({
        date: z.string(),
        open: z.string().describe('Opening instant (ISO-8601, UTC).'),
        close: z.string().describe('Closing instant (ISO-8601, UTC).'),
        early_close: z.boolean().describe('Closes at 13:00 New York time.'),
      })
      .nullable()
      .describe("The day's regular session; null when the exchange does not trade that day."),
    next_open: z.string().describe('The next opening after `at` (ISO-8601, UTC).'),
    next_close: z.string().describe('The next closing after `at` (ISO-8601, UTC).'),
  })
  .meta({ id: 'MarketStatus' });

/** An ISO-8601 instant with an explicit offset (Z or ±hh:mm), e.g. 2026-11-27T15:00:00Z. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/i;
/** True for a real instant: the date and time read back unchanged (no Feb 30, no 24:00). */
function isIsoInstant(v: string): boolean {
  const m = ISO_INSTANT.exec(v);
  const ms = Date.parse(v);
  if (!m || Number.isNaN(ms)) return false;
  const offset =
    m[2].toUpperCase() === 'Z' ? 0 : (m[3] === '-' ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
  return new Date(ms + offset * 60_000).toISOString().slice(0, 16) === m[1].toUpperCase();
}
export const MarketStatusQuery = z.object({
  at: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || isIsoInstant(v), {
      error: 'at: must be an ISO-8601 instant with an offset, e.g. 2026-11-27T15:00:00Z',
    })
    .meta({ description: 'The instant to ask about (default: now).', example: '2026-11-27T15:00:00Z' }),
});

export type MarketStatus = z.infer<typeof MarketStatus>;
