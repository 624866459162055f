import { describe, expect, it } from "vitest";
import type { LogRelay } from "@/lib/dashboard/live-frames";
import { LIVE_LOG_LIMIT, addChunk, emptyLog, holderOutput, isFromHolder, noteTask, resumePoint, shownLogs, type LiveLog } from "@/lib/dashboard/live-log";

const relay = (agentId: string, seq: number, chunk: string, attempt?: number): LogRelay =>
  attempt === undefined ? { type: "task-log", taskId: "t1", agentId, seq, chunk } : { type: "task-log", taskId: "t1", agentId, seq, chunk, attempt };
const held = (assignedAgentId: string | null, attempt: number) => ({ assignedAgentId, attempt });
const hear = (log: LiveLog, ...relays: LogRelay[]) => relays.reduce(addChunk, log);

describe("task logs: only the holder's output", () => {
  it("accepts a chunk from the agent holding the task, with or without an attempt", () => {
    expect(isFromHolder({ agentId: "mac" }, held("mac", 1))).toBe(true);
    expect(isFromHolder({ agentId: "mac", attempt: 1 }, held("mac", 1))).toBe(true);
  });

  it("ignores a chunk from another agent, from an earlier attempt, or for a task nobody holds", () => {
    expect(isFromHolder({ agentId: "intruder" }, held("mac", 1))).toBe(false);
    expect(isFromHolder({ agentId: "mac", attempt: 1 }, held("mac", 2))).toBe(false);
    expect(isFromHolder({ agentId: "mac" }, held(null, 1))).toBe(false);
  });

  it("shows the holder's chunks in sequence order and leaves out everyone else's", () => {
    const log = hear(
      emptyLog({ attempt: 1 }, 10),
      relay("mac", 1, "b"),
      relay("intruder", 0, "EVIL"),
      relay("mac", 0, "a"),
      relay("mac", 2, "c", 1),
      relay("mac", 3, "OLD", 0),
    );
    expect(holderOutput(log, held("mac", 1))).toBe("abc");
    expect(holderOutput(log, held("intruder", 1))).toBe("EVIL");
  });

  it("dates a chunk without an attempt by the attempt last heard, so a retry on the same agent starts clean", () => {
    let log = hear(emptyLog({ attempt: 1 }, 10), relay("mac", 0, "first try\n"));
    log = noteTask(log, { attempt: 2 }, 20);
    log = hear(log, relay("mac", 0, "second try\n"));
    expect(holderOutput(log, held("mac", 2))).toBe("second try\n");
    expect(holderOutput(log, held("mac", 1))).toBe("first try\n");
  });

  it("does not let an older row move the attempt back", () => {
    let log = noteTask(emptyLog({ attempt: 1 }, 10), { attempt: 2 }, 20);
    log = noteTask(log, { attempt: 1 }, 15);
    log = hear(log, relay("mac", 0, "x"));
    expect(holderOutput(log, held("mac", 2))).toBe("x");
  });

  it("keeps at most LIVE_LOG_LIMIT characters, dropping the oldest", () => {
    const big = "x".repeat(LIVE_LOG_LIMIT / 2);
    const log = hear(emptyLog({ attempt: 1 }, 0), relay("mac", 0, `a${big}`), relay("mac", 1, big), relay("mac", 2, "tail"));
    expect(log.size).toBeLessThanOrEqual(LIVE_LOG_LIMIT);
    expect(holderOutput(log, held("mac", 1))).toBe(`${big}tail`);
  });
});

describe("task logs: what the panel shows", () => {
  it("shows live output while the task runs, the stored logs once it ended", () => {
    expect(shownLogs({ status: "running" }, "previous attempt\n", "live\n")).toBe("live\n");
    expect(shownLogs({ status: "running" }, "previous attempt\n", "")).toBe("previous attempt\n");
    expect(shownLogs({ status: "completed" }, "final\n", "live\n")).toBe("final\n");
    expect(shownLogs({ status: "completed" }, null, "live\n")).toBe("live\n");
  });
});

describe("task logs: stored output merged with the live stream", () => {
  it("counts a chunk heard live and read from the store once", () => {
    const log = hear(emptyLog({ attempt: 1 }, 0), relay("mac", 0, "a", 1), relay("mac", 1, "b", 1), relay("mac", 0, "a", 1), relay("mac", 1, "b", 1));
    expect(log.chunks).toHaveLength(2);
    expect(holderOutput(log, held("mac", 1))).toBe("ab");
  });

  it("resumes reading after the last contiguous seq and says when a hole is left", () => {
    expect(resumePoint(emptyLog({ attempt: 1 }, 0), held("mac", 1))).toEqual({ after: -1, gap: false });
    const whole = hear(emptyLog({ attempt: 1 }, 0), relay("mac", 0, "a", 1), relay("mac", 1, "b", 1), relay("mac", 2, "c", 1));
    expect(resumePoint(whole, held("mac", 1))).toEqual({ after: 2, gap: false });
    // seq 3 was broadcast before the socket opened and stored after the first read: 4 and 5 arrive live.
    const holed = hear(whole, relay("mac", 5, "f", 1), relay("mac", 4, "e", 1), relay("intruder", 3, "EVIL", 1));
    expect(resumePoint(holed, held("mac", 1))).toEqual({ after: 2, gap: true });
    expect(resumePoint(hear(holed, relay("mac", 3, "d", 1)), held("mac", 1))).toEqual({ after: 5, gap: false });
  });
});
