import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { FINISHED, createTask, getTask } from "./support/api";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { git } from "./support/git-fixture";

/** Presence that tells asleep from crashed from stopped, with real agent processes (issue 14). */

type FleetAgentJson = {
  agentId: string;
  connected: boolean;
  presence: string;
  presenceSince: string | null;
  pausedAt: string | null;
  lastSleep: { from: string; to: string } | null;
  metadata: Record<string, unknown> | null;
};

const STALE_MS = 2_000;
const PING_MS = 500;
let stack: Stack;
let key: string;
let root: string;
let work: string;
const children: AgentChild[] = [];
/** Every real agent of the file, started together in beforeAll (their start-up overlaps instead of adding up). */
const agents: Record<string, AgentChild> = {};
const AGENT_ARGS: Record<string, string[]> = {
  "fleet-sleeper": ["--sleep-gap", "1s"],
  "fleet-crasher": ["--max-concurrency", "2"],
  // Paused and resumed, then stopped with Ctrl-C.
  "fleet-paused": [],
  "fleet-working": ["--no-keep-awake"],
};

function startAgent(agentId: string, extra: string[] = []): AgentChild {
  const agent = spawnAgent(
    ["--hub", stack.wsUrl, "--agent-id", agentId, "--repo", work, "--state-dir", join(root, `state-${agentId}`), "--allow", "sh *", ...extra],
    key,
  );
  children.push(agent);
  return agent;
}

async function agentJson(agentId: string): Promise<FleetAgentJson | null> {
  const res = await stack.api(`/api/cockpit/agents/${agentId}`);
  return res.ok ? ((await res.json()) as { agent: FleetAgentJson }).agent : null;
}

const presenceIs = (agentId: string, presence: string, timeoutMs = 15_000) =>
  eventually(
    async () => {
      const a = await agentJson(agentId);
      return a?.presence === presence ? a : null;
    },
    timeoutMs,
    `${agentId} ${presence}`,
  );

const finished = (id: string, timeoutMs = 20_000) =>
  eventually(
    async () => {
      const view = await getTask(stack, id);
      return FINISHED.includes(view.task.status) ? view : null;
    },
    timeoutMs,
    `task ${id} finished`,
  );

/** A script that records each run in `<name>.runs`, its process group in `<name>.pid`, then sleeps `seconds`. */
function script(name: string, seconds: number): string {
  writeFileSync(join(work, `${name}.sh`), `echo $$ > "${root}/${name}.pid"\necho run >> "${root}/${name}.runs"\nsleep ${seconds}\necho done\n`);
  return `sh ${name}.sh`;
}
const runsOf = (name: string) =>
  existsSync(join(root, `${name}.runs`))
    ? readFileSync(join(root, `${name}.runs`), "utf8")
        .trim()
        .split("\n").length
    : 0;

beforeAll(async () => {
  stack = await startStack({
    pingIntervalMs: PING_MS,
    staleAfterMs: STALE_MS,
    webEnv: { SWEEP_INTERVAL_MS: "100", LOST_AGENT_GRACE_MS: "60000", SILENT_AGENT_GRACE_MS: "60000", CRASHED_AGENT_GRACE_MS: "0", RETRY_BACKOFF_MS: "50" },
  });
  key = await stack.createKey("agent");
  root = mkdtempSync(join(tmpdir(), "fleet-presence-"));
  work = join(root, "work");
  git(root, "init", "-q", "-b", "main", work);
  for (const [id, args] of Object.entries(AGENT_ARGS)) agents[id] = startAgent(id, args);
  await Promise.all(
    Object.keys(AGENT_ARGS).map((id) =>
      presenceIs(id, "online", 150_000).catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${JSON.stringify(await agentJson(id))}\n${agents[id]!.output()}`);
      }),
    ),
  );
});

afterAll(async () => {
  for (const child of children) await child.stop("SIGKILL");
  for (const name of ["crash-a", "crash-b"]) {
    try {
      process.kill(-Number(readFileSync(join(root, `${name}.pid`), "utf8")), "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("presence with real agents", () => {
  it("an agent suspended past the stale limit is unreachable, then shown asleep; its task finishes once, not requeued", async () => {
    const agent = agents["fleet-sleeper"]!;
    const id = await createTask(stack, { payload: { command: script("nap", 4) }, targetAgentId: "fleet-sleeper", maxAttempts: 3, idempotent: true });
    await eventually(async () => (await getTask(stack, id)).task.status === "running", 10_000, "task running");

    agent.child.kill("SIGSTOP");
    // The hub gave up the silent socket: unreachable, but its running task is kept for the silent-agent grace.
    await presenceIs("fleet-sleeper", "unreachable");
    expect((await getTask(stack, id)).task.status).toBe("running");
    agent.child.kill("SIGCONT");

    await agent.waitForOutput(/woke after \d+ s \(the process was suspended\)/);
    const view = await finished(id);
    expect(view.task.status).toBe("completed");
    if (view.task.attempt !== 1) throw new Error(`ran again: ${JSON.stringify(view.events)}\n${agent.output().slice(-3000)}`);
    expect(runsOf("nap")).toBe(1);
    const woke = await eventually(
      async () => {
        const a = await agentJson("fleet-sleeper");
        return a?.lastSleep && a.presence === "online" ? a : null;
      },
      15_000,
      "sleep reported",
    );
    const slept = Date.parse(woke.lastSleep!.to) - Date.parse(woke.lastSleep!.from);
    // Silent past the stale limit, counted by the hub from the last pong (at most one ping interval before the stop).
    expect(slept).toBeGreaterThanOrEqual(STALE_MS - PING_MS);
  });

  it("a killed agent is crashed and its attempts are given up at once: retried when idempotent, failed when not", async () => {
    const agent = agents["fleet-crasher"]!;
    const once = await createTask(stack, { payload: { command: script("crash-a", 60) }, targetAgentId: "fleet-crasher", maxAttempts: 2 });
    const again = await createTask(stack, { payload: { command: script("crash-b", 60) }, targetAgentId: "fleet-crasher", maxAttempts: 2, idempotent: true });
    for (const id of [once, again]) await eventually(async () => (await getTask(stack, id)).task.status === "running", 10_000, `${id} running`);

    expect(await agent.stop("SIGKILL")).toBeNull();
    await presenceIs("fleet-crasher", "crashed");
    const failed = await finished(once);
    expect(failed.task.status).toBe("failed");
    expect(failed.task.error).toMatch(/agent fleet-crasher disconnected; the task may have partly run/);
    const requeued = await eventually(
      async () => {
        const v = await getTask(stack, again);
        return v.task.status === "pending" ? v : null;
      },
      10_000,
      "idempotent task back in the queue",
    );
    expect(requeued.attempts.map((a) => a.outcome)).toEqual(["lost"]);
    const alerts = (await (await stack.api("/api/cockpit/alerts?limit=50")).json()) as { alerts: { title: string }[] };
    expect(alerts.alerts.map((a) => a.title)).toContain("Agent fleet-crasher crashed");
  });

  it("a paused agent receives nothing new, finishes nothing it was not given, and takes the task once resumed", async () => {
    const viewer = await stack.createKey("viewer");
    expect((await stack.api("/api/cockpit/agents/fleet-paused/pause", { method: "POST", key: viewer })).status).toBe(403);
    expect((await stack.api("/api/cockpit/agents/no-such-agent/pause", { method: "POST" })).status).toBe(404);
    expect((await stack.api("/api/cockpit/agents/fleet-paused/pause", { method: "POST" })).status).toBe(200);
    await presenceIs("fleet-paused", "paused");

    const held = await createTask(stack, { payload: { command: script("held", 0) }, targetAgentId: "fleet-paused" });
    // Barrier: a later task for the other agent ran, so dispatch passes went by with the held task pending.
    const other = await createTask(stack, { payload: { command: script("other", 0) }, targetAgentId: "fleet-working" });
    expect((await finished(other)).task.status).toBe("completed");
    expect((await getTask(stack, held)).task.status).toBe("pending");
    expect(runsOf("held")).toBe(0);

    expect((await stack.api("/api/cockpit/agents/fleet-paused/resume", { method: "POST" })).status).toBe(200);
    await presenceIs("fleet-paused", "online");
    expect((await finished(held)).task.status).toBe("completed");
    expect(runsOf("held")).toBe(1);
  });
  it("an agent stopped with Ctrl-C (SIGINT) says goodbye and is shown stopped", async () => {
    expect(await agents["fleet-paused"]!.stop("SIGINT")).toBe(0);
    const stopped = await presenceIs("fleet-paused", "stopped");
    expect(stopped.connected).toBe(false);
  });
});

describe("agent-metrics frames", () => {
  const sample = {
    type: "agent-metrics",
    cpuPercent: 12.5,
    load: [0.5, 0.4, 0.3],
    memTotalBytes: 16e9,
    memFreeBytes: 8e9,
    disks: [{ path: "/src", freeBytes: 100e9, totalBytes: 500e9 }],
    battery: { percent: 80, onBattery: false },
    agentRssBytes: 80e6,
    systemUptimeSec: 3600,
    agentUptimeSec: 60,
  };

  it("bad values get the spec's error frame naming the field; a good sample is stored", async () => {
    const raw = await RawAgent.connect(stack.wsUrl, key);
    raw.send({ type: "agent-status", agentId: "fleet-metrics", status: "online" });
    await presenceIs("fleet-metrics", "online");
    const bad: [Record<string, unknown>, string][] = [
      [{ cpuPercent: 150 }, "cpuPercent"],
      [{ memFreeBytes: 32e9 }, "memFreeBytes"],
      [{ battery: { percent: -1, onBattery: true } }, "battery"],
      [{ disks: [{ path: "/src", freeBytes: 2, totalBytes: 1 }] }, "disks"],
    ];
    for (const [change, field] of bad) {
      raw.send({ ...sample, ...change });
      const error = await raw.next((f) => f.type === "error");
      expect(error.message).toBe("Invalid message format");
      expect(JSON.stringify(error.details)).toContain(field);
    }
    raw.send(sample);
    const stored = await eventually(
      async () => {
        const res = await stack.api("/api/cockpit/agents/fleet-metrics/metrics?range=24h");
        const body = (await res.json()) as { samples: { cpuPercent: number; memUsedPercent: number; diskUsedPercent: number }[] };
        return body.samples.length > 0 ? body.samples : null;
      },
      10_000,
      "sample stored",
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ cpuPercent: 12.5, memUsedPercent: 50, diskUsedPercent: 80 });
    raw.ws.close();
  });

  it("a real agent sends a health sample of its machine on connecting", async () => {
    const samples = await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/agents/fleet-working/metrics?range=24h")).json()) as {
          samples: { memUsedPercent: number; disks: unknown[] }[];
        };
        return body.samples.length > 0 ? body.samples : null;
      },
      15_000,
      "first sample",
    );
    expect(samples[0]!.memUsedPercent).toBeGreaterThan(0);
    expect(samples[0]!.disks).toHaveLength(1);
    const agent = await agentJson("fleet-working");
    expect(agent?.metadata?.keepAwake).toEqual({ mode: "disabled", active: false });
  });
});
