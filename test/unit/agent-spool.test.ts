import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ResultSpool } from "../../agent/tasks/spool";
import { LogStreamer } from "../../agent/tasks/log-stream";
import { toResultFrame } from "../../agent/tasks/task-runner";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "agent-spool-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("result spool", () => {
  it("keeps unacknowledged results across restarts and forgets nothing until acked", () => {
    const dir = tempDir();
    const first = new ResultSpool(dir);
    first.load();
    first.markRunning("t1", 1);
    first.storeResult({ type: "task-result", taskId: "t1", status: "completed", result: { exitCode: 0 }, logs: "ok" });
    first.markRunning("t2", 1);
    first.storeResult({ type: "task-result", taskId: "t2", status: "failed", result: { error: "x" } });
    first.markAcked("t2", true, undefined);

    const second = new ResultSpool(dir);
    expect(second.load().interrupted).toEqual([]);
    expect(second.unacknowledged().map((f) => f.taskId)).toEqual(["t1"]);
    expect(second.get("t2")?.ack?.accepted).toBe(true); // still remembered: a redelivery is not run again
  });

  it("hands back a task left running by a crashed agent, to be reported as interrupted, never run again", () => {
    const dir = tempDir();
    const first = new ResultSpool(dir);
    first.load();
    first.markRunning("..:weird@id", 4);
    const second = new ResultSpool(dir);
    expect(second.load().interrupted).toEqual(["..:weird@id"]);
    expect(second.unacknowledged()).toEqual([]);
    second.markInterrupted("..:weird@id", "the agent restarted while this task ran; its processes were stopped");
    const third = new ResultSpool(dir);
    expect(third.load().interrupted).toEqual([]);
    expect(third.unacknowledged()).toEqual([
      {
        type: "task-result",
        taskId: "..:weird@id",
        status: "failed",
        result: { error: "the agent restarted while this task ran; its processes were stopped", interrupted: true },
        logs: "[cockpit-agent] the agent restarted while this task ran; its processes were stopped",
        attempt: 4,
      },
    ]);
  });

  it("prunes acknowledged results after a week", () => {
    const dir = tempDir();
    const spool = new ResultSpool(dir);
    spool.load();
    spool.storeResult({ type: "task-result", taskId: "old", status: "completed", result: null });
    spool.markAcked("old", true, undefined, Date.now() - 8 * 24 * 3600_000);
    spool.prune();
    expect(spool.get("old")).toBeUndefined();
    const reopened = new ResultSpool(dir);
    reopened.load();
    expect(reopened.get("old")).toBeUndefined();
  });
});

describe("result frames and live logs", () => {
  it("keeps the tail of oversized logs and replaces an oversized result", () => {
    const frame = toResultFrame("t", { status: "completed", result: { big: "x".repeat(300 * 1024) }, logs: "a".repeat(600 * 1024) + "END" });
    expect(frame.logs?.endsWith("END")).toBe(true);
    expect(frame.logs?.length).toBe(512 * 1024);
    expect(frame.result).toMatchObject({ error: "result too large to report" });
  });

  it("batches output into numbered chunks under the size limit", async () => {
    const sent: [number, string][] = [];
    const streamer = new LogStreamer((seq, chunk) => sent.push([seq, chunk]), 50, 10);
    streamer.push("hello ");
    streamer.push("world, this is long");
    expect(sent).toEqual([]);
    // Everything pushed is out once the text is whole again (three chunks of at most 10 characters).
    await vi.waitFor(() => expect(sent.map(([, c]) => c).join("")).toBe("hello world, this is long"));
    expect(sent.map(([seq]) => seq)).toEqual([0, 1, 2]);
    expect(sent.map(([, c]) => c).join("")).toBe("hello world, this is long");
    expect(sent.every(([, c]) => c.length <= 10)).toBe(true);
  });
});
