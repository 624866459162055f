/** 4. Many agents in one room: time to connect all, hub memory, one ping round answered by all, vs a bare ws server. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectPool, type HubFrame } from "./lib/agent-pool";
import { connectBare, startBareServer } from "./lib/bare-baseline";
import { countRows, openDb } from "./lib/db";
import { measureEmptyRoom } from "./lib/empty-hub";
import { createBenchStack, groupRss, processRssBytes } from "./lib/stack";
import { nowMs, row, sleep, until, type ResultRow } from "./lib/stats";

export type ConnectionSizes = { agents: number; pingIntervalMs: number };

const MB = 1024 * 1024;
const perProcess = (byName: Record<string, number>) =>
  Object.entries(byName)
    .map(([name, bytes]) => `${name} ${(bytes / MB).toFixed(0)}`)
    .join(", ");

type PingSeen = { first: number; last: number; count: number };

async function measureCockpit(s: ConnectionSizes, hubVars: Record<string, string> = {}) {
  const stack = await createBenchStack({ pingIntervalMs: s.pingIntervalMs, staleAfterMs: 120_000, hubVars });
  const db = openDb(stack.dbPath);
  const pings = new Map<number, PingSeen>();
  const countPing = (_agent: unknown, frame: HubFrame) => {
    if (frame.type !== "ping" || typeof frame.timestamp !== "number") return;
    const t = nowMs();
    const seen = pings.get(frame.timestamp) ?? { first: t, last: t, count: 0 };
    seen.last = t;
    seen.count += 1;
    pings.set(frame.timestamp, seen);
  };
  try {
    await stack.startWeb();
    const agentKey = await stack.createKey("agent");
    const groupId = stack.hubProc().child.pid!;
    const idle = groupRss(groupId);
    const t0 = nowMs();
    const pool = await connectPool({ wsUrl: stack.wsUrl, key: agentKey, count: s.agents, idPrefix: "conn-agent", onFrame: countPing });
    const openMs = nowMs() - t0;
    const connected = () => countRows(db, "SELECT count(*) FROM cockpit_agents WHERE connected = 1 AND id LIKE 'conn-agent-%'");
    await until(async () => (await connected()) >= s.agents, 60_000, 25);
    const registeredMs = nowMs() - t0;
    // A ping round that starts after everyone is registered, answered (pong stored by the web) by all.
    const after = Date.now();
    let round: number | undefined;
    await until(
      () => (round = [...pings.entries()].find(([ts, seen]) => ts > after && seen.count >= s.agents)?.[0]) !== undefined,
      s.pingIntervalMs * 3 + 10_000,
      10,
    );
    let pingRoundMs = NaN;
    let hubSpreadMs = NaN;
    if (round !== undefined) {
      const seen = pings.get(round)!;
      const answered = await until(
        async () => (await countRows(db, "SELECT count(*) FROM cockpit_agents WHERE id LIKE 'conn-agent-%' AND last_ping_at >= ?", [round!])) >= s.agents,
        30_000,
        10,
      );
      if (answered) pingRoundMs = nowMs() - seen.first;
      hubSpreadMs = seen.last - seen.first;
    }
    await sleep(500);
    const loaded = groupRss(groupId);
    const stillConnected = pool.agents.filter((a) => a.ws.readyState === a.ws.OPEN).length;
    const registered = await connected();
    const closedByHub = [...pool.closedBy].map(([why, n]) => `${n}× ${why}`).join(", ") || "none";
    await pool.close();
    return {
      openMs,
      registeredMs,
      idleRss: idle.total,
      rss: loaded.total,
      rssByProcess: loaded.byName,
      idleByProcess: idle.byName,
      pingRoundMs,
      hubSpreadMs,
      stillConnected,
      registered,
      closedByHub,
    };
  } finally {
    db.close();
    await stack.stop();
  }
}

async function measureBaseline(s: ConnectionSizes) {
  const server = await startBareServer();
  try {
    const idleRss = processRssBytes(server.pid);
    const t0 = nowMs();
    const clients = await Promise.all(
      Array.from({ length: s.agents }, (_, i) => {
        let socket: { send: (text: string) => void } | null = null;
        return connectBare(server.url, `id=a-${i}&group=agent`, () => socket?.send(JSON.stringify({ type: "pong" }))).then((ws) => ((socket = ws), ws));
      }),
    );
    const openMs = nowMs() - t0;
    let done = 0;
    const requester = await connectBare(server.url, "id=req", () => (done = nowMs()));
    const p0 = nowMs();
    requester.send(JSON.stringify({ op: "pingall" }));
    await until(() => done > 0, 10_000, 1);
    const pingRoundMs = done - p0;
    const rss = processRssBytes(server.pid);
    for (const c of [...clients, requester]) c.terminate();
    return { openMs, idleRss, rss, pingRoundMs };
  } finally {
    await server.stop();
  }
}

export async function benchConnections(s: ConnectionSizes): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const baseline = await measureBaseline(s);
  // The runtime's own floor: the same launcher and workerd running a room that does nothing per socket.
  const scratch = mkdtempSync(join(tmpdir(), "cockpit-empty-room-"));
  const empty = await measureEmptyRoom(s.agents, scratch).finally(() => rmSync(scratch, { recursive: true, force: true }));
  const cockpit = await measureCockpit(s);
  // The same run with PartyKit hibernation on (HUB_HIBERNATE=1), for memory per connected agent.
  const hibernating = await measureCockpit(s, { HUB_HIBERNATE: "1" });
  const perAgentKb = (m: typeof cockpit) => ((m.rssByProcess.workerd ?? 0) - (m.idleByProcess.workerd ?? 0)) / 1024 / s.agents;
  const n = s.agents.toLocaleString("en-US");
  const rows = [
    row({
      section: "connections",
      metric: `${n} agents: all sockets open`,
      value: cockpit.openMs,
      unit: "ms",
      baseline: baseline.openMs,
      baselineLabel: "bare ws server",
      direction: "lower-is-better",
      // Issue 12's goal.
      goal: "≤ 2× bare",
      meetsGoal: cockpit.openMs <= 2 * baseline.openMs,
      note: `an empty PartyKit room under the same workerd: ${empty.openMs.toFixed(0)} ms`,
    }),
    row({
      section: "connections",
      metric: `${n} sockets on an empty PartyKit room: all open`,
      value: empty.openMs,
      unit: "ms",
      baseline: baseline.openMs,
      baselineLabel: "bare ws server",
      direction: "lower-is-better",
      note: "bench/lib/empty-room.ts: accepts every socket, nothing else; the runtime's own floor",
    }),
    row({
      section: "connections",
      metric: `${n} agents: all registered in the web`,
      value: cockpit.registeredMs,
      unit: "ms",
      baseline: baseline.openMs,
      baselineLabel: "bare ws server (open only)",
      direction: "lower-is-better",
      note: `${cockpit.registered}/${s.agents} connected in the agents table`,
    }),
    row({
      section: "connections",
      metric: `${n} agents: hub memory, workerd (the room)`,
      value: (cockpit.rssByProcess.workerd ?? 0) / MB,
      unit: "MB",
      baseline: baseline.rss / MB,
      baselineLabel: "bare ws server RSS",
      direction: "lower-is-better",
      // Issue 12's goal (the first wave's was 300 MB).
      goal: "≤ 200 MB",
      meetsGoal: (cockpit.rssByProcess.workerd ?? Infinity) / MB <= 200,
      note: `an empty PartyKit room with as many sockets: ${(empty.workerdRss / MB).toFixed(0)} MB; idle workerd ${((cockpit.idleByProcess.workerd ?? 0) / MB).toFixed(0)} MB; idle bare ${(baseline.idleRss / MB).toFixed(0)} MB; ${cockpit.stillConnected} sockets still open; closed by the hub: ${cockpit.closedByHub}`,
    }),
    row({
      section: "connections",
      metric: `${n} sockets on an empty PartyKit room: workerd memory`,
      value: empty.workerdRss / MB,
      unit: "MB",
      baseline: baseline.rss / MB,
      baselineLabel: "bare ws server RSS",
      direction: "lower-is-better",
      note: `idle ${(empty.idleWorkerdRss / MB).toFixed(0)} MB; the runtime's own floor for issue 12's ≤ 200 MB`,
    }),
    row({
      section: "connections",
      metric: `${n} agents: hub memory, whole partykit dev group`,
      value: cockpit.rss / MB,
      unit: "MB",
      baseline: baseline.rss / MB,
      baselineLabel: "bare ws server RSS",
      direction: "lower-is-better",
      note: `loaded ${perProcess(cockpit.rssByProcess)}; idle ${perProcess(cockpit.idleByProcess)} (the launcher's node, which runs Miniflare, is not part of a deployed room)`,
    }),
    row({
      section: "connections",
      metric: `${n} agents: one ping round answered by all`,
      value: cockpit.pingRoundMs,
      unit: "ms",
      baseline: baseline.pingRoundMs,
      baselineLabel: "bare ws ping-all round",
      direction: "lower-is-better",
      note: `first→last ping received ${cockpit.hubSpreadMs.toFixed(1)} ms; ends when the web has stored every pong`,
    }),
    row({
      section: "connections",
      metric: `${n} agents: workerd memory per agent, hibernation on`,
      value: perAgentKb(hibernating),
      unit: "KB",
      baseline: perAgentKb(cockpit),
      baselineLabel: "hibernation off (same run)",
      direction: "lower-is-better",
      note: `(loaded − idle workerd RSS) ÷ agents (an empty room: ${((empty.workerdRss - empty.idleWorkerdRss) / 1024 / s.agents).toFixed(0)} KB per socket); ${hibernating.registered}/${s.agents} registered with hibernation on; local workerd never evicts a hibernated room`,
    }),
  ];
  return { rows, detail: { cockpit, hibernating, baseline, empty } };
}
