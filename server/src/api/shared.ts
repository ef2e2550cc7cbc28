/**
 * The pieces of the HTTP contract that several resources share: the error body, a page of
 * items, a metric's value and format, and the builders of query parameters with their
 * messages. Each resource's own schemas sit beside its routes (`stocks/schemas.ts`,
 * `screener/schemas.ts`, `market/schemas.ts`, `system/schemas.ts`, `jobs/schemas.ts`); the
 * same zod schemas validate requests, type the handlers and generate /openapi.json.
 */
import { z } from 'zod';
import { METRIC_FORMATS } from './metrics.ts';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'invalid_parameter' }),
      message: z.string().meta({ example: 'limit: must be at most 100' }),
    }),
  })
  .meta({ id: 'Error' });

/** One page of items, with the page's position in the whole list. */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    limit: z.number().int().describe('Items per page.'),
    size: z.number().int().describe('Same as limit (its older name).'),
    total: z.number().int(),
    pages: z.number().int(),
  });

export const MetricFormat = z.enum(METRIC_FORMATS).meta({
  id: 'MetricFormat',
  description:
    'How to show the value: pct = a fraction as a percentage, x = a multiple, money = USD, ' +
    'big_money = USD in K/M/B/T, int = a count, num = a plain number, score = a 0-100 score, ' +
    'text = a word shown as it is (the value is a string).',
});

export const Metric = z
  .object({
    label: z.string(),
    value: z.union([z.number(), z.string()]).nullable().describe('A string only for format text.'),
    format: MetricFormat,
  })
  .meta({ id: 'Metric' });

/** An optional whole-number query parameter with its default and bounds. */
export const intParam = (name: string, def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name}: must be a whole number` })
    .int({ error: `${name}: must be a whole number` })
    .min(min, { error: `${name}: must be at least ${min}` })
    .max(max, { error: `${name}: must be at most ${max}` })
    .default(def);

export type ErrorBody = z.infer<typeof ErrorBody>;
export type Metric = z.infer<typeof Metric>;
export type MetricFormat = z.infer<typeof MetricFormat>;
