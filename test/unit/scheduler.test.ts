import { describe, expect, it } from "vitest";
import { acceptsWork, canRun, claimOrder, type AgentForRouting } from "@/lib/scheduler/eligibility";

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
  it("routes a task without requires to any agent (the spec's example)", () => {
    expect(canRun(agent(), { requires: [], targetAgentId: null })).toBe(true);
  });

  it("needs every required capability, matched exactly", () => {
    expect(canRun(agent(), { requires: ["git", "npm"], targetAgentId: null })).toBe(true);
    expect(canRun(agent(), { requires: ["gpu"], targetAgentId: null })).toBe(false);
    expect(canRun(agent({ capabilities: ["npm"] }), { requires: ["npm:test"], targetAgentId: null })).toBe(false);
  });

  it("honours a target agent", () => {
    expect(canRun(agent({ id: "a" }), { requires: [], targetAgentId: "b" })).toBe(false);
    expect(canRun(agent({ id: "b" }), { requires: [], targetAgentId: "b" })).toBe(true);
  });

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
});
