/**
 * Keeps this process's column table (columns.ts) in step with the stored data: built on
 * first use, and again after every data change, whichever process made it. A data change
 * (seed, ingest, rescore) invalidates `stocks:*` through the cache, which tells every
 * process (over Redis pub/sub, or without Redis through the database's bus); the table
 * listens for the invalidations that cover its key and rebuilds. Requests that arrive while
 * a build runs wait for it; a build that an invalidation overtook serves only the requests
 * that came before that invalidation.
 */
import type { Knex } from 'knex';
import { globToRegExp } from '../cache/glob.ts';
import { cacheKeys } from '../cache/keys.ts';
import type { Cache } from '../cache/types.ts';
import type { StockMetrics } from '../scoring/types.ts';
import { buildTable, type ScreenTable } from './columns.ts';
import { screenRows } from './repository.ts';

export interface ScreenTableSource {
  /** The table of the data as stored now. */
  current(): Promise<ScreenTable>;
  /**
   * Build now, and from now on rebuild as soon as the data changes rather than on the next
   * request (the API process calls it at start; a worker never needs the table).
   */
  warm(): Promise<void>;
}

export interface ScreenTableDeps {
  db: Knex;
  cache: Pick<Cache, 'onInvalidate'>;
  /** Told when a background rebuild fails (the next request tries again). */
  onError?: (err: unknown) => void;
}

/** Read the scored stocks and build their table. */
async function loadTable(db: Knex): Promise<ScreenTable> {
  const rows = await screenRows(db);
  return buildTable(
    rows.map(({ stock, score }) => ({
      stock,
      score,
      metrics: JSON.parse(score.metrics) as Partial<StockMetrics>,
    })),
  );
}

export function createScreenTableSource({ db, cache, onError }: ScreenTableDeps): ScreenTableSource {
  const key = cacheKeys.screenTable();
  /** Bumped by every invalidation that covers the table. */
  let version = 0;
  let built: { version: number; table: ScreenTable } | undefined;
  let building: { version: number; promise: Promise<ScreenTable> } | undefined;
  let eager = false;

  function current(): Promise<ScreenTable> {
    if (built && built.version === version) return Promise.resolve(built.table);
    if (building && building.version === version) return building.promise;
    const v = version;
    const promise = loadTable(db).then(
      (table) => {
        if (!built || built.version <= v) built = { version: v, table };
        if (building?.version === v) building = undefined;
        return table;
      },
      (err: unknown) => {
        if (building?.version === v) building = undefined;
        throw err;
      },
    );
    building = { version: v, promise };
    return promise;
  }

  cache.onInvalidate((pattern) => {
    if (!globToRegExp(pattern).test(key)) return;
    version++;
    if (eager) current().catch((err: unknown) => onError?.(err));
  });

  return {
    current,
    async warm() {
      eager = true;
      await current();
    },
  };
}
