/** The soak's periodic line: memory of the hub's and the web's process groups, the hub's outbox, tasks by status, who is connected. */
import { groupRss } from "../../../bench/lib/stack";
import type { FaultStack } from "./fault-stack";
import { countByStatus } from "./workload";

const MB = 1024 * 1024;

export type SoakReading = {
  hubRssMb: number;
  webRssMb: number;
  outboxDepth: number | null;
  tasks: Record<string, number> | null;
  connected: { web: number | null; hub: number | null; expected: number };
};

async function json<T>(url: string, init: RequestInit = {}): Promise<T | null> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null; // down (restarting) or too slow: printed as "-"
  }
}

export async function readSoak(stack: FaultStack, expected: number): Promise<SoakReading> {
  const health = await json<{ outboxDepth?: number }>(`${stack.hubUrl}/health`);
  const web = await json<{ count: number }>(`${stack.webUrl}/api/cockpit/agents`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
  const hub = await json<{ count: number }>(`${stack.hubUrl}/api/agents`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
  const tasks = await countByStatus(stack.api).catch(() => null);
  return {
    hubRssMb: groupRss(stack.hubGroup()).total / MB,
    webRssMb: groupRss(stack.webGroup()).total / MB,
    outboxDepth: typeof health?.outboxDepth === "number" ? health.outboxDepth : null,
    tasks,
    connected: { web: web?.count ?? null, hub: hub?.count ?? null, expected },
  };
}

const orDash = (n: number | null) => (n === null ? "-" : String(n));

export function formatReading(elapsedMs: number, r: SoakReading, extra: string): string {
  const clock = `${String(Math.floor(elapsedMs / 60_000)).padStart(2, "0")}:${String(Math.floor((elapsedMs % 60_000) / 1000)).padStart(2, "0")}`;
  const tasks = r.tasks
    ? Object.entries(r.tasks)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ")
    : "-";
  return [
    `[soak ${clock}]`,
    `RSS hub ${r.hubRssMb.toFixed(0)} MB, web ${r.webRssMb.toFixed(0)} MB`,
    `outbox ${orDash(r.outboxDepth)}`,
    `tasks: ${tasks}`,
    `agents connected: web ${orDash(r.connected.web)}, hub ${orDash(r.connected.hub)}, actually ${r.connected.expected}`,
    extra,
  ].join(" | ");
}
