/** 5. Fan-out: one change reaching every one of N dashboard sockets, vs a bare ws broadcast. */
import { connectPool, type HubFrame } from "./lib/agent-pool";
import { connectBare, startBareServer } from "./lib/bare-baseline";
import type { BenchStack } from "./lib/stack";
import { nowMs, percentiles, row, sleep, until, type Percentiles, type ResultRow } from "./lib/stats";

export type FanoutSizes = { dashboards: number; rounds: number };

/** Times rounds of "trigger, then wait until every socket saw the round's marker". */
async function rounds(
  s: FanoutSizes,
  seen: Map<string, number>,
  trigger: (marker: string) => Promise<void> | void,
  prefix: string,
): Promise<{ latency: Percentiles; missed: number }> {
  const out: number[] = [];
  let missed = 0;
  for (let i = 0; i < s.rounds; i++) {
    const marker = `${prefix}-${i}`;
    const t0 = nowMs();
    await trigger(marker);
    const ok = await until(() => (seen.get(marker) ?? 0) >= s.dashboards, 10_000, 0.5);
    if (ok) out.push(nowMs() - t0);
    else missed += 1;
    // Nothing arriving at all is a broken stage, not a slow one: stop instead of waiting out every round.
    if (missed >= 3 && out.length === 0) throw new Error(`${prefix}: none of the first ${missed} rounds reached all ${s.dashboards} dashboards`);
    await sleep(10);
  }
  return { latency: percentiles(out), missed };
}

async function measureBaseline(s: FanoutSizes): Promise<Percentiles> {
  const server = await startBareServer();
  const seen = new Map<string, number>();
  try {
    const dashboards = await Promise.all(
      Array.from({ length: s.dashboards }, (_, i) =>
        connectBare(server.url, `id=d-${i}&group=dash`, (text) => {
          const marker = (JSON.parse(text) as { marker: string }).marker;
          seen.set(marker, (seen.get(marker) ?? 0) + 1);
        }),
      ),
    );
    const sender = await connectBare(server.url, "id=sender");
    const { latency } = await rounds(s, seen, (marker) => sender.send(JSON.stringify({ op: "broadcast", frame: { type: "change", marker } })), "bare");
    for (const c of [...dashboards, sender]) c.terminate();
    return latency;
  } finally {
    await server.stop();
  }
}

export async function benchFanout(stack: BenchStack, s: FanoutSizes): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const baseline = await measureBaseline(s);
  const viewerKey = await stack.createKey("viewer");
  const agentKey = await stack.createKey("agent");
  const seen = new Map<string, number>();
  const count = (marker: string | undefined) => marker && seen.set(marker, (seen.get(marker) ?? 0) + 1);
  const onFrame = (_: unknown, frame: HubFrame) => {
    if (frame.type === "task-log") count(typeof frame.chunk === "string" ? frame.chunk : undefined);
    else if (frame.type === "change" && (frame as { entity?: string }).entity === "task") count((frame as { data?: { title?: string } }).data?.title);
  };
  const dashboards = await connectPool({ wsUrl: stack.wsUrl, key: viewerKey, count: s.dashboards, idPrefix: "dash", announce: false, onFrame });
  // The room relays a task's output only from the agent holding it: the agent takes one task first and keeps it.
  let held: string | undefined;
  const agents = await connectPool({
    wsUrl: stack.wsUrl,
    key: agentKey,
    count: 1,
    idPrefix: "fanout-agent",
    capabilities: ["bench-fanout"],
    onFrame: (_, frame) => {
      if (frame.type === "task" && typeof frame.taskId === "string") held = frame.taskId;
    },
  });
  try {
    const agent = agents.agents[0]!;
    // Until the agent's agent-status has reached the web, the task waits pending; then it is delivered.
    const res = await stack.api("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ id: `bench-fanout-${Date.now()}`, title: "fan-out log source", executor: "shell", requires: ["bench-fanout"] }),
    });
    if (res.status !== 201) throw new Error(`task create failed: ${res.status}`);
    if (!(await until(() => held !== undefined, 30_000, 10))) throw new Error("the fan-out agent never got its task");
    await sleep(500); // the delivery's own change frames reach the dashboards and pass
    // The hub relays task-log straight to dashboards: the room's own fan-out.
    const hubOnly = await rounds(s, seen, (marker) => agent.send({ type: "task-log", taskId: held, seq: 0, chunk: marker }), "log");
    // A REST write: stored by the web, then the change goes out through the hub. No agent can take the task.
    const viaWeb = await rounds(
      s,
      seen,
      async (marker) => {
        const res = await stack.api("/api/cockpit/tasks", {
          method: "POST",
          body: JSON.stringify({ title: marker, executor: "shell", requires: ["nobody-has-this"] }),
        });
        if (res.status !== 201) throw new Error(`task create failed: ${res.status}`);
        await res.arrayBuffer();
      },
      "rest",
    );
    const d = s.dashboards;
    const rows: ResultRow[] = [];
    for (const [name, r] of [
      [`agent task-log → ${d} dashboards (hub only)`, hubOnly],
      [`POST task → change on ${d} dashboards`, viaWeb],
    ] as const) {
      for (const p of ["p50", "p99"] as const) {
        rows.push(
          row({
            section: "fan-out",
            metric: `${name}: ${p}`,
            value: r.latency[p],
            unit: "ms",
            baseline: baseline[p],
            baselineLabel: "bare ws broadcast",
            direction: "lower-is-better",
            goal: p === "p99" ? "≤ 50 ms" : undefined,
            meetsGoal: p === "p99" ? r.latency.p99 <= 50 && r.missed === 0 : undefined,
            note: `${r.latency.n} rounds, ${r.missed} missed (until the last socket has it)`,
          }),
        );
      }
    }
    return { rows, detail: { hubOnly, viaWeb, baseline } };
  } finally {
    await Promise.all([dashboards.close(), agents.close()]);
  }
}
