import "server-only";
import Database from "libsql";

/**
 * Keeps prepared statements per connection, keyed by their SQL. @libsql/client prepares every statement it runs
 * afresh; under dispatch load `prepare` was the web's top self time (docs/benchmarks.md, 12.8 % of the profile),
 * and a cached statement runs in about half the time. Safe here because the client only ever runs a statement to
 * completion synchronously (`all` / `run`, never a lazy `iterate`), so no two users hold one statement at once;
 * SQLite re-prepares a cached statement by itself after a schema change.
 */

/** Distinct SQL texts kept per connection (drizzle binds values, so a process has a few hundred at most). */
const STATEMENTS_PER_CONNECTION = 500;
const CACHE = Symbol.for("cockpit.statementCache");
const PATCHED = Symbol.for("cockpit.statementCachePatched");

type Prepare = (this: object, sql: string) => unknown;
type Patchable = { prepare: Prepare; [PATCHED]?: true };
type WithCache = { [CACHE]?: Map<string, unknown> };

/** Installs the cache on libsql's Database (once per process; the web's file connections only). */
export function cachePreparedStatements(): void {
  const proto = Database.prototype as unknown as Patchable;
  if (proto[PATCHED]) return;
  const prepare = proto.prepare;
  proto.prepare = function cachedPrepare(this: WithCache, sql: string) {
    const cache = (this[CACHE] ??= new Map<string, unknown>());
    const hit = cache.get(sql);
    if (hit !== undefined) {
      // Most recently used last, so the oldest goes first when the cache is full.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = prepare.call(this, sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return statement;
  };
  proto[PATCHED] = true;
}
