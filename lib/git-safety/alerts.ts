import "server-only";
import type { Db } from "../db/client";
import type { AlertRow } from "../db/serialize";
import { raiseAlert, resolveAlert } from "../alerts/raise";
import { GIT_ALERT_SOURCE, gitAlertKeys, type GitAlert } from "./alert-plan";

/** The git-safety radars' only door to the alert lifecycle: raise by a stable key, resolve when the condition clears. */
export async function raiseGitAlert(tx: Db, a: GitAlert): Promise<AlertRow | null> {
  const { row } = await raiseAlert(tx, {
    dedupKey: a.dedupKey,
    severity: "warning",
    title: a.title.slice(0, 256),
    message: a.message.slice(0, 2000),
    source: GIT_ALERT_SOURCE,
    kind: a.kind,
    agentId: a.agentId ?? null,
    repoId: a.repoId ?? null,
    metadata: { kind: a.kind, ...a.metadata },
  });
  return row;
}

export function resolveGitAlert(tx: Db, dedupKey: string, reason: string): Promise<AlertRow | null> {
  return resolveAlert(tx, dedupKey, reason, "git-radar");
}

/** "kenji-mbp went offline with 3 unpushed commits on feature/login (app)": one alert per agent, until it returns. */
export function raiseOfflineWithUnpushed(tx: Db, agentId: string, summary: string): Promise<AlertRow | null> {
  return raiseGitAlert(tx, {
    kind: "offline-unpushed",
    dedupKey: gitAlertKeys.offlineUnpushed(agentId),
    agentId,
    title: `${agentId} went offline with ${summary}`,
    message: `The agent disconnected while holding work no remote has: ${summary}. It is lost if the machine is.`,
    metadata: {},
  });
}

/** The agent is back: its work is reachable again (the unpushed-work radar keeps watching the commits themselves). */
export function resolveOfflineWithUnpushed(tx: Db, agentId: string): Promise<AlertRow | null> {
  return resolveGitAlert(tx, gitAlertKeys.offlineUnpushed(agentId), "the agent is back online");
}
