import type { RequiresRepo } from "../protocol/git-safety";

/** Pure: why a git-gated task is still waiting, from every agent's last report of the repository it requires. */

export type GateCandidate = {
  agentId: string;
  connected: boolean;
  branch: string | null;
  uncommittedCount: number;
  aheadCount: number;
  behindCount: number;
  error: string | null;
};

/** "repo X clean on main, up to date": the state the task asks for, in words. */
export function describeGate(r: RequiresRepo): string {
  return [`repo ${r.repo}`, r.clean ? "clean" : "", r.branch ? `on ${r.branch}` : "", r.upToDate ? "up to date" : ""].filter(Boolean).join(" ");
}

/** What keeps one agent's checkout from matching the gate (the same rules as repo-gate-sql.ts), or null when it matches. */
export function gateMismatch(r: RequiresRepo, c: GateCandidate): string | null {
  if (c.error) return `cannot read it (${c.error.slice(0, 120)})`;
  const why: string[] = [];
  if (r.clean && c.uncommittedCount > 0) why.push(`${c.uncommittedCount} uncommitted change${c.uncommittedCount === 1 ? "" : "s"}`);
  if (r.branch && c.branch !== r.branch) why.push(`on ${c.branch ?? "a detached HEAD"}`);
  const mayFastForward = r.fastForward === true && c.uncommittedCount === 0 && c.aheadCount === 0;
  if (r.upToDate && c.behindCount > 0 && !mayFastForward) why.push(`${c.behindCount} commit${c.behindCount === 1 ? "" : "s"} behind`);
  return why.length ? why.join(", ") : null;
}

/**
 * "waiting: no agent reports repo X clean on main (gs-alpha: 2 uncommitted changes; gs-beta: on feature)", or null
 * when some connected agent matches (the task waits for capacity or capabilities, not for the repository).
 */
export function gateWaitReason(r: RequiresRepo, candidates: readonly GateCandidate[]): string | null {
  const want = describeGate(r);
  if (candidates.length === 0) return `waiting: no agent reports ${want}`;
  const matching = candidates.filter((c) => gateMismatch(r, c) === null);
  if (matching.some((c) => c.connected)) return null;
  if (matching.length > 0) return `waiting: only offline agents report ${want} (${matching.map((c) => c.agentId).join(", ")})`;
  const shown = candidates.slice(0, 5).map((c) => `${c.agentId}: ${gateMismatch(r, c)}`);
  const more = candidates.length > 5 ? `; and ${candidates.length - 5} more` : "";
  return `waiting: no agent reports ${want} (${shown.join("; ")}${more})`;
}
