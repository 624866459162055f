// @vitest-environment node
import { describe, expect, it } from "vitest";
import { formatSnapshotTime } from "@/lib/pwa/snapshot";

describe("formatSnapshotTime", () => {
  it("gives only the time for a snapshot taken today", () => {
    const at = new Date(2026, 10, 27, 21, 40);
    expect(formatSnapshotTime(at, new Date(2026, 10, 27, 23, 5))).toBe("21:40");
  });
  it("names the day of an older snapshot, so it never reads as today's", () => {
    const at = new Date(2026, 10, 26, 21, 40);
    const text = formatSnapshotTime(at, new Date(2026, 10, 27, 8, 0));
    expect(text).toMatch(/26/);
    expect(text).toMatch(/21:40$/);
    expect(text).not.toBe("21:40");
  });
});
