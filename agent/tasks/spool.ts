import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { attemptSchema, taskFrameSchema, taskResultFrame, type TaskFrame, type TaskResultFrame } from "../../lib/protocol";

const entrySchema = z.object({
  taskId: z.string(),
  attempt: attemptSchema.optional(),
  /** accepting: task-accepted sent, waiting for the web's task-accepted-ack; declined: the web said no, it never ran. */
  state: z.enum(["accepting", "running", "done", "declined"]),
  receivedAt: z.number(),
  frame: taskResultFrame.optional(),
  /** While accepting: the task frame, so a restarted agent can ask again and run it if the web says yes. */
  task: taskFrameSchema.optional(),
  /** Set when the hub answered task-result-ack: the web stored (or refused) it; kept a while to spot redeliveries. */
  ack: z.object({ at: z.number(), accepted: z.boolean(), reason: z.string().optional() }).optional(),
});
export type SpoolEntry = z.infer<typeof entrySchema>;

const KEEP_ACKED_MS = 7 * 24 * 3600_000;
const KEEP_ACKED_MAX = 2000;

/**
 * Results on disk, written before they are sent and kept until the hub acknowledges them, so nothing is lost when
 * the hub is unreachable or the agent restarts; and every task id seen, so a redelivered task is never run twice.
 */
export class ResultSpool {
  private readonly entries = new Map<string, SpoolEntry>();
  private readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, "results");
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Loads the spool. Returns the tasks a previous run left "running": the caller stops what they left behind and
   * reports each with markInterrupted (they are never run again); and the tasks it was still asking to accept (they
   * never started): the caller asks again.
   */
  load(now = Date.now()): { interrupted: string[]; accepting: TaskFrame[] } {
    const interrupted: string[] = [];
    const accepting: TaskFrame[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(".json")) continue;
      let entry: SpoolEntry;
      try {
        entry = entrySchema.parse(JSON.parse(readFileSync(join(this.dir, name), "utf8")));
      } catch {
        continue; // a torn or foreign file is ignored, not fatal
      }
      this.entries.set(entry.taskId, entry);
      if (entry.state === "running") interrupted.push(entry.taskId);
      if (entry.state === "accepting" && entry.task) accepting.push(entry.task);
    }
    this.prune(now);
    return { interrupted, accepting };
  }

  /** A task the agent was running when it died: failed, `interrupted: true`, with what became of its processes. */
  markInterrupted(taskId: string, error: string): void {
    const attempt = this.entries.get(taskId)?.attempt;
    this.storeResult({
      type: "task-result",
      taskId,
      status: "failed",
      result: { error, interrupted: true },
      logs: `[cockpit-agent] ${error}`,
      ...(attempt === undefined ? {} : { attempt }),
    });
  }

  get(taskId: string): SpoolEntry | undefined {
    return this.entries.get(taskId);
  }

  /** Recorded before task-accepted is sent: the task has not started, and a restart may still ask for it. */
  markAccepting(task: TaskFrame, now = Date.now()): void {
    this.write({ taskId: task.taskId, attempt: task.attempt, state: "accepting", receivedAt: now, task });
  }

  /** The web gave the attempt up before accepting it: it never ran; the record keeps a stale redelivery from running it. */
  markDeclined(taskId: string, attempt: number | undefined, reason: string | undefined, now = Date.now()): void {
    const ack = reason === undefined ? { at: now, accepted: false } : { at: now, accepted: false, reason };
    this.write({ taskId, attempt, state: "declined", receivedAt: now, ack });
  }

  /** Recorded before the task starts, so a crash mid-run cannot lead to a second run. */
  markRunning(taskId: string, attempt: number | undefined, now = Date.now()): void {
    this.write({ taskId, attempt, state: "running", receivedAt: now });
  }

  storeResult(frame: TaskResultFrame): void {
    const previous = this.entries.get(frame.taskId);
    this.write({ taskId: frame.taskId, attempt: frame.attempt ?? previous?.attempt, state: "done", receivedAt: previous?.receivedAt ?? Date.now(), frame });
  }

  markAcked(taskId: string, accepted: boolean, reason: string | undefined, now = Date.now()): void {
    const entry = this.entries.get(taskId);
    if (!entry || entry.state !== "done") return;
    this.write({ ...entry, ack: reason === undefined ? { at: now, accepted } : { at: now, accepted, reason } });
  }

  /** Results still waiting for an acknowledgement, oldest first. */
  unacknowledged(): TaskResultFrame[] {
    return [...this.entries.values()]
      .filter((e) => e.state === "done" && !e.ack && e.frame)
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .map((e) => e.frame!);
  }

  /** Forgets acknowledged results after a week, and beyond the newest KEEP_ACKED_MAX. */
  prune(now = Date.now()): void {
    const acked = [...this.entries.values()].filter((e) => e.ack).sort((a, b) => b.ack!.at - a.ack!.at);
    acked.forEach((e, index) => {
      if (index >= KEEP_ACKED_MAX || now - e.ack!.at > KEEP_ACKED_MS) {
        this.entries.delete(e.taskId);
        rmSync(this.fileFor(e.taskId), { force: true });
      }
    });
  }

  private write(entry: SpoolEntry): void {
    const file = this.fileFor(entry.taskId);
    const tmp = `${file}.${process.pid}.tmp`;
    // write-then-rename: a crash leaves the old file or the new one, never half of one
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(tmp, file);
    this.entries.set(entry.taskId, entry);
  }

  private fileFor(taskId: string): string {
    return join(this.dir, `t-${encodeURIComponent(taskId)}.json`);
  }
}
