/**
 * Many in-process agents over raw `ws` (like bench/lib/agent-pool.ts) that survive faults: they reconnect after a
 * hub restart, run "pool" tasks (accept with the attempt, record the execution, answer after a short while) and
 * keep each result until the hub acknowledges it, resending it after every reconnect, as the real agent does.
 */
import { appendFileSync } from "node:fs";
import WebSocket from "ws";

type Frame = { type: string; [key: string]: unknown };
type ResultFrame = { type: "task-result"; taskId: string; status: "completed"; result: { exitCode: 0 }; logs: string; attempt?: number };

type PoolAgent = {
  id: string;
  ws: WebSocket | null;
  announced: boolean;
  running: Map<string, number | undefined>;
  unacked: Map<string, ResultFrame>;
  done: Map<string, number | undefined>;
};

export type PoolOptions = { wsUrl: string; key: string; count: number; idPrefix: string; executions: string; workMs: readonly [number, number] };
export const POOL_CAPABILITY = "pool";

export class AgentPool {
  private readonly agents: PoolAgent[];
  private stopped = false;
  /** Task frames that arrived after their expiresAt: not run, as the protocol asks. */
  expiredRefused = 0;
  reconnects = 0;

  constructor(private readonly o: PoolOptions) {
    this.agents = Array.from({ length: o.count }, (_, i) => ({
      id: `${o.idPrefix}-${i}`,
      ws: null,
      announced: false,
      running: new Map(),
      unacked: new Map(),
      done: new Map(),
    }));
  }

  /** Connects every agent, 50 at a time (a thousand upgrades at once only measure the kernel's backlog). */
  async start(): Promise<void> {
    for (let i = 0; i < this.agents.length; i += 50) await Promise.all(this.agents.slice(i, i + 50).map((a) => this.connect(a)));
  }

  /** Agents whose socket is open and that have announced themselves: the ones that should be listed as connected. */
  connectedIds(): string[] {
    return this.agents.filter((a) => a.announced && a.ws?.readyState === WebSocket.OPEN).map((a) => a.id);
  }

  unacknowledged(): number {
    return this.agents.reduce((n, a) => n + a.unacked.size, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const a of this.agents) a.ws?.terminate();
  }

  private connect(agent: PoolAgent): Promise<void> {
    const ws = new WebSocket(`${this.o.wsUrl}/api/ws`, { headers: { Authorization: `Bearer ${this.o.key}` }, perMessageDeflate: false });
    agent.ws = ws;
    agent.announced = false;
    ws.on("message", (data) => this.onFrame(agent, JSON.parse(data.toString()) as Frame));
    ws.on("error", () => undefined); // the close that follows schedules the reconnect
    return new Promise((resolve) => {
      ws.once("open", () => {
        this.send(agent, {
          type: "agent-status",
          agentId: agent.id,
          status: "online",
          capabilities: [POOL_CAPABILITY],
          maxConcurrency: 1,
          extensions: ["task-accepted", "task-result-ack", "attempt"],
        });
        agent.announced = true;
        for (const frame of agent.unacked.values()) this.send(agent, frame);
        resolve();
      });
      ws.once("close", () => {
        agent.announced = false;
        resolve();
        if (this.stopped) return;
        this.reconnects += 1;
        // Jittered like the real agent, so a thousand agents do not hit a restarted hub in the same millisecond.
        setTimeout(() => void this.connect(agent), 500 + Math.random() * 2500);
      });
    });
  }

  private send(agent: PoolAgent, frame: unknown): void {
    if (agent.ws?.readyState === WebSocket.OPEN) agent.ws.send(JSON.stringify(frame));
  }

  private onFrame(agent: PoolAgent, frame: Frame): void {
    if (frame.type === "ping") return this.send(agent, { type: "pong", timestamp: frame.timestamp });
    if (frame.type === "task-result-ack" && typeof frame.taskId === "string") {
      agent.unacked.delete(frame.taskId);
      return;
    }
    if (frame.type === "task" && typeof frame.taskId === "string")
      this.onTask(agent, frame.taskId, typeof frame.attempt === "number" ? frame.attempt : undefined, frame.expiresAt);
  }

  private onTask(agent: PoolAgent, taskId: string, attempt: number | undefined, expiresAt: unknown): void {
    if (typeof expiresAt === "number" && Date.now() > expiresAt) {
      this.expiredRefused += 1;
      return;
    }
    if (agent.running.has(taskId)) return this.send(agent, { type: "task-accepted", taskId, attempt: agent.running.get(taskId) });
    const before = agent.done.get(taskId);
    if (agent.done.has(taskId) && (attempt === undefined || (before !== undefined && attempt <= before))) {
      const stored = agent.unacked.get(taskId);
      if (stored) this.send(agent, stored);
      return;
    }
    // Recorded before the accept leaves, as the real agent spools before it starts the process.
    agent.running.set(taskId, attempt);
    appendFileSync(this.o.executions, `${taskId} ${attempt ?? "?"} ${agent.id}\n`);
    this.send(agent, { type: "task-accepted", taskId, ...(attempt === undefined ? {} : { attempt }) });
    const [min, max] = this.o.workMs;
    setTimeout(
      () => {
        const result: ResultFrame = {
          type: "task-result",
          taskId,
          status: "completed",
          result: { exitCode: 0 },
          logs: `done ${taskId}`,
          ...(attempt === undefined ? {} : { attempt }),
        };
        agent.running.delete(taskId);
        agent.done.set(taskId, attempt);
        agent.unacked.set(taskId, result);
        this.send(agent, result);
      },
      min + Math.random() * (max - min),
    );
  }
}

/** Dashboard sockets that reconnect after a hub restart and count the change frames they receive. */
export class DashboardPool {
  private readonly sockets: (WebSocket | null)[];
  private stopped = false;
  frames = 0;

  constructor(private readonly o: { wsUrl: string; key: string; count: number }) {
    this.sockets = Array.from({ length: o.count }, () => null);
  }

  start(): void {
    for (let i = 0; i < this.sockets.length; i++) this.connect(i);
  }

  open(): number {
    return this.sockets.filter((s) => s?.readyState === WebSocket.OPEN).length;
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.sockets) s?.terminate();
  }

  private connect(i: number): void {
    const ws = new WebSocket(`${this.o.wsUrl}/parties/main/cockpit?as=dashboard&token=${encodeURIComponent(this.o.key)}`, { perMessageDeflate: false });
    this.sockets[i] = ws;
    ws.on("message", (data) => {
      if ((JSON.parse(data.toString()) as Frame).type === "change") this.frames += 1;
    });
    ws.on("error", () => undefined);
    ws.once("close", () => {
      if (!this.stopped) setTimeout(() => this.connect(i), 500 + Math.random() * 2500);
    });
  }
}
