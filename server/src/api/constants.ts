/**
 * Plain constants of the HTTP contract, free of zod so the client can import them at run
 * time (schemas.ts re-exports them and builds its enums from them).
 */

/** The factor components of every score. */
export const COMPONENT_KEYS = ['value', 'quality', 'growth', 'momentum', 'risk', 'dividend'] as const;

/** Ranges of `/api/stocks/:ticker/prices`. */
export const RANGES = ['1m', '3m', '6m', '1y', '2y', 'max'] as const;
