/**
 * Bulk upserts shared by the market and score repositories. On PostgreSQL a chunk of rows
 * travels as one JSON parameter expanded by `json_populate_recordset` (one bound value
 * instead of rows × columns, so the server parses a short statement), and a conflicting
 * row is only rewritten when one of its compared columns changed: an unchanged row costs
 * no new tuple and no index entries. On SQLite, knex's multi-row insert in chunks under
 * its bound-variable limit, with the same skip of unchanged rows.
 */
import type { Knex } from 'knex';
import type { Tables } from 'knex/types/tables.js';
import { dialect } from './knex.ts';

type Db = Knex | Knex.Transaction;

/** A column of a row type. */
type Column<Row> = Extract<keyof Row, string>;

/**
 * The row type of a table: the typed table map's (db/tables.ts) for the app's tables, so a
 * row of the wrong table or a misspelt key column fails the type-check; any plain object
 * for a table outside the map (tests' scratch tables).
 */
type RowOf<T extends string> = T extends keyof Tables ? Tables[T] : object;

export interface UpsertOptions<Row> {
  /** The conflict target (the table's primary key). */
  key: Column<Row>[];
  /**
   * Columns written on conflict but not compared: a row whose other columns are all
   * unchanged is left as it is, these included (e.g. an `updated_at` stamp).
   */
  uncompared?: Column<Row>[];
  /** Rows per statement on SQLite (at most 400; bound variables, rows × columns, under 32,766). */
  chunk?: number;
}

/** Rows per statement on PostgreSQL (one JSON parameter each). */
const PG_CHUNK = 2_000;

const q = (c: string) => `"${c.replace(/"/g, '""')}"`;

/** Non-finite numbers travel as strings PostgreSQL's float input reads back ('NaN', 'Infinity'). */
const replacer = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** Insert `rows` (all with the same columns) or update the stored rows with the same key. Returns nothing. */
export async function upsertRows<T extends string, Row extends RowOf<T>>(
  db: Db,
  table: T,
  rows: readonly Row[],
  options: UpsertOptions<Row>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const keys = new Set<string>(options.key);
  const unc = new Set<string>(options.uncompared ?? []);
  const set = columns.filter((c) => !keys.has(c));
  const compared = set.filter((c) => !unc.has(c));
  if (dialect(db as Knex) === 'pg') {
    const assignments = set.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ');
    const target = options.key.map(q).join(', ');
    const list = columns.map(q).join(', ');
    const changed = compared.length
      ? ` where (${compared.map((c) => `${q(table)}.${q(c)}`).join(', ')}) is distinct from (${compared.map((c) => `excluded.${q(c)}`).join(', ')})`
      : '';
    const sql = `insert into ${q(table)} (${list}) select ${list} from json_populate_recordset(null::${q(table)}, ?::json) on conflict (${target}) do ${set.length ? `update set ${assignments}${changed}` : 'nothing'}`;
    for (let i = 0; i < rows.length; i += PG_CHUNK)
      await db.raw(sql, [JSON.stringify(rows.slice(i, i + PG_CHUNK), replacer)]);
    return;
  }
  // knex writes SQLite's multi-row insert as a compound SELECT: at most 500 terms.
  const chunk = options.chunk ?? Math.min(400, Math.max(1, Math.floor(30_000 / columns.length)));
  const changed = compared.length
    ? ` where ${compared.map((c) => `${q(table)}.${q(c)} is not excluded.${q(c)}`).join(' or ')}`
    : '';
  for (let i = 0; i < rows.length; i += chunk) {
    const insert = db(table)
      .insert(rows.slice(i, i + chunk))
      .onConflict(options.key);
    if (!set.length) {
      await insert.ignore();
      continue;
    }
    const { sql, bindings } = insert.merge(set).toSQL().toNative();
    await db.raw(`${sql}${changed}`, bindings as Knex.RawBinding[]);
  }
}
