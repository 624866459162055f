import { LIMITS, jsonBytes, type AgentFrame, type TaskResultFrame } from "../../lib/protocol";
import type { Executor, TaskOutcome } from "../exec/executors";
import { failed } from "../exec/executors";
import type { TaskFrame } from "../../lib/protocol";
import type { Logger } from "../log";
import { LogStreamer } from "./log-stream";
import type { ResultSpool } from "./spool";
import type { TaskGitPrep } from "../git/task-git";

export type TaskRunnerOptions = {
  executors: Map<string, Executor>;
  spool: ResultSpool;
  send: (frame: AgentFrame) => boolean;
  taskTimeoutMs: number;
  maxConcurrency: number;
  log: Logger;
  /** Called whenever the number of running tasks changes (busy/idle reporting). */
  onLoadChange: () => void;
  logIntervalMs?: number;
  /**
   * Extension "task-accepted-ack": start a task only once the web confirms the acceptance (acceptedAck). An
   * acceptance sent on a socket the hub already dropped is lost; the web then gives the attempt up and offers the
   * task again, so a task started without the web's word could run twice.
   */
  awaitAcceptance?: boolean;
  /** Git safety: checks a git-gated task's repository and records provenance (agent/git/task-git.ts). */
  taskGit?: (task: TaskFrame) => Promise<TaskGitPrep | null>;
};

type Running = { attempt: number | undefined; controller: AbortController; done: Promise<void> };
/** A task whose task-accepted was sent and whose task-accepted-ack has not come yet: it holds a slot, it has not started. */
type Awaiting = { task: TaskFrame; executor: Executor };

/** The attempt field echoed on every frame about a task (extension "attempt"), absent when the hub sent none. */
function attemptField(attempt: number | undefined): { attempt?: number } {
  return attempt === undefined ? {} : { attempt };
}

/** Runs tasks from the hub: each id at most once, results spooled before sending, live logs streamed. */
export class TaskRunner {
  private readonly running = new Map<string, Running>();
  private readonly awaiting = new Map<string, Awaiting>();
  private stopping = false;

  constructor(private readonly o: TaskRunnerOptions) {}

  /** Tasks running or waiting for the web to confirm their acceptance (both hold a slot). */
  get activeCount(): number {
    return this.running.size + this.awaiting.size;
  }

  /** A restarted agent asks again for the tasks it was accepting when it stopped (none of them had started). */
  restoreAccepting(tasks: readonly TaskFrame[]): void {
    for (const task of tasks) {
      const executor = this.o.executors.get(task.taskType);
      if (!executor) continue;
      this.awaiting.set(task.taskId, { task, executor });
      this.o.log.info(`task ${task.taskId} was waiting for the web to confirm its acceptance; asking again`);
    }
    if (tasks.length > 0) this.o.onLoadChange();
  }

  handleTask(task: TaskFrame): void {
    const { taskId, attempt } = task;
    const current = this.running.get(taskId);
    if (current) {
      this.o.log.info(`task ${taskId} delivered again while running; not starting it twice`);
      this.o.send({ type: "task-accepted", taskId, ...attemptField(current.attempt) });
      return;
    }
    const asked = this.awaiting.get(taskId);
    if (asked && (attempt === undefined || asked.task.attempt === undefined || attempt <= asked.task.attempt)) {
      this.o.send({ type: "task-accepted", taskId, ...attemptField(asked.task.attempt) });
      return;
    }
    // A newer attempt replaces one still waiting: the web gave the older one up, so it will never be confirmed.
    if (asked) this.awaiting.delete(taskId);
    const seen = asked ? undefined : this.o.spool.get(taskId);
    // A retry of an ended task comes back with the same id and a higher attempt: that one is meant to run.
    const newAttempt = seen !== undefined && attempt !== undefined && (seen.attempt === undefined || attempt > seen.attempt);
    if (seen && !newAttempt) {
      this.o.log.info(`task ${taskId} was seen before; answering with the stored result instead of running it again`);
      if (seen.frame) this.o.send(seen.frame);
      return;
    }
    const executor = this.o.executors.get(task.taskType);
    if (!executor) {
      const names = [...this.o.executors.keys()].join(", ");
      return this.finishWithoutRunning(taskId, attempt, failed(`no executor named "${task.taskType}" on this agent (it has: ${names})`));
    }
    if (this.stopping) return this.finishWithoutRunning(taskId, attempt, failed("refused: the agent is shutting down"));
    if (this.activeCount >= this.o.maxConcurrency) {
      return this.finishWithoutRunning(taskId, attempt, failed(`refused: the agent is at capacity (${this.o.maxConcurrency} task(s) at once)`));
    }
    if (!this.o.awaitAcceptance) return this.start(task, executor, true);
    // On disk before the acceptance leaves: a restarted agent asks again instead of leaving the web's `running` row stuck.
    this.o.spool.markAccepting(task);
    this.awaiting.set(taskId, { task, executor });
    this.o.onLoadChange();
    this.o.send({ type: "task-accepted", taskId, ...attemptField(attempt) });
  }

  /** The web's answer to task-accepted: start the task, or forget it (the attempt was given up; it never ran here). */
  acceptedAck(taskId: string, attempt: number | undefined, accepted: boolean, reason: string | undefined): void {
    const asked = this.awaiting.get(taskId);
    // An answer about another attempt (or a repeated one) changes nothing.
    if (!asked || asked.task.attempt !== attempt) return this.o.log.debug(`ignoring task-accepted-ack for task ${taskId} (attempt ${attempt ?? "-"})`);
    this.awaiting.delete(taskId);
    if (!accepted) {
      this.o.spool.markDeclined(taskId, attempt, reason);
      this.o.log.info(`task ${taskId} not run: the web did not confirm its acceptance (${reason ?? "no reason given"})`);
      this.o.onLoadChange();
      return;
    }
    if (this.stopping) return this.finishWithoutRunning(taskId, attempt, failed("refused: the agent is shutting down"));
    this.start(asked.task, asked.executor, false);
  }

  /** After (re)connecting: every acceptance still unconfirmed goes out again (the first may have died with a socket). */
  resendAcceptances(): number {
    for (const { task } of this.awaiting.values()) this.o.send({ type: "task-accepted", taskId: task.taskId, ...attemptField(task.attempt) });
    return this.awaiting.size;
  }

  private start(task: TaskFrame, executor: Executor, announce: boolean): void {
    const { taskId, attempt } = task;
    // Recorded before the first side effect, so neither a redelivery nor a restart can run it twice.
    this.o.spool.markRunning(taskId, attempt);
    if (announce) this.o.send({ type: "task-accepted", taskId, ...attemptField(attempt) });
    const controller = new AbortController();
    const timeoutMs = Math.min(requestedTimeout(task) ?? this.o.taskTimeoutMs, this.o.taskTimeoutMs);
    const done = this.run(task, executor, timeoutMs, controller).finally(() => {
      this.running.delete(taskId);
      this.o.onLoadChange();
    });
    this.running.set(taskId, { attempt, controller, done });
    this.o.onLoadChange();
    this.o.log.info(`task ${taskId} (${task.taskType}) started`);
  }

  cancel(taskId: string, reason: string): void {
    const entry = this.running.get(taskId);
    if (!entry) return this.o.log.debug(`cancel for task ${taskId}, which is not running here`);
    this.o.log.info(`task ${taskId} cancelled by the hub: ${reason}`);
    entry.controller.abort(reason);
  }

  acknowledged(taskId: string, accepted: boolean, reason: string | undefined): void {
    // "task is already completed" for a completed result: the web stored this result before (a resend after a lost
    // ack); nothing to warn about, and the result counts as delivered (kept only as a record of the id, as usual).
    const stored = this.o.spool.get(taskId)?.frame;
    const alreadyHeld = !accepted && stored !== undefined && new RegExp(`\\balready ${stored.status}\\b`).test(reason ?? "");
    this.o.spool.markAcked(taskId, accepted || alreadyHeld, reason);
    if (accepted) return;
    if (alreadyHeld) return this.o.log.debug(`the hub already holds the result of task ${taskId} (${reason ?? ""}); not sending it again`);
    // A result for a task cancelled or timed out meanwhile is refused by design; anything else deserves attention.
    const expected = /already (cancelled|timed_out)/.test(reason ?? "");
    this.o.log[expected ? "info" : "warn"](`the hub refused the result of task ${taskId}: ${reason ?? "no reason given"}`);
  }

  /** After (re)connecting: every result the web has not confirmed yet goes out again. */
  resendUnacknowledged(): number {
    const frames = this.o.spool.unacknowledged();
    for (const frame of frames) this.o.send(frame);
    return frames.length;
  }

  /** Stops taking tasks, lets running ones finish for `graceMs`, then cancels the rest and waits for their results. */
  async drain(graceMs: number): Promise<void> {
    this.stopping = true;
    const all = () => Promise.all([...this.running.values()].map((r) => r.done));
    if (this.running.size === 0) return;
    const finished = await Promise.race([all().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), graceMs))]);
    if (finished) return;
    for (const [taskId, r] of this.running) {
      this.o.log.warn(`cancelling task ${taskId}: the agent is stopping`);
      r.controller.abort("the agent is stopping");
    }
    await all();
  }

  private async run(task: TaskFrame, executor: Executor, timeoutMs: number, controller: AbortController): Promise<void> {
    const { taskId, attempt } = task;
    const streamer = new LogStreamer((seq, chunk) => this.o.send({ type: "task-log", taskId, seq, chunk, ...attemptField(attempt) }), this.o.logIntervalMs);
    let outcome: TaskOutcome;
    try {
      const prep = this.o.taskGit ? await this.o.taskGit(task) : null;
      if (prep && "refused" in prep) {
        outcome = failed(`refused: ${prep.refused}`, { refused: true, requiresRepo: task.requiresRepo });
      } else {
        const payload = prep ? prep.payload : task.payload;
        outcome = await executor({ taskId, payload, timeoutMs, signal: controller.signal, onOutput: (text) => streamer.push(text) });
        const provenance = prep ? await prep.finish().catch(() => undefined) : undefined;
        if (provenance) outcome = { ...outcome, provenance };
      }
    } catch (error) {
      outcome = failed(`executor error: ${(error as Error).message}`);
    }
    streamer.flush();
    if (controller.signal.aborted && outcome.status === "failed" && outcome.result.cancelled === true) {
      outcome = { ...outcome, result: { ...outcome.result, error: `cancelled: ${String(controller.signal.reason)}` } };
    }
    this.o.log.info(`task ${taskId} ${outcome.status}${outcome.status === "failed" ? `: ${String(outcome.result.error)}` : ""}`);
    this.finish(taskId, attempt, outcome);
  }

  private finishWithoutRunning(taskId: string, attempt: number | undefined, outcome: TaskOutcome): void {
    this.o.log.warn(`task ${taskId} not run: ${String(outcome.result.error)}`);
    this.finish(taskId, attempt, outcome);
  }

  /** Spool first, then send: if the send is lost, the reconnect resends from disk (attempt included). */
  private finish(taskId: string, attempt: number | undefined, outcome: TaskOutcome): void {
    const frame = toResultFrame(taskId, outcome, attempt);
    this.o.spool.storeResult(frame);
    this.o.send(frame);
  }
}

/** A task may ask for a shorter timeout (frame.timeoutMs or payload.timeoutMs), never a longer one than --task-timeout. */
function requestedTimeout(task: TaskFrame): number | undefined {
  const payload = task.payload;
  const fromPayload = payload && typeof payload === "object" && "timeoutMs" in payload ? payload.timeoutMs : undefined;
  if (typeof fromPayload === "number" && Number.isFinite(fromPayload) && fromPayload > 0) return fromPayload;
  return task.timeoutMs;
}

/** Fits a result within the protocol's bounds: logs keep their tail, an oversized result becomes a note. */
export function toResultFrame(taskId: string, outcome: TaskOutcome, attempt?: number): TaskResultFrame {
  const result = jsonBytes(outcome.result) <= LIMITS.resultBytes ? outcome.result : { error: "result too large to report", bytes: jsonBytes(outcome.result) };
  const logs = outcome.logs.length > LIMITS.logs ? outcome.logs.slice(-LIMITS.logs) : outcome.logs;
  const provenance = outcome.provenance && jsonBytes(outcome.provenance) <= LIMITS.resultBytes ? { provenance: outcome.provenance } : {};
  return { type: "task-result", taskId, status: outcome.status, result, ...(logs ? { logs } : {}), ...attemptField(attempt), ...provenance };
}
