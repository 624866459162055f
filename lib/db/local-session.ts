import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "libsql";
import { NoopCache } from "drizzle-orm/cache/core";
import { NoopLogger } from "drizzle-orm/logger";
import { DrizzleQueryError, createTableRelationsHelpers, extractTablesRelationalConfig, fillPlaceholders, sql, type SQL } from "drizzle-orm";
import { migrate as migrateSync } from "drizzle-orm/better-sqlite3/migrator";
import { BetterSQLiteSession, BetterSQLiteTransaction, PreparedQuery } from "drizzle-orm/better-sqlite3/session";
import { BaseSQLiteDatabase, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

/**
 * drizzle over one local libsql connection (a file or `:memory:`), driven synchronously as better-sqlite3 is, with
 * transactions whose callback may await. Through @libsql/client every statement paid for a second layer (its
 * argument conversion, a row object with two properties per column, a promise): ~9 % of the web's CPU under
 * dispatch load (docs/benchmarks.md). Rows come back as arrays and drizzle maps them.
 *
 * One connection, so one transaction at a time: a transaction or statement from elsewhere while one is open waits
 * for it to end (@libsql/client refused it with TRANSACTION_ACTIVE); the open transaction's own async work runs on.
 */

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection["prepare"]>;
type Params = unknown[];
type RelationalConfig = ConstructorParameters<typeof BetterSQLiteSession>[2];
type Behavior = "deferred" | "immediate" | "exclusive";

/** What @libsql/client did to each argument: libsql's native binding aborts the process on a boolean. */
export function toSqlValue(value: unknown): unknown {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "undefined":
      throw new TypeError("undefined cannot be passed as argument to the database");
    case "string":
    case "bigint":
      return value;
    default:
      if (value instanceof Date) return value.valueOf();
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      return value;
  }
}

/** libsql's get() adds a `_metadata` property to an object row (not to an array): the row is built from the array. */
function firstObject(statement: Statement, args: unknown[]): unknown {
  const values = statement.raw(true).get(args) as unknown[] | undefined;
  if (!values) return undefined;
  const names = statement.columns() as { name: string }[];
  return Object.fromEntries(names.map((column, i) => [column.name, values[i]]));
}

/** A write's outcome as @libsql/client gave it (ResultSet), which the Db type promises its callers. */
function runResult(info: { changes: number; lastInsertRowid: number | bigint }) {
  return { rows: [], columns: [], columnTypes: [], rowsAffected: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid) };
}

/** The shape drizzle's better-sqlite3 prepared query calls, over a libsql statement with converted arguments and an
 *  explicit row mode (a cached statement keeps the mode its last user set: lib/db/statement-cache.ts). Made once per
 *  statement: the statement cache hands the same one to every run of its SQL. */
const wrapped = new WeakMap<Statement, ReturnType<typeof wrap>>();
function statementFor(statement: Statement) {
  let known = wrapped.get(statement);
  if (!known) wrapped.set(statement, (known = wrap(statement)));
  return known;
}

function wrap(statement: Statement) {
  const args = (params: Params) => params.map(toSqlValue);
  // Only a statement that returns rows may be switched between object and array rows (raw() throws otherwise).
  const reader = Boolean(statement.reader);
  const mode = (raw: boolean) => (reader ? statement.raw(raw) : statement);
  const arrays = {
    all: (...params: Params) => mode(true).all(args(params)),
    get: (...params: Params) => mode(true).get(args(params)),
  };
  return {
    run: (...params: Params) => runResult(statement.run(args(params))),
    all: (...params: Params) => mode(false).all(args(params)),
    get: (...params: Params) => (reader ? firstObject(statement, args(params)) : statement.get(args(params))),
    raw: () => arrays,
  };
}

function settle<T>(work: () => T): Promise<Awaited<T>> {
  try {
    return Promise.resolve(work()) as Promise<Awaited<T>>;
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** Decides when a statement or transaction may use the connection. */
class Turns {
  /** The open transaction (its token), if any. */
  open: object | undefined;
  private waiting: (() => void)[] = [];
  /** Which transaction the running code belongs to. */
  readonly context = new AsyncLocalStorage<object>();

  /** Whether the caller may use the connection now: nothing is open, or it runs inside the open transaction. */
  free(): boolean {
    return this.open === undefined || this.context.getStore() === this.open;
  }

  /** Resolves when the open transaction has ended (the caller checks again: another may have begun). */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  end(): void {
    this.open = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /** Runs `work` now if the connection is free, else once it is: a value, or a promise of it. */
  when<T>(work: () => T): T | Promise<T> {
    if (this.free()) return work();
    return this.next().then(() => this.when(work));
  }
}

const noLogger = new NoopLogger();
const noCache = new NoopCache();

class LocalPreparedQuery extends PreparedQuery {
  constructor(
    private readonly turns: Turns,
    ...rest: ConstructorParameters<typeof PreparedQuery>
  ) {
    super(...rest);
  }
  override run(placeholders?: Record<string, unknown>) {
    return this.turns.when(() => this.explained(() => super.run(placeholders), placeholders)) as ReturnType<PreparedQuery["run"]>;
  }
  override all(placeholders?: Record<string, unknown>) {
    return this.turns.when(() => this.explained(() => super.all(placeholders), placeholders)) as ReturnType<PreparedQuery["all"]>;
  }
  override get(placeholders?: Record<string, unknown>) {
    return this.turns.when(() => this.explained(() => super.get(placeholders), placeholders)) as ReturnType<PreparedQuery["get"]>;
  }
  override values(placeholders?: Record<string, unknown>) {
    return this.turns.when(() => this.explained(() => super.values(placeholders), placeholders)) as ReturnType<PreparedQuery["values"]>;
  }

  /** A failure names its query and values, as drizzle's async drivers report it (the driver's error is its cause). */
  private explained<T>(work: () => T, placeholders?: Record<string, unknown>): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof DrizzleQueryError) throw error;
      throw new DrizzleQueryError(this.query.sql, fillPlaceholders(this.query.params, placeholders ?? {}), error as Error);
    }
  }
}

/** Past this, a transaction's hold on the one connection is reported (ours take a few ms). */
const SLOW_TRANSACTION_MS = 1_000;

type TransactionFn<T> = (tx: LocalTransaction) => T | Promise<T>;

class AwaitingSession extends BetterSQLiteSession<Record<string, unknown>, Record<string, never>> {
  readonly turns = new Turns();

  constructor(
    private readonly connection: Connection,
    private readonly syncDialect: SQLiteSyncDialect,
    private readonly relational: RelationalConfig,
  ) {
    super(connection as never, syncDialect, relational as never, {});
  }

  override prepareQuery(...args: Parameters<BetterSQLiteSession<Record<string, unknown>, Record<string, never>>["prepareQuery"]>) {
    const [query, fields, executeMethod, isResponseInArrayMode, customResultMapper, queryMetadata, cacheConfig] = args;
    const statement = statementFor(this.prepareStatement(query));
    return new LocalPreparedQuery(
      this.turns,
      statement as never,
      query,
      noLogger,
      noCache,
      queryMetadata,
      cacheConfig,
      fields,
      executeMethod,
      isResponseInArrayMode,
      customResultMapper,
    );
  }

  /** libsql compiles the SQL here (a missing table fails now, not at the run): named as a failed run would be. */
  private prepareStatement(query: { sql: string; params: unknown[] }): Statement {
    try {
      return this.connection.prepare(query.sql);
    } catch (error) {
      throw new DrizzleQueryError(query.sql, query.params, error as Error);
    }
  }

  // A statement run through the database itself (`db.run(sql…)`, `db.all`…) answers a promise, as @libsql/client's did:
  // its failure is a rejection, never a throw at the call.
  override run(query: SQL) {
    return settle(() => super.run(query)) as never;
  }
  override all<T>(query: SQL) {
    return settle(() => super.all<T>(query)) as never;
  }
  override get<T>(query: SQL) {
    return settle(() => super.get<T>(query)) as never;
  }
  override values<T extends unknown[]>(query: SQL) {
    return settle(() => super.values<T>(query)) as never;
  }

  /** Applies migrations through drizzle's synchronous migrator (it issues BEGIN … COMMIT itself), once the connection
   *  is free: nothing else runs between that moment and the migrator's end. */
  async migrate(migrationsFolder: string): Promise<void> {
    while (!this.turns.free()) await this.turns.next();
    const plain = new BetterSQLiteSession(this.connection as never, this.syncDialect, undefined, {});
    migrateSync({ dialect: this.syncDialect, session: plain } as never, { migrationsFolder });
  }

  /** BEGIN, the callback (which may await), COMMIT; ROLLBACK on any throw. Waits its turn behind another's. */
  override transaction<T>(fn: TransactionFn<T>, config: { behavior?: Behavior } = {}): T {
    return this.runTransaction(fn, config.behavior ?? "immediate") as T;
  }

  nestedTransaction(nestedIndex: number): LocalTransaction {
    const tx = new LocalTransaction("sync", this.syncDialect, this as never, this.relational as never, nestedIndex);
    tx.owner = this;
    return tx;
  }

  private async runTransaction<T>(fn: TransactionFn<T>, behavior: Behavior): Promise<T> {
    const { turns } = this;
    if (turns.open !== undefined && turns.free()) {
      throw new Error("a transaction was begun through the database while one is open in the same flow: use the transaction's own handle");
    }
    while (!turns.free()) await turns.next();
    const token = {};
    turns.open = token;
    const began = Date.now();
    try {
      this.connection.exec(`BEGIN ${behavior.toUpperCase()}`);
      const tx = this.nestedTransaction(0);
      const result = await turns.context.run(token, () => fn(tx));
      this.connection.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
      throw error;
    } finally {
      turns.end();
      // Everything else on the connection waited meanwhile: a transaction that awaits the network would show here.
      const heldMs = Date.now() - began;
      if (heldMs > SLOW_TRANSACTION_MS) console.warn(`a database transaction held the connection for ${heldMs} ms; other requests waited`);
    }
  }
}

/** A transaction's savepoints, awaited as the outer transaction is. */
class LocalTransaction extends BetterSQLiteTransaction<Record<string, unknown>, Record<string, never>> {
  owner!: AwaitingSession;

  override transaction<T>(fn: TransactionFn<T>): T {
    return this.runSavepoint(fn) as T;
  }

  private async runSavepoint<T>(fn: TransactionFn<T>): Promise<T> {
    const name = `sp${this.nestedIndex}`;
    const tx = this.owner.nestedTransaction(this.nestedIndex + 1);
    await this.owner.run(sql.raw(`savepoint ${name}`));
    try {
      const result = await fn(tx);
      await this.owner.run(sql.raw(`release savepoint ${name}`));
      return result;
    } catch (error) {
      await this.owner.run(sql.raw(`rollback to savepoint ${name}`));
      throw error;
    }
  }
}

/** drizzle's database over `connection`, typed as the async database every query function takes. */
export function localDatabase<Db>(connection: Connection): Db {
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const dialect = new SQLiteSyncDialect();
  const session = new AwaitingSession(connection, dialect, relational as never);
  return new BaseSQLiteDatabase("sync", dialect, session as never, relational as never) as unknown as Db;
}

/** Applies drizzle/ migrations to a database opened by localDatabase. */
export async function migrateLocalDatabase(db: unknown, migrationsFolder: string): Promise<void> {
  const session = (db as { session?: unknown }).session;
  if (!(session instanceof AwaitingSession)) throw new Error("not a database opened by localDatabase()");
  await session.migrate(migrationsFolder);
}
