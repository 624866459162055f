import { describe, expect, it } from "vitest";
import { applyChange, beginSync, initialSync, receive, rowView, settle, type RowChange, type SyncState, type SyncView } from "@/lib/dashboard/live-sync";

/** A task-like row: status decides membership in a "pending" view, v is its version (updatedAt). */
type Row = { id: string; status: string; v: number };
const row = (id: string, status: string, v: number): Row => ({ id, status, v });
const up = (r: Row): RowChange<Row> => ({ op: "upsert", row: r });
const del = (r: Row): RowChange<Row> => ({ op: "delete", row: r });

const view = (over: Partial<SyncView<Row>> = {}): SyncView<Row> => ({
  key: (r) => r.id,
  version: (r) => r.v,
  matches: (r) => r.status === "pending",
  acceptNew: true,
  compare: (a, b) => a.id.localeCompare(b.id),
  ...over,
});
const shown = (s: SyncState<Row>) => s.rows.map((r) => `${r.id}@${r.v}`);
const run = (s: SyncState<Row>, changes: RowChange<Row>[], v = view()) => changes.reduce((acc, c) => receive(acc, c, v), s);

describe("live sync: changes on a live view", () => {
  it("adds a new matching row, replaces a newer one in place, keeps the order", () => {
    let s = initialSync([row("b", "pending", 1)], view());
    s = run(s, [up(row("a", "pending", 1)), up(row("b", "pending", 2))]);
    expect(shown(s)).toEqual(["a@1", "b@2"]);
  });

  it("ignores an older version that arrives after a newer one", () => {
    let s = initialSync([row("a", "pending", 5)], view());
    s = run(s, [up(row("a", "pending", 3))]);
    expect(shown(s)).toEqual(["a@5"]);
  });

  it("applies a same-millisecond update (ties arrive in order)", () => {
    const s = run(initialSync([row("a", "pending", 5)], view()), [up(row("a", "running", 5))]);
    expect(shown(s)).toEqual([]);
  });

  it("drops a row that moves out of the filter, and a late older change cannot bring it back", () => {
    let s = initialSync([row("a", "pending", 1)], view());
    s = run(s, [up(row("a", "cancelled", 2))]);
    expect(shown(s)).toEqual([]);
    s = run(s, [up(row("a", "pending", 1))]);
    expect(shown(s)).toEqual([]);
  });

  it("takes a row back in when a newer change puts it into the filter again", () => {
    let s = initialSync([row("a", "pending", 1)], view());
    s = run(s, [up(row("a", "cancelled", 2)), up(row("a", "pending", 3))]);
    expect(shown(s)).toEqual(["a@3"]);
  });

  it("never adds a row that does not match, nor a new row on a later page", () => {
    let s = initialSync<Row>([], view());
    s = run(s, [up(row("a", "running", 1))]);
    expect(shown(s)).toEqual([]);
    const later = view({ acceptNew: false });
    let p = initialSync([row("b", "pending", 1)], later);
    p = run(p, [up(row("c", "pending", 1)), up(row("b", "pending", 2))], later);
    expect(shown(p)).toEqual(["b@2"]);
  });

  it("removes a deleted row, and a late upsert of the same or an older version stays gone", () => {
    let s = initialSync([row("a", "pending", 4)], view());
    s = run(s, [del(row("a", "pending", 4))]);
    expect(shown(s)).toEqual([]);
    s = run(s, [up(row("a", "pending", 4)), up(row("a", "pending", 2))]);
    expect(shown(s)).toEqual([]);
  });

  it("lets a delete without a newer timestamp win over what came before it", () => {
    let s = initialSync([row("a", "pending", 9)], view());
    s = run(s, [del(row("a", "pending", 0)), up(row("a", "pending", 9))]);
    expect(shown(s)).toEqual([]);
  });
});

describe("live sync: snapshot on (re)connect", () => {
  it("shows a row once when a snapshot read in parts caught it twice, as the newest of the two", () => {
    const active = view({ matches: (r) => r.status === "assigned" || r.status === "running" });
    for (const parts of [
      [row("a", "assigned", 1), row("a", "running", 2)],
      [row("a", "running", 2), row("a", "assigned", 1)],
    ]) {
      const s = settle(beginSync(initialSync<Row>([], active), 1), 1, parts, active);
      expect(shown(s)).toEqual(["a@2"]);
    }
  });

  it("applies changes buffered while the snapshot was on its way on top of it", () => {
    let s = beginSync(initialSync([row("a", "pending", 1)], view()), 1);
    s = run(s, [up(row("b", "pending", 7)), up(row("a", "running", 6))]);
    expect(shown(s)).toEqual(["a@1"]); // nothing applied until the snapshot is in
    s = settle(s, 1, [row("a", "pending", 5), row("c", "pending", 5)], view());
    expect(shown(s)).toEqual(["b@7", "c@5"]);
    expect(s.buffer).toBe(null);
  });

  it("drops a buffered change that is older than the snapshot", () => {
    let s = beginSync(initialSync<Row>([], view()), 1);
    s = run(s, [up(row("a", "cancelled", 3))]);
    s = settle(s, 1, [row("a", "pending", 4)], view());
    expect(shown(s)).toEqual(["a@4"]);
  });

  it("does not let a just-stale snapshot put back a row that already moved on", () => {
    let s = initialSync([row("a", "pending", 1)], view());
    s = run(s, [up(row("a", "cancelled", 3))]);
    s = beginSync(s, 1);
    s = settle(s, 1, [row("a", "pending", 2)], view());
    expect(shown(s)).toEqual([]);
  });

  it("keeps the newer row it holds when the snapshot has an older copy of it", () => {
    let s = initialSync([row("a", "pending", 1)], view());
    s = run(s, [up(row("a", "pending", 3))]);
    s = settle(beginSync(s, 1), 1, [row("a", "pending", 2)], view());
    expect(shown(s)).toEqual(["a@3"]);
  });

  it("keeps its rows and applies the buffer when the snapshot fails", () => {
    let s = beginSync(initialSync([row("a", "pending", 1)], view()), 1);
    s = run(s, [up(row("b", "pending", 2))]);
    s = settle(s, 1, null, view());
    expect(shown(s)).toEqual(["a@1", "b@2"]);
    expect(s.awaiting).toBe(null);
  });

  it("resubscribes on reconnect: a superseded snapshot is ignored, the buffer carries over, the new one wins", () => {
    let s = beginSync(initialSync([row("a", "pending", 1)], view()), 1);
    s = run(s, [up(row("b", "pending", 2))]);
    s = beginSync(s, 2); // the socket dropped and opened again before the first answer came
    s = run(s, [up(row("c", "pending", 3))]);
    const late = settle(s, 1, [row("z", "pending", 1)], view());
    expect(late).toBe(s);
    s = settle(s, 2, [row("a", "pending", 1), row("d", "pending", 2)], view());
    expect(shown(s)).toEqual(["a@1", "b@2", "c@3", "d@2"]);
    // After settling, changes apply at once again.
    s = run(s, [up(row("d", "running", 4))]);
    expect(shown(s)).toEqual(["a@1", "b@2", "c@3"]);
  });

  it("applies the REST answer to one's own write immediately, even during a sync", () => {
    let s = beginSync(initialSync([row("a", "pending", 1)], view()), 1);
    s = applyChange(s, up(row("a", "cancelled", 2)), view());
    expect(shown(s)).toEqual([]);
    s = settle(s, 1, [row("a", "pending", 1)], view());
    expect(shown(s)).toEqual([]);
  });
});

describe("live sync: the single-row face", () => {
  const one = rowView<Row>(
    (r) => r.id,
    (r) => r.v,
    "a",
  );

  it("follows its own row only, newest wins", () => {
    let s = initialSync([row("a", "pending", 1)], one);
    s = run(s, [up(row("b", "pending", 9)), up(row("a", "running", 3)), up(row("a", "assigned", 2))], one);
    expect(s.rows).toEqual([row("a", "running", 3)]);
  });

  it("is empty after a delete, and an empty snapshot (404) empties it too", () => {
    const gone = run(initialSync([row("a", "pending", 1)], one), [del(row("a", "pending", 1))], one);
    expect(gone.rows).toEqual([]);
    const missing = settle(beginSync(initialSync([row("a", "pending", 1)], one), 1), 1, [], one);
    expect(missing.rows).toEqual([]);
  });
});
