/** Data-fetching and small UI hooks. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiUnreachableError } from '../api/client.ts';
import { type Watchlist, watchlist } from './watchlist.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** True while waiting to retry an unreachable API. */
  retrying: boolean;
  /** Failed attempts in a row. */
  attempts: number;
  /** Load again now (also cuts a pending backoff short). */
  reload: () => void;
}

/** Backoff before retry number `attempt` (1-based): 1 s, 2 s, 4 s, 8 s, then every 15 s. */
function backoffDelay(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

export interface UseApiOptions {
  /** Keep showing the previous data while the next load runs (tables, range switches). */
  keepPrevious?: boolean;
  /** Reload every N ms while mounted. */
  refreshMs?: number;
  /** Stop reloading after an error like this one (an endpoint this API does not have: ask once). */
  stopRefreshOn?: (error: unknown) => boolean;
}

/**
 * Run `load` whenever `deps` change. Aborts stale requests; when the API is unreachable it
 * retries with exponential backoff until it answers; other errors wait for `reload()`.
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  options: UseApiOptions = {},
): ApiState<T> {
  const [state, setState] = useState<Omit<ApiState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
    retrying: false,
    attempts: 0,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keep = options.keepPrevious ?? false;
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // Runs again when the caller's deps change, or on reload() (tick).
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let alive = true;

    const run = () => {
      // While retrying, keep the error on screen ("retrying…") instead of flashing a spinner.
      setState((s) => ({ ...s, error: s.retrying ? s.error : undefined, loading: true }));
      loadRef.current(controller.signal).then(
        (data) => {
          if (!alive) return;
          attempts = 0;
          setState({ data, error: undefined, loading: false, retrying: false, attempts: 0 });
          if (options.refreshMs) timer = setTimeout(run, options.refreshMs);
        },
        (error: unknown) => {
          if (!alive || (error as Error)?.name === 'AbortError') return;
          attempts += 1;
          const unreachable = error instanceof ApiUnreachableError;
          setState((s) => ({
            data: keep ? s.data : undefined,
            error,
            loading: false,
            retrying: unreachable,
            attempts,
          }));
          if (unreachable) timer = setTimeout(run, backoffDelay(attempts));
          else if (options.refreshMs && !options.stopRefreshOn?.(error))
            timer = setTimeout(run, options.refreshMs);
        },
      );
    };
    setState((s) => ({
      ...s,
      data: keep ? s.data : undefined,
      error: undefined,
      retrying: false,
      attempts: 0,
    }));
    run();
    return () => {
      alive = false;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick]);

  return { ...state, reload };
}

/** The watchlist as component state. */
export function useWatchlist(): [readonly string[], Watchlist] {
  const w = watchlist();
  const [items, setItems] = useState(w.list());
  useEffect(() => {
    setItems(w.list());
    return w.subscribe(setItems);
  }, [w]);
  return [items, w];
}

/** Set the document title while a page is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · VibeApp` : 'VibeApp';
  }, [title]);
}

/** A value that follows `value` after `ms` of quiet. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
