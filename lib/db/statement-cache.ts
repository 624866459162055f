import "server-only";
import Database from "libsql";
import { writeFileSync } from "node:fs";

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
type Statement = { columns(): unknown[]; raw(toggle?: boolean): Statement; reader: boolean };
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
    const statement = profileStatement(rememberShape(prepare.call(this, sql) as Statement), sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return statement;
  };
  proto[PATCHED] = true;
}

/**
 * @libsql/client asks every statement it runs for its columns (twice) and tries `raw(true)`, which throws for a
 * statement that returns no rows; both cost more than a short query itself (docs/benchmarks.md). A prepared
 * statement's columns and kind stay as they were (our SQL names its columns; migrations run before the first query),
 * so a cached one answers from memory.
 */
function rememberShape(statement: Statement): Statement {
  const { columns, raw } = statement;
  let known: unknown[] | undefined;
  statement.columns = () => (known ??= columns.call(statement));
  if (!statement.reader) {
    // Not a reader: raw() can only throw. One error, made once, stands for every later call.
    let refusal: unknown;
    statement.raw = (toggle?: boolean) => {
      if (refusal === undefined) {
        try {
          return raw.call(statement, toggle);
        } catch (error) {
          refusal = error;
        }
      }
      throw refusal;
    };
  }
  return statement;
}

let profiling = false;
const sqlProfile = new Map<string, { n: number; ms: number; rows: number }>();
/** Under COCKPIT_SQL_PROFILE=file (the bench's --profile), each statement's calls and time go to that file. */
function profileStatement(statement: unknown, sql: string): unknown {
  const file = process.env.COCKPIT_SQL_PROFILE;
  if (!file) return statement;
  const s = statement as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ["all", "run"] as const) {
    const original = s[method]!.bind(s);
    s[method] = (...args: unknown[]) => {
      const t0 = process.hrtime.bigint();
      const result = original(...args);
      const entry = sqlProfile.get(sql) ?? { n: 0, ms: 0, rows: 0 };
      entry.n++;
      entry.ms += Number(process.hrtime.bigint() - t0) / 1e6;
      if (Array.isArray(result)) entry.rows += result.length;
      sqlProfile.set(sql, entry);
      return result;
    };
  }
  if (!profiling) {
    profiling = true;
    setInterval(() => writeFileSync(file, JSON.stringify([...sqlProfile].sort((a, b) => b[1].ms - a[1].ms), null, 1)), 2_000).unref();
  }
  return statement;
}
