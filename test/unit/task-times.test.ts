import { describe, expect, it } from "vitest";
import { durationText, queuedMs, ranMs } from "@/lib/dashboard/task-times";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();
const now = Date.UTC(2026, 0, 1) + 600_000;

describe("task list times", () => {
  it("measures the queue wait to the start, or to now while pending", () => {
    expect(queuedMs({ status: "completed", createdAt: at(0), assignedAt: at(4), startedAt: at(5), completedAt: at(65) }, now)).toBe(5_000);
    expect(queuedMs({ status: "assigned", createdAt: at(0), assignedAt: at(4), startedAt: null, completedAt: null }, now)).toBe(4_000);
    expect(queuedMs({ status: "pending", createdAt: at(0), assignedAt: null, startedAt: null, completedAt: null }, now)).toBe(600_000);
    expect(queuedMs({ status: "cancelled", createdAt: at(0), assignedAt: null, startedAt: null, completedAt: at(9) }, now)).toBeNull();
  });

  it("measures the run to the end, or to now while running", () => {
    expect(ranMs({ status: "completed", createdAt: at(0), assignedAt: at(4), startedAt: at(5), completedAt: at(65) }, now)).toBe(60_000);
    expect(ranMs({ status: "running", createdAt: at(0), assignedAt: at(4), startedAt: at(300), completedAt: null }, now)).toBe(300_000);
    expect(ranMs({ status: "pending", createdAt: at(0), assignedAt: null, startedAt: null, completedAt: null }, now)).toBeNull();
    expect(durationText(null)).toBe("—");
    expect(durationText(60_000)).toBe("1 min");
  });
});
