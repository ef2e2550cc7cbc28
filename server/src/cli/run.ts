/**
 * Shared shell for command-line entry points: a failure prints one line naming the cause
 * (no stack trace unless LOG_LEVEL=debug) and exits non-zero.
 */
import { ConfigError } from '../config.ts';
import { describeDbError } from '../db/knex.ts';

export async function runCli(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${name}: ${err.message}`);
    } else {
      console.error(`${name}: ${describeDbError(err)}`);
      if (process.env.LOG_LEVEL === 'debug') console.error(err);
    }
    process.exitCode = 1;
  }
}
