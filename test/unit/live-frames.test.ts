import { describe, expect, it } from "vitest";
import { parseDashboardFrame } from "@/lib/dashboard/live-frames";

const text = (v: unknown) => JSON.stringify(v);

describe("dashboard frames", () => {
  it("reads a change frame with its entity, op and row", () => {
    const frame = parseDashboardFrame(text({ type: "change", entity: "task", op: "upsert", data: { id: "t1", status: "running" } }));
    expect(frame).toEqual({ type: "change", entity: "task", op: "upsert", data: { id: "t1", status: "running" } });
    expect(parseDashboardFrame(text({ type: "change", entity: "alert", op: "delete", data: { id: "a1" } }))).toMatchObject({ op: "delete" });
  });

  it("refuses a change frame with an unknown entity or op, or without a row object", () => {
    expect(parseDashboardFrame(text({ type: "change", entity: "user", op: "upsert", data: {} }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "change", entity: "task", op: "replace", data: {} }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "change", entity: "task", op: "upsert", data: null }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "change", entity: "task", op: "upsert", data: [1] }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "change", entity: "task", op: "upsert" }))).toBe(null);
  });

  it("reads a task-log relay, with its attempt when the agent names one", () => {
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", agentId: "mac", seq: 0, chunk: "hi\n" }))).toEqual({
      type: "task-log",
      taskId: "t1",
      agentId: "mac",
      seq: 0,
      chunk: "hi\n",
    });
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", agentId: "mac", seq: 3, chunk: "x", attempt: 2 }))).toMatchObject({ attempt: 2 });
  });

  it("refuses a relay without its agent, with a bad seq or attempt, or a chunk that is not text", () => {
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", seq: 0, chunk: "x" }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", agentId: "mac", seq: -1, chunk: "x" }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", agentId: "mac", seq: 1.5, chunk: "x" }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", agentId: "mac", seq: 1, chunk: 7 }))).toBe(null);
    expect(parseDashboardFrame(text({ type: "task-log", taskId: "t1", agentId: "mac", seq: 1, chunk: "x", attempt: "2" }))).toBe(null);
  });

  it("ignores other frames and text that is not a JSON object", () => {
    expect(parseDashboardFrame(text({ type: "ping", timestamp: 1 }))).toBe(null);
    expect(parseDashboardFrame("{ not json")).toBe(null);
    expect(parseDashboardFrame("[]")).toBe(null);
    expect(parseDashboardFrame("null")).toBe(null);
  });
});

describe("dashboard filters", () => {
  it("drop NUL characters so a %00 search cannot match everything", async () => {
    const { taskFilters } = await import("@/lib/dashboard/filters");
    expect(taskFilters({ search: "\u0000" }).search).toBeUndefined();
    expect(taskFilters({ search: "de\u0000ploy" }).search).toBe("deploy");
  });
});
