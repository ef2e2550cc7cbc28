/**
 * Shared shell for command-line entry points: a failure prints one line naming the cause
 * (no stack trace unless LOG_LEVEL=debug) and exits non-zero. That line is plain text on
 * stderr, deliberately not a log record: it is the answer to the person who typed the
 * command, and it must come out even when the configuration (and so the logger) is bad.
 * Progress and results go through the process logger.
 */
import { ConfigError, redactUrlPassword } from '../config.ts';
import { describeDbError } from '../db/knex.ts';

export async function runCli(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${name}: ${redactUrlPassword(err.message)}\n`);
    } else {
      process.stderr.write(`${name}: ${redactUrlPassword(describeDbError(err))}\n`);
      if (process.env.LOG_LEVEL === 'debug')
        process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exitCode = 1;
  }
}
