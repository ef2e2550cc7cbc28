/**
 * The worker's heartbeat: a row in `worker_heartbeats` (same database as the job store,
 * so it works where the API, the worker and the health check run in separate containers)
 * refreshed on a timer. A stuck event loop or a lost database stops the beats; the health
 * check fails when the latest beat is older than its limit.
 */
import os from 'node:os';
import type { Knex } from 'knex';
import { type Clock, systemClock } from '../clock.ts';

export const HEARTBEAT_TABLE = 'worker_heartbeats';

/** This worker's name in the heartbeat table: WORKER_NAME, else the host name (the container's). */
export function workerName(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORKER_NAME?.trim() || os.hostname();
}

export interface Heartbeat {
  /** Write one beat now. */
  beat(): Promise<void>;
  stop(): void;
}

export interface HeartbeatOptions {
  worker: string;
  backend: string;
  intervalMs: number;
  /** The worker's clock: beats are stamped with it. */
  clock?: Clock;
  onError?: (err: unknown) => void;
}

/** Start beating: one beat at once (awaited), then every `intervalMs`. */
export async function startHeartbeat(db: Knex, options: HeartbeatOptions): Promise<Heartbeat> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now().getTime();
  const beat = async () => {
    await db(HEARTBEAT_TABLE)
      .insert({
        worker: options.worker,
        pid: process.pid,
        backend: options.backend,
        started_at: startedAt,
        beat_at: clock.now().getTime(),
      })
      .onConflict('worker')
      .merge(['pid', 'backend', 'started_at', 'beat_at']);
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((err) => options.onError?.(err));
  }, options.intervalMs);
  timer.unref();
  return { beat, stop: () => clearInterval(timer) };
}

export interface HeartbeatCheck {
  ok: boolean;
  /** One line for people (the health command prints it). */
  message: string;
  ageMs: number | null;
}

/**
 * Check a worker's latest beat (or any worker's, when `worker` is null) against `maxAgeMs`.
 */
export async function checkHeartbeat(
  db: Knex,
  options: { worker: string | null; maxAgeMs: number; clock?: Clock },
): Promise<HeartbeatCheck> {
  const now = (options.clock ?? systemClock).now().getTime();
  const q = db(HEARTBEAT_TABLE).max({ beat: 'beat_at' });
  if (options.worker) q.where('worker', options.worker);
  const [row] = await q;
  const who = options.worker ? `worker "${options.worker}"` : 'any worker';
  const beat = row?.beat === null || row?.beat === undefined ? null : Number(row.beat);
  if (beat === null) return { ok: false, message: `no heartbeat from ${who} yet`, ageMs: null };
  const ageMs = now - beat;
  const ok = ageMs <= options.maxAgeMs;
  const age = `${(ageMs / 1000).toFixed(1)} s`;
  return {
    ok,
    ageMs,
    message: ok
      ? `${who} is alive: last heartbeat ${age} ago`
      : `${who} is stale: last heartbeat ${age} ago (limit ${(options.maxAgeMs / 1000).toFixed(0)} s)`,
  };
}
