/**
 * The admin token the user gave the Status page, for the API's operational detail. Kept in
 * sessionStorage: this browser tab only, gone when it closes (never localStorage).
 */
const KEY = 'vibeapp.adminToken';

function store(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage blocked (privacy settings): the token lasts until reload
  }
}

let fallback = '';

export function readAdminToken(): string {
  return store()?.getItem(KEY) ?? fallback;
}

/** Keep a token (trimmed); an empty one forgets it. */
export function saveAdminToken(token: string): void {
  const value = token.trim();
  fallback = value;
  const s = store();
  if (!s) return;
  if (value) s.setItem(KEY, value);
  else s.removeItem(KEY);
}
