/** The API's /health, fetched once for the whole app (header badge, data freshness) and refreshed every minute. */
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Health } from '../api/types.ts';
import { type ApiState, useApi } from '../lib/hooks.ts';

const HealthContext = createContext<ApiState<Health> | null>(null);

export function HealthProvider({ children }: { children: ComponentChildren }) {
  const state = useApi((signal) => api.health(signal), [], { keepPrevious: true, refreshMs: 60_000 });
  return <HealthContext.Provider value={state}>{children}</HealthContext.Provider>;
}

export function useHealth(): ApiState<Health> | null {
  return useContext(HealthContext);
}
