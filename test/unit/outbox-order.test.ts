import { describe, expect, it } from "vitest";
import { OutboxQueue, type EventKind, type QueuedEvent } from "../../party/outbox-order";

const ALL = { maxEvents: 200, maxChars: 1_000_000, barrier: Infinity };

/** A queue of events given as [agentId, kind, repoIds?], numbered 1, 2, 3 … */
function queueOf(events: [string, EventKind, string[]?][], chars = 10): OutboxQueue {
  const q = new OutboxQueue();
  events.forEach(([agentId, kind, repoIds], i) => {
    const e: QueuedEvent = { seq: i + 1, agentId, kind, chars, ...(repoIds ? { repoIds } : {}) };
    q.add(e, { stored: true });
  });
  return q;
}

describe("outbox order", () => {
  it("sends a task result ahead of a thousand agents' presence and git traffic, with its own agent's earlier events", () => {
    const events: [string, EventKind, string[]?][] = [];
    for (let i = 0; i < 1000; i++) events.push([`a${i}`, "agent-status"], [`a${i}`, "git-status", [`r${i}`]]);
    events.push(["busy", "agent-status"], ["busy", "task-accepted"], ["a7", "pong"], ["busy", "task-result"]);
    const q = queueOf(events);
    const { send } = q.select({ ...ALL, maxEvents: 5 });
    // busy's agent-status (2001), acceptance (2002) and result (2004); then the oldest bulk events fill the batch.
    expect(send).toEqual([1, 2, 2001, 2002, 2004]);
  });

  it("keeps one agent's order: a lifecycle event never passes an earlier event of its agent, even across batches", () => {
    const q = queueOf([
      ["x", "agent-status"],
      ["y", "git-status", ["ry"]],
      ["x", "git-status", ["rx"]],
      ["y", "agent-status"],
      ["x", "task-accepted"],
      ["x", "task-result"],
    ]);
    const first = q.select({ ...ALL, maxEvents: 2 });
    expect(first).toEqual({ send: [1, 3], drop: [] });
    q.remove(first.send);
    expect(q.select({ ...ALL, maxEvents: 2 }).send).toEqual([5, 6]);
    expect(q.select(ALL).send).toEqual([2, 4, 5, 6]);
  });

  it("holds back every event of an agent whose earlier events are in a batch on its way, and lets other agents' events pass", () => {
    const q = queueOf([
      ["x", "agent-status"],
      ["y", "agent-status"],
      ["x", "task-accepted"],
      ["y", "task-result"],
      ["x", "pong"],
      ["x", "pong"],
      ["z", "git-status", ["rz"]],
    ]);
    // Batch 1 (x's status) is on its way: x's later events, its lifecycle event and its replaced pong included, wait.
    const second = q.select({ ...ALL, busyAgents: new Set(["x"]) });
    expect(second).toEqual({ send: [2, 4, 7], drop: [] });
    // y and z are now on their way too; once x's batch is answered x's events leave in their order.
    q.remove([1]);
    expect(q.select({ ...ALL, busyAgents: new Set(["y", "z"]) })).toEqual({ send: [3, 6], drop: [5] });
  });

  it("keeps only the newest pong of an agent", () => {
    const q = queueOf([
      ["x", "pong"],
      ["y", "pong"],
      ["x", "pong"],
      ["x", "pong"],
    ]);
    expect(q.select(ALL)).toEqual({ send: [2, 4], drop: [1, 3] });
  });

  it("drops a git-status whose repositories a later one of the same agent reports again, never one that reports more", () => {
    const q = queueOf([
      ["x", "git-status", ["r1", "r2"]],
      ["x", "git-status", ["r1"]],
      ["y", "git-status", ["r1", "r2", "r3"]],
      ["x", "git-status", ["r1", "r2", "r3"]],
      ["x", "git-status", ["r3"]],
    ]);
    expect(q.select(ALL)).toEqual({ send: [3, 4, 5], drop: [1, 2] });
  });

  it("an event replaces earlier ones only once it is stored", () => {
    const q = new OutboxQueue();
    q.add({ seq: 1, agentId: "x", kind: "pong", chars: 10 }, { stored: true });
    q.add({ seq: 2, agentId: "x", kind: "pong", chars: 10 }, { stored: false });
    expect(q.select({ ...ALL, barrier: 2 })).toEqual({ send: [1], drop: [] });
    q.stored(2);
    expect(q.select(ALL)).toEqual({ send: [2], drop: [1] });
  });

  it("a replaced event costs nothing and goes with the batch that finds it", () => {
    const q = queueOf([
      ["x", "pong"],
      ["y", "agent-status"],
      ["x", "pong"],
    ]);
    expect(q.select({ ...ALL, maxEvents: 1 })).toEqual({ send: [2], drop: [1] });
  });

  it("never passes an event still being written, lifecycle or not", () => {
    const q = queueOf([
      ["x", "git-status", ["r"]],
      ["y", "task-result"],
      ["z", "task-result"],
    ]);
    expect(q.select({ ...ALL, barrier: 2 }).send).toEqual([1]);
    expect(q.select({ ...ALL, barrier: 3 }).send).toEqual([1, 2]);
  });

  it("keeps a batch under its size, but always sends at least one event", () => {
    const q = queueOf(
      [
        ["x", "agent-status"],
        ["y", "agent-status"],
        ["z", "task-result"],
      ],
      600,
    );
    expect(q.select({ ...ALL, maxChars: 1000 }).send).toEqual([3]);
    expect(q.select({ ...ALL, maxChars: 100 }).send).toEqual([3]);
    q.remove([3]);
    expect(q.select({ ...ALL, maxChars: 1300 }).send).toEqual([1, 2]);
    expect(q.size).toBe(2);
  });
});
