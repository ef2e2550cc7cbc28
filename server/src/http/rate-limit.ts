/**
 * Requests per client and minute (rate-limiter-flexible): RATE_LIMIT_PER_MINUTE (0: off),
 * counted in Redis when REDIS_ENABLED (so every API process shares the count), in memory
 * otherwise. The client is `ctx.ip`: the socket's address, or X-Forwarded-For's only with
 * TRUST_PROXY. Every counted answer carries the IETF draft's `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` (seconds); past the limit a 429
 * `rate_limited` with `Retry-After`. Health probes are not counted.
 *
 * When Redis fails (down, slow past REDIS_COMMAND_TIMEOUT_MS) the limiter fails open to
 * its in-memory count, never to a 5xx, and says so once at warn (and again at info when
 * Redis answers again).
 */
import { Redis } from 'ioredis';
import type { Middleware } from 'koa';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.ts';
import { RateLimitedError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Paths never counted: the probes an orchestrator calls every few seconds (the OpenAPI document's 429s follow it). */
export const RATE_LIMIT_EXEMPT: ReadonlySet<string> = new Set(['/health', '/livez', '/readyz']);
const WINDOW_S = 60;

export function rateLimit(config: Pick<Config, 'http' | 'redis' | 'cache'>, logger: Logger): Middleware {
  const points = config.http.rateLimitPerMinute;
  if (points <= 0) return (_ctx, next) => next();
  const keyPrefix = `${config.cache.keyPrefix}:ratelimit`;
  const memory = new RateLimiterMemory({ points, duration: WINDOW_S, keyPrefix });
  let redis: RateLimiterRedis | undefined;
  if (config.redis.enabled) {
    const client = new Redis(config.redis.url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      commandTimeout: config.redis.commandTimeoutMs,
      maxRetriesPerRequest: 0,
    });
    client.on('error', () => {}); // reported through the failed commands below
    // The counter's connection never holds the process open (the API's close does not know it):
    // neither its socket nor, while Redis is away, ioredis's reconnect timer (set just after the
    // 'reconnecting' event, hence the microtask).
    client.on('connect', () => client.stream?.unref?.());
    client.on('reconnecting', () =>
      queueMicrotask(() =>
        (client as unknown as { reconnectTimeout?: NodeJS.Timeout }).reconnectTimeout?.unref(),
      ),
    );
    redis = new RateLimiterRedis({
      storeClient: client,
      points,
      duration: WINDOW_S,
      keyPrefix,
      rejectIfRedisNotReady: true,
    });
  }
  let failingOpen = false;

  async function consume(key: string): Promise<RateLimiterRes> {
    if (!redis) return memory.consume(key);
    try {
      const res = await redis.consume(key);
      if (failingOpen) {
        failingOpen = false;
        logger.info('rate limit: counting in Redis again');
      }
      return res;
    } catch (err) {
      if (err instanceof RateLimiterRes) throw err;
      if (!failingOpen) {
        failingOpen = true;
        logger.warn(
          `rate limit: Redis failed (${(err as Error)?.message ?? err}); counting in memory until it answers`,
        );
      }
      return memory.consume(key);
    }
  }

  const limit = String(points);
  return async (ctx, next) => {
    if (RATE_LIMIT_EXEMPT.has(ctx.path)) return next();
    let res: RateLimiterRes;
    let limited = false;
    try {
      res = await consume(ctx.ip || 'unknown');
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      res = err;
      limited = true;
    }
    const resetS = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    ctx.res.setHeader('RateLimit-Limit', limit);
    ctx.res.setHeader('RateLimit-Remaining', String(Math.max(0, res.remainingPoints)));
    ctx.res.setHeader('RateLimit-Reset', String(resetS));
    if (limited) {
      throw new RateLimitedError(
        `Too many requests: at most ${points} a minute per client; try again in ${resetS} s`,
        resetS,
      );
    }
    return next();
  };
}
