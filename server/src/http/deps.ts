import type { AppContext } from '../app-context.ts';

/** What the HTTP layer uses of the composition root's context; tests build it with overrides. */
export type AppDeps = Pick<
  AppContext,
  'config' | 'logger' | 'db' | 'cache' | 'clock' | 'services' | 'sentry' | 'jobs'
>;
