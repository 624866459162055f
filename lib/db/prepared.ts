import "server-only";
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Queries built once and run again with new values. drizzle builds a query's SQL text from its builder on every run
 * (escaping each column, mapping each field): under dispatch load that was ~30 % of the web's CPU, more than SQLite's
 * own time (docs/benchmarks.md). A query written with `sql.placeholder(name)` for its values is built on its first
 * run per connection and only bound afterwards; the columns' own encoding (JSON, booleans) still applies to the values.
 *
 * Kept per drizzle session: a local database has one for all its transactions (lib/db/local-session.ts), so a query
 * prepared there serves them all; @libsql/client makes a session per transaction, where it is built once per one.
 */

type Preparable<P> = { prepare(): P };
const bySession = new WeakMap<object, Map<string, unknown>>();

/** The query `key` names, built by `build` the first time this connection runs it. `key` must fix its SQL text. */
export function prepared<P>(db: Db, key: string, build: (db: Db) => Preparable<P>): P {
  const session = (db as unknown as { session: object }).session;
  let queries = bySession.get(session);
  if (!queries) bySession.set(session, (queries = new Map()));
  let query = queries.get(key) as P | undefined;
  if (query === undefined) {
    query = build(db).prepare();
    queries.set(key, query);
  }
  return query;
}

/**
 * For a query whose columns vary with its input (an update's `set`, an insert's values): each defined field of `values`
 * as a placeholder of its own name (a null as the literal NULL: a bound value passes through its column's encoder,
 * which would store a JSON column's null as the text 'null'), the values to bind, and the shape that names the query.
 */
export function shaped(values: Record<string, unknown>, prefix = "") {
  const keys = Object.keys(values)
    .filter((k) => values[k] !== undefined)
    .sort();
  const marks: Record<string, Placeholder | SQL> = {};
  const bound: Record<string, unknown> = {};
  for (const k of keys) {
    if (values[k] === null) {
      marks[k] = sql`NULL`;
    } else {
      marks[k] = sql.placeholder(prefix + k);
      bound[prefix + k] = values[k];
    }
  }
  return { marks, bound, shape: keys.map((k) => (values[k] === null ? `${k}=null` : k)).join(",") };
}
