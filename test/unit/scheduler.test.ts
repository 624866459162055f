import { describe, expect, it } from "vitest";
import { acceptsWork, claimOrder, type AgentForRouting } from "@/lib/tasks/rules";

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
});
