/** The backtest route's contract (`routes.ts`): does the score predict forward returns? */
import { z } from 'zod';

const fraction = (what: string) => z.number().nullable().describe(`${what} A fraction (0.02 = 2 %).`);

const Decile = z
  .object({
    decile: z.number().int().describe('1 = the lowest scores, 10 = the highest.'),
    mean_return: fraction('Mean forward return of the decile, averaged over formation dates.'),
    excess_return: fraction("Mean return minus that date's universe mean, averaged over dates."),
    observations: z.number().int().describe('Stock-dates in the decile.'),
  })
  .meta({ id: 'BacktestDecile' });

const HorizonResult = z
  .object({
    horizon: z.enum(['1m', '3m']),
    sessions: z.number().int().describe('Trading sessions from the formation close to the exit close.'),
    dates: z.number().int().describe('Formation dates with enough stocks and a complete forward window.'),
    deciles: z.array(Decile),
    spread: fraction('Top decile minus bottom decile, averaged over dates.'),
    ic: z.object({
      mean: z
        .number()
        .nullable()
        .describe("Mean of each date's Spearman rank correlation of score and return."),
      sd: z.number().nullable(),
      t: z
        .number()
        .nullable()
        .describe('mean / (sd / √n) over non-overlapping dates; null with fewer than 3 or no spread.'),
      independent_dates: z.number().int().describe('Dates the t-statistic uses.'),
      series: z.array(z.object({ date: z.string(), ic: z.number(), stocks: z.number().int() })),
    }),
    top_decile: z.object({
      hit_rate: fraction("Share of top-decile stocks whose return beat that date's median."),
      turnover: fraction('Mean share of the top decile replaced since the previous formation date.'),
    }),
  })
  .meta({ id: 'BacktestHorizon' });

export const ScoreBacktest = z
  .object({
    as_of: z.string().nullable().describe('The latest price date (YYYY-MM-DD).'),
    sample: z
      .boolean()
      .describe('True on the sample data set: the figures show the method, not a market result.'),
    formation: z.object({
      rule: z.string().describe('How formation dates are chosen.'),
      dates: z.number().int().describe('Month-end formation dates with scores.'),
      first: z.string().nullable(),
      last: z.string().nullable(),
      backfilled: z.number().int().describe('Of those, dates whose scores were recomputed point in time.'),
      live: z.number().int().describe('Of those, dates whose scores were recorded on the day.'),
    }),
    point_in_time: z.string().describe('What the backfilled scores know and what they do not.'),
    horizons: z.array(HorizonResult),
  })
  .meta({ id: 'ScoreBacktest' });

export type ScoreBacktest = z.infer<typeof ScoreBacktest>;
