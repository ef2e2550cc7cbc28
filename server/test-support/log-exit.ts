/**
 * A child for logger.test.ts: logs LINES lines to stdout through the asynchronous
 * destination (`sync: false`), then ends as argv[2] says: `exit` (process.exit(3) right
 * away), `throw` (an uncaught exception), `handlers` (an uncaught exception with the
 * long-running processes' handlers: logged at fatal, then exit 1), or `end` (the event loop
 * runs dry).
 */
import { installProcessHandlers } from '../src/app-context.ts';
import { createLogger } from '../src/logger.ts';

const LINES = 2000;
const how = process.argv[2];
const logger = createLogger({ level: 'info', format: 'json', sync: false });
for (let i = 1; i <= LINES; i++) logger.info({ i }, 'line');
if (how === 'exit') process.exit(3);
if (how === 'handlers') installProcessHandlers({ logger, sentry: undefined });
if (how === 'throw' || how === 'handlers') throw new Error('boom');
