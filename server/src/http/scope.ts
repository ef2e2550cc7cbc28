/**
 * What a use case may learn about the request it serves, passed explicitly from the route
 * to the service (no async-local storage on the hot path).
 */
import type { Logger } from '../logger.ts';

export interface RequestScope {
  /** From the X-Request-Id header, or generated; returned on the response. */
  requestId: string;
  /** A logger that stamps every line with the request id. */
  log: Logger;
}
