/**
 * Saved screens: a name and the stocks page's query string (filters, sort, columns), kept in
 * localStorage like the watchlist (the same StorageLike and the same rules: storage that is
 * missing, full or corrupt never breaks the page; the list then lives in memory). A saved
 * screen is shared by its URL, `/stocks?<query>`.
 */
import { browserStorage, type StorageLike } from './watchlist.ts';

export const SAVED_SCREENS_KEY = 'vibeapp.screens.v1';
const MAX_SCREENS = 50;
const MAX_NAME = 60;

export interface SavedScreen {
  name: string;
  /** The query string without `?` (`pe_max=15&sector=Energy`). */
  query: string;
}

export function parseSavedScreens(raw: string | null): SavedScreen[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: SavedScreen[] = [];
  for (const item of data) {
    if (!item || typeof item !== 'object') continue;
    const { name, query } = item as { name?: unknown; query?: unknown };
    if (typeof name !== 'string' || typeof query !== 'string') continue;
    const n = cleanName(name);
    if (!n || out.some((s) => s.name.toLowerCase() === n.toLowerCase())) continue;
    out.push({ name: n, query: query.replace(/^\?/, '').slice(0, 4000) });
    if (out.length >= MAX_SCREENS) break;
  }
  return out;
}

/** A screen's name: trimmed, inner spaces collapsed, at most 60 characters; '' when empty. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
}

export interface SavedScreens {
  list(): readonly SavedScreen[];
  /** Saves (or replaces, by name regardless of case) a screen; false for an empty name. */
  save(name: string, query: string): boolean;
  remove(name: string): void;
  subscribe(listener: (list: readonly SavedScreen[]) => void): () => void;
  reload(): void;
}

export function createSavedScreens(storage: StorageLike | null): SavedScreens {
  const read = (): SavedScreen[] => {
    try {
      return parseSavedScreens(storage?.getItem(SAVED_SCREENS_KEY) ?? null);
    } catch {
      return [];
    }
  };
  let items: readonly SavedScreen[] = Object.freeze(read());
  const listeners = new Set<(list: readonly SavedScreen[]) => void>();
  const commit = (next: SavedScreen[]) => {
    items = Object.freeze(next.slice(0, MAX_SCREENS));
    try {
      storage?.setItem(SAVED_SCREENS_KEY, JSON.stringify(items));
    } catch {
      // Quota exceeded or storage disabled: keep the in-memory list.
    }
    for (const l of listeners) l(items);
  };
  return {
    list: () => items,
    save(name, query) {
      const n = cleanName(name);
      if (!n) return false;
      const q = query.replace(/^\?/, '');
      const rest = items.filter((s) => s.name.toLowerCase() !== n.toLowerCase());
      commit([...rest, { name: n, query: q }].sort((a, b) => a.name.localeCompare(b.name)));
      return true;
    },
    remove(name) {
      const n = cleanName(name).toLowerCase();
      if (items.some((s) => s.name.toLowerCase() === n))
        commit(items.filter((s) => s.name.toLowerCase() !== n));
    },
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

let shared: SavedScreens | null = null;

/** The app's saved screens (localStorage in the browser, memory elsewhere). */
export function savedScreens(): SavedScreens {
  if (!shared) {
    shared = createSavedScreens(browserStorage());
    if (typeof window !== 'undefined') {
      const s = shared;
      window.addEventListener('storage', (e) => {
        if (e.key === SAVED_SCREENS_KEY || e.key === null) s.reload();
      });
    }
  }
  return shared;
}
