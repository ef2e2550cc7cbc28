/**
 * The watchlist: tickers the user starred, kept in localStorage (one JSON array), shared
 * between tabs through the `storage` event. Storage that is missing, full or corrupt never
 * breaks the app: the list then lives in memory for the session.
 */
export const WATCHLIST_KEY = 'vibeapp.watchlist.v1';
const WATCHLIST_MAX = 200;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** `brk.b ` → `BRK.B`; null when it cannot be a ticker. */
export function normalizeTicker(raw: string): string | null {
  const t = raw.trim().toUpperCase();
  return /^[A-Z0-9][A-Z0-9.\-^]{0,14}$/.test(t) ? t : null;
}

export function parseWatchlist(raw: string | null): string[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: string[] = [];
  for (const item of data) {
    if (typeof item !== 'string') continue;
    const t = normalizeTicker(item);
    if (t && !out.includes(t)) out.push(t);
    if (out.length >= WATCHLIST_MAX) break;
  }
  return out;
}

export interface Watchlist {
  list(): readonly string[];
  has(ticker: string): boolean;
  add(ticker: string): void;
  remove(ticker: string): void;
  /** Add or remove; returns whether the ticker is now watched. */
  toggle(ticker: string): boolean;
  clear(): void;
  subscribe(listener: (list: readonly string[]) => void): () => void;
  /** Re-read storage (another tab changed it). */
  reload(): void;
}

export function createWatchlist(storage: StorageLike | null): Watchlist {
  const read = (): string[] => {
    try {
      return parseWatchlist(storage?.getItem(WATCHLIST_KEY) ?? null);
    } catch {
      return [];
    }
  };
  let items: readonly string[] = read();
  const listeners = new Set<(list: readonly string[]) => void>();

  const commit = (next: string[]) => {
    items = Object.freeze(next.slice(0, WATCHLIST_MAX));
    try {
      storage?.setItem(WATCHLIST_KEY, JSON.stringify(items));
    } catch {
      // Quota exceeded or storage disabled: keep the in-memory list.
    }
    for (const l of listeners) l(items);
  };

  return {
    list: () => items,
    has: (ticker) => {
      const t = normalizeTicker(ticker);
      return !!t && items.includes(t);
    },
    add: (ticker) => {
      const t = normalizeTicker(ticker);
      if (t && !items.includes(t)) commit([...items, t]);
    },
    remove: (ticker) => {
      const t = normalizeTicker(ticker);
      if (t && items.includes(t)) commit(items.filter((x) => x !== t));
    },
    toggle(ticker) {
      const t = normalizeTicker(ticker);
      if (!t) return false;
      if (items.includes(t)) {
        commit(items.filter((x) => x !== t));
        return false;
      }
      commit([...items, t]);
      return true;
    },
    clear: () => commit([]),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload() {
      items = Object.freeze(read());
      for (const l of listeners) l(items);
    },
  };
}

/** localStorage when the browser has it and allows it, else null (memory only). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let shared: Watchlist | null = null;

/** The app's watchlist (localStorage in the browser, memory elsewhere). */
export function watchlist(): Watchlist {
  if (!shared) {
    shared = createWatchlist(browserStorage());
    if (typeof window !== 'undefined') {
      const w = shared;
      window.addEventListener('storage', (e) => {
        if (e.key === WATCHLIST_KEY || e.key === null) w.reload();
      });
    }
  }
  return shared;
}
