import { describe, expect, it } from "vitest";
import type { HubEvent } from "@/lib/bridge/messages";
import { acceptsWork, claimOrder, mayChangeDispatch, type AgentForRouting } from "@/lib/tasks/rules";

const agent = (over: Partial<AgentForRouting> = {}): AgentForRouting => ({
  id: "a",
  connected: true,
  status: "online",
  capabilities: ["git", "npm", "docker"],
  maxConcurrency: 1,
  active: 0,
  ...over,
});

describe("routing rules", () => {
  it("gives nothing to busy, offline, disconnected or full agents", () => {
    expect(acceptsWork(agent())).toBe(true);
    expect(acceptsWork(agent({ status: "idle" }))).toBe(true);
    expect(acceptsWork(agent({ status: "busy" }))).toBe(false);
    expect(acceptsWork(agent({ status: "offline" }))).toBe(false);
    expect(acceptsWork(agent({ connected: false }))).toBe(false);
    expect(acceptsWork(agent({ active: 1 }))).toBe(false);
    expect(acceptsWork(agent({ active: 1, maxConcurrency: 2 }))).toBe(true);
  });

  it("lets the least loaded agent claim first", () => {
    const order = claimOrder([agent({ id: "x", active: 1, maxConcurrency: 2 }), agent({ id: "y" }), agent({ id: "z", status: "busy" })]);
    expect(order.map((a) => a.id)).toEqual(["y", "x"]);
  });

  it("runs a dispatch pass only for hub batches that may free or bring an agent", () => {
    const base = { id: "e", at: 1, agentId: "a" };
    const pong: HubEvent = { ...base, kind: "pong" };
    const repos: HubEvent = { ...base, kind: "git-status", frame: { type: "git-status", repos: [] } };
    const result: HubEvent = { ...base, kind: "task-result", frame: { type: "task-result", taskId: "t", status: "completed", result: null } };
    expect(mayChangeDispatch({ events: [pong, repos] })).toBe(false);
    expect(mayChangeDispatch({ events: [pong, { ...base, kind: "task-log", taskId: "t", seq: 0, chunk: "x" }] })).toBe(false);
    expect(mayChangeDispatch({ events: [] })).toBe(false);
    expect(mayChangeDispatch({ events: [pong, result] })).toBe(true);
    expect(mayChangeDispatch({ events: [{ ...base, kind: "delivery-failed", taskId: "t" }] })).toBe(true);
    // A delivery that reached its agent moves assigned → running: the same slot stays held, nothing new to assign.
    expect(mayChangeDispatch({ events: [{ ...base, kind: "delivered", taskId: "t", attempt: 1, startedAt: 1 }] })).toBe(false);
    expect(mayChangeDispatch({ events: [{ ...base, kind: "delivered", taskId: "t", attempt: 1 }, result] })).toBe(true);
    expect(mayChangeDispatch({ events: [pong], presence: [] })).toBe(true);
  });
});
