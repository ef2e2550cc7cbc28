/** A process that dies of an unhandled rejection after starting from the composition root (Sentry test). */
import { createAppContext, installProcessHandlers } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';

const ctx = await createAppContext(loadConfig(), { name: 'crash-test' });
installProcessHandlers(ctx);
void Promise.reject(new TypeError(`provider refused key ${process.env.FMP_API_KEY}`));
