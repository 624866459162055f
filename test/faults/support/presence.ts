/** Who the web and the hub say is connected, compared with the agents that actually are. */
import type { FaultStack } from "./fault-stack";

export type PresenceView = { web: string[]; hub: string[] };

export async function presence(stack: Pick<FaultStack, "api" | "hubUrl" | "adminKey">): Promise<PresenceView> {
  const webRes = await stack.api("/api/cockpit/agents", { signal: AbortSignal.timeout(10_000) });
  if (webRes.status !== 200) throw new Error(`web agents list: HTTP ${webRes.status}`);
  const web = ((await webRes.json()) as { agents: { agentId: string; connected: boolean }[] }).agents.filter((a) => a.connected).map((a) => a.agentId);
  const hubRes = await fetch(`${stack.hubUrl}/api/agents`, { headers: { authorization: `Bearer ${stack.adminKey}` }, signal: AbortSignal.timeout(10_000) });
  if (hubRes.status !== 200) throw new Error(`hub agents list: HTTP ${hubRes.status}`);
  const hub = ((await hubRes.json()) as { agents: { agentId: string }[] }).agents.map((a) => a.agentId);
  return { web: web.sort(), hub: hub.sort() };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What differs between a list and the expected ids, as "missing …; extra …" (empty when they match). */
export function difference(actual: readonly string[], expected: readonly string[], limit = 10): string {
  const missing = expected.filter((id) => !actual.includes(id));
  const extra = actual.filter((id) => !expected.includes(id));
  const show = (ids: string[]) => `${ids.slice(0, limit).join(", ")}${ids.length > limit ? ` (+${ids.length - limit})` : ""}`;
  return [missing.length ? `missing ${show(missing)}` : "", extra.length ? `extra ${show(extra)}` : ""].filter(Boolean).join("; ");
}

/**
 * A barrier: resolves once both the web's and the hub's agent lists equal `expected()` (re-read on each poll, since
 * agents reconnect at their own pace), or throws after `timeoutMs` naming what each side still got wrong.
 */
export async function waitForPresence(
  stack: Pick<FaultStack, "api" | "hubUrl" | "adminKey">,
  expected: () => string[],
  label: string,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  let last = "no answer yet";
  while (Date.now() - started < timeoutMs) {
    try {
      const want = [...expected()].sort();
      const seen = await presence(stack);
      if (same(seen.web, want) && same(seen.hub, want)) return Date.now() - started;
      last = `web: ${difference(seen.web, want) || "right"}; hub: ${difference(seen.hub, want) || "right"}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`presence after ${label}: the agents lists did not match the connected agents within ${timeoutMs} ms (${last})`);
}
