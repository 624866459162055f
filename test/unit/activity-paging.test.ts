import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundFor, compareEntries, mergeHead, mergePage, parseEntryId, type Direction, type FeedPosition, type SourceBound } from "@/lib/activity/paging";
import { ACTIVITY_SOURCES, KIND_OF_SOURCE, type ActivityEntry, type ActivitySource } from "@/lib/activity/types";

const entry = (source: ActivitySource, rowId: string | number, at: number): ActivityEntry => ({
  id: `${source}:${rowId}`,
  at,
  kind: KIND_OF_SOURCE[source],
  type: "x",
  title: `${source}${rowId}`,
  message: null,
  agentId: null,
  repo: null,
  actor: null,
  subjectId: null,
});

/** What SQLite does with a bound: integers compare as numbers, approval ids as text. */
function passes(e: ActivityEntry, bound: SourceBound): boolean {
  if (bound.column === "at") return { "<": e.at < bound.at, "<=": e.at <= bound.at, ">": e.at > bound.at, ">=": e.at >= bound.at }[bound.op];
  const { source, rowId } = parseEntryId(e.id)!;
  const cmp = e.at !== bound.at ? e.at - bound.at : source === "v" ? (rowId < bound.rowId ? -1 : rowId > bound.rowId ? 1 : 0) : Number(rowId) - Number(bound.rowId);
  return bound.op === "<" ? cmp < 0 : cmp > 0;
}

/** One source read the way lib/activity/sources.ts reads it: bound, order by (at, id), limit. */
function readSource(rows: ActivityEntry[], bound: SourceBound | undefined, direction: Direction, take: number): ActivityEntry[] {
  const kept = rows.filter((e) => !bound || passes(e, bound)).sort(compareEntries);
  return (direction === "older" ? kept : kept.reverse()).slice(0, take);
}

function page(all: ActivityEntry[], position: FeedPosition | undefined, direction: Direction, limit: number) {
  const lists = ACTIVITY_SOURCES.map((s) =>
    readSource(
      all.filter((e) => e.id.startsWith(`${s}:`)),
      position && boundFor(s, position, direction),
      direction,
      limit + 1,
    ),
  );
  return mergePage(lists, limit, direction);
}

const positionOf = (e: ActivityEntry): FeedPosition => ({ at: e.at, ...parseEntryId(e.id)! });

/** Entries from every source with few distinct times, so ties across sources are common. */
const entries = fc
  .uniqueArray(
    fc.record({ source: fc.constantFrom(...ACTIVITY_SOURCES), row: fc.integer({ min: 1, max: 40 }), at: fc.integer({ min: 0, max: 5 }) }),
    { selector: (r) => `${r.source}:${r.row}`, maxLength: 60 },
  )
  .map((rs) => rs.map((r) => entry(r.source, r.source === "v" ? `ap-${r.row}` : r.row, r.at)));

describe("activity paging across sources", () => {
  it("paging older from the top visits every entry once, in order", () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 7 }), (all, limit) => {
        const seen: ActivityEntry[] = [];
        let position: FeedPosition | undefined;
        for (let i = 0; i < 100; i++) {
          const { page: p, more } = page(all, position, "older", limit);
          seen.push(...p);
          const last = p[p.length - 1];
          if (!more || !last) break;
          position = positionOf(last);
        }
        expect(seen.map((e) => e.id)).toEqual([...all].sort(compareEntries).map((e) => e.id));
      }),
    );
  });

  it("paging newer from the oldest entry visits every later entry once, each page newest first", () => {
    fc.assert(
      fc.property(entries.filter((a) => a.length > 0), fc.integer({ min: 1, max: 7 }), (all, limit) => {
        const sorted = [...all].sort(compareEntries);
        const oldest = sorted[sorted.length - 1]!;
        const pages: ActivityEntry[][] = [];
        let position = positionOf(oldest);
        for (let i = 0; i < 100; i++) {
          const { page: p, more } = page(all, position, "newer", limit);
          pages.unshift(p);
          const newest = p[0];
          if (!more || !newest) break;
          position = positionOf(newest);
        }
        for (const p of pages) expect([...p].sort(compareEntries)).toEqual(p);
        expect(pages.flat().map((e) => e.id)).toEqual(sorted.slice(0, -1).map((e) => e.id));
      }),
    );
  });

  it("breaks a tie at the same millisecond by source, then by row id (numbers as numbers)", () => {
    const sorted = [entry("t", 9, 5), entry("a", 1, 5), entry("t", 10, 5), entry("v", "b", 5), entry("c", 3, 6)].sort(compareEntries);
    expect(sorted.map((e) => e.id)).toEqual(["c:3", "v:b", "t:10", "t:9", "a:1"]);
  });

  it("refuses entry ids that no source hands out", () => {
    expect(parseEntryId("t:12")).toEqual({ source: "t", rowId: "12" });
    expect(parseEntryId("v:ap-1")).toEqual({ source: "v", rowId: "ap-1" });
    for (const bad of ["t:abc", "z:1", ":1", "t:", "t1", "a:1e3"]) expect(parseEntryId(bad)).toBeNull();
  });
});

describe("the live head merged into the shown feed", () => {
  const shown = [entry("t", 3, 30), entry("t", 2, 20), entry("t", 1, 10)];

  it("adds new entries on top and replaces changed ones by id", () => {
    const relabelled = { ...entry("t", 3, 30), type: "asleep" };
    const { entries: merged, replaced } = mergeHead(shown, [entry("p", 7, 40), relabelled], true);
    expect(replaced).toBe(false);
    expect(merged.map((e) => e.id)).toEqual(["p:7", "t:3", "t:2", "t:1"]);
    expect(merged[1]!.type).toBe("asleep");
  });

  it("takes a full head that does not reach what is shown as the whole list (a gap may lie between)", () => {
    const { entries: merged, replaced } = mergeHead(shown, [entry("p", 9, 50), entry("p", 8, 40)], true);
    expect(replaced).toBe(true);
    expect(merged.map((e) => e.id)).toEqual(["p:9", "p:8"]);
  });

  it("keeps everything when a short head (the whole newest part) does not overlap", () => {
    const { entries: merged, replaced } = mergeHead(shown, [entry("p", 8, 40)], false);
    expect(replaced).toBe(false);
    expect(merged).toHaveLength(4);
  });

  it("an empty feed takes the head; an empty head keeps the feed", () => {
    expect(mergeHead([], shown, true)).toEqual({ entries: shown, replaced: true });
    expect(mergeHead(shown, [], false)).toEqual({ entries: shown, replaced: false });
  });
});
