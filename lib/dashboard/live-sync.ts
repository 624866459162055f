/**
 * The dashboard's one live-sync algorithm, as pure functions (no React, no I/O): rows from a server render, kept
 * current by `change` frames, re-read on every socket open. While a snapshot is on its way, changes wait in a buffer
 * and are applied on top of it; a version guard remembers the newest word on every row, even after the row left the
 * view, so a late older change or a snapshot read just before a newer change can never bring back what moved on.
 */

/** What a live view knows about its rows: identity, age, membership and order. */
export type SyncView<Row> = {
  key: (row: Row) => string;
  /** Larger is newer; ties apply (two updates in the same millisecond arrive in order). */
  version: (row: Row) => number;
  /** Does a row belong in this view (the page's filters)? */
  matches: (row: Row) => boolean;
  /** Rows not shown yet are added only when true (a first page); later pages keep their boundaries. */
  acceptNew: boolean;
  compare: (a: Row, b: Row) => number;
};

export type RowChange<Row> = { op: "upsert" | "delete"; row: Row };

/** The newest version heard for a key, and whether that word was a delete. */
type Newest = { version: number; deleted: boolean };

export type SyncState<Row> = {
  rows: readonly Row[];
  newest: ReadonlyMap<string, Newest>;
  /** Changes heard while a snapshot is on its way; null when none is awaited. */
  buffer: readonly RowChange<Row>[] | null;
  /** The snapshot being waited for; an answer to an older request is ignored. */
  awaiting: number | null;
};

export function initialSync<Row>(rows: readonly Row[], view: SyncView<Row>): SyncState<Row> {
  const newest = new Map<string, Newest>(rows.map((r) => [view.key(r), { version: view.version(r), deleted: false }]));
  return { rows, newest, buffer: null, awaiting: null };
}

/**
 * Is this word on a row newer than everything heard so far? A delete carries no newer state of its own, so it wins
 * over everything before it and is final unless a strictly newer upsert follows.
 */
function isNews(newest: ReadonlyMap<string, Newest>, key: string, version: number, op: RowChange<unknown>["op"]): boolean {
  const previous = newest.get(key);
  if (!previous) return true;
  if (previous.deleted) return op === "upsert" && version > previous.version;
  return op === "delete" || version >= previous.version;
}

/** Where a row that changed ends up: replaced in place, added (first pages only), or dropped from the view. */
function place<Row>(rows: readonly Row[], change: RowChange<Row>, view: SyncView<Row>): readonly Row[] {
  const key = view.key(change.row);
  const index = rows.findIndex((r) => view.key(r) === key);
  const belongs = change.op === "upsert" && view.matches(change.row);
  if (index >= 0) {
    if (!belongs) return rows.filter((_, i) => i !== index);
    const next = rows.slice();
    next[index] = change.row;
    return next.sort(view.compare);
  }
  return belongs && view.acceptNew ? [...rows, change.row].sort(view.compare) : rows;
}

/** Applies one change now, unless something newer about the same row was already heard. */
export function applyChange<Row>(state: SyncState<Row>, change: RowChange<Row>, view: SyncView<Row>): SyncState<Row> {
  const key = view.key(change.row);
  const version = view.version(change.row);
  if (!isNews(state.newest, key, version, change.op)) return state;
  const recorded = change.op === "delete" ? Math.max(version, state.newest.get(key)?.version ?? version) : version;
  const newest = new Map(state.newest).set(key, { version: recorded, deleted: change.op === "delete" });
  return { ...state, newest, rows: place(state.rows, change, view) };
}

/** A change from the socket: buffered while a snapshot is awaited, applied at once otherwise. */
export function receive<Row>(state: SyncState<Row>, change: RowChange<Row>, view: SyncView<Row>): SyncState<Row> {
  return state.buffer ? { ...state, buffer: [...state.buffer, change] } : applyChange(state, change, view);
}

/** The socket (re)opened and the view is being fetched again as `token`; changes heard meanwhile wait for it. */
export function beginSync<Row>(state: SyncState<Row>, token: number): SyncState<Row> {
  return { ...state, buffer: state.buffer ?? [], awaiting: token };
}

/**
 * The snapshot `token` arrived (or failed: null). Its rows become the view, except those something newer was already
 * heard about (kept as they are, or left out if they moved on); then the buffered changes are applied in order.
 * A failed snapshot keeps the rows we have and applies the buffer; the next socket open tries again.
 */
export function settle<Row>(state: SyncState<Row>, token: number, snapshot: readonly Row[] | null, view: SyncView<Row>): SyncState<Row> {
  if (state.awaiting !== token) return state;
  const base: SyncState<Row> = { ...state, buffer: null, awaiting: null };
  const adopted = snapshot ? adoptSnapshot(base, snapshot, view) : base;
  return (state.buffer ?? []).reduce((s, change) => applyChange(s, change, view), adopted);
}

function adoptSnapshot<Row>(state: SyncState<Row>, snapshot: readonly Row[], view: SyncView<Row>): SyncState<Row> {
  const newest = new Map(state.newest);
  const current = new Map(state.rows.map((r) => [view.key(r), r]));
  // By key: a snapshot read in parts (assigned, then running) can hold one row twice, caught in both.
  const rows = new Map<string, Row>();
  for (const row of snapshot) {
    const key = view.key(row);
    const version = view.version(row);
    if (isNews(newest, key, version, "upsert")) {
      newest.set(key, { version, deleted: false });
      rows.set(key, row);
    } else if (!rows.has(key)) {
      // Read just before a newer change we already applied: the row we hold is that newer word, if it still belongs.
      const kept = current.get(key);
      if (kept) rows.set(key, kept);
    }
  }
  return { ...state, newest, rows: [...rows.values()].sort(view.compare) };
}

/** The single-row face: a view holding exactly the row with this key. */
export function rowView<Row>(key: (row: Row) => string, version: (row: Row) => number, id: string): SyncView<Row> {
  return { key, version, matches: (row) => key(row) === id, acceptNew: true, compare: () => 0 };
}
