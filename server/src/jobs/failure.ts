/**
 * A failed run as the job store keeps it. Agenda saves the error's message as the run's
 * `failReason`, which `/api/system/jobs` shows: an error with a public face (a provider's
 * `provider_timeout`...: see `PublicFailure`) is saved as `<code>: <public message>`, with no
 * URL, host or port, and the original as its `cause` for the logs; any other error is saved
 * as it is.
 */
import { publicFailureOf } from '../errors.ts';

class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** False: the same failure would come back on a retry (the job's backoff skips it). */
    readonly retryable: boolean,
    cause: unknown,
  ) {
    super(`${code}: ${message}`, { cause });
    this.name = 'JobFailure';
  }
}

/** What a run's failure is saved as (see above). */
export function asJobFailure(err: unknown): unknown {
  const failure = publicFailureOf(err);
  return failure
    ? new JobFailure(failure.publicCode, failure.publicMessage, failure.retryable !== false, err)
    : err;
}

/** Whether retrying a failed run may help: not when the failure says it recurs (a refused key). */
export function retryHelps({ error }: { error: unknown }): boolean {
  return !(error instanceof JobFailure) || error.retryable;
}

/** The code and message of a saved failure reason; no code when it has none. */
export function parseFailReason(reason: string): { code: string | null; message: string } {
  const match = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)+): (.*)$/s.exec(reason);
  return match ? { code: match[1], message: match[2] } : { code: null, message: reason };
}
