import { createHash } from "node:crypto";

/** Pure: the conflict radar's merge checks — which pair, which agent to ask, and what a finished check said. */

export type MergeVerdict = "pending" | "clean" | "conflicting" | "unknown";

export type MergeCheckView = { verdict: MergeVerdict; conflicts: string[]; agentId: string | null; reason: string | null };

/** The two heads in a fixed order, so a pair is one check whichever side the radar lists first. */
export function orderedHeads(h1: string, h2: string): [string, string] {
  return h1 <= h2 ? [h1, h2] : [h2, h1];
}

export function mergeCheckId(identity: string, h1: string, h2: string): string {
  return `mc_${createHash("sha256")
    .update([identity, ...orderedHeads(h1, h2)].join("\0"))
    .digest("hex")
    .slice(0, 24)}`;
}

type Side = { agentId: string; path: string; head: string | null; unpushedCount: number };

export type MergeCheckStep = { agentId: string; repo: string; ours: string; theirs: string };

/**
 * The agents to ask, in order: each side's machine tries its own head against the other's. A side whose counterpart
 * has pushed its head comes first (it may have fetched that commit); a side without a head cannot be asked.
 */
export function mergeCheckSteps(a: Side, b: Side): MergeCheckStep[] {
  if (!a.head || !b.head || a.head === b.head) return [];
  const fromA: MergeCheckStep = { agentId: a.agentId, repo: a.path, ours: a.head, theirs: b.head };
  const fromB: MergeCheckStep = { agentId: b.agentId, repo: b.path, ours: b.head, theirs: a.head };
  return b.unpushedCount > 0 && a.unpushedCount === 0 ? [fromB, fromA] : [fromA, fromB];
}

const FINISHED = new Set(["completed", "failed", "cancelled", "timed_out"]);

/** What the merge-check task's row says: still running, a verdict, or unknown with the reason. */
export function taskVerdict(task: { status: string; result: unknown; error: string | null } | undefined): {
  verdict: MergeVerdict;
  conflicts: string[];
  reason: string | null;
} {
  if (!task) return { verdict: "unknown", conflicts: [], reason: "the check's task is gone" };
  if (!FINISHED.has(task.status)) return { verdict: "pending", conflicts: [], reason: null };
  const r = typeof task.result === "object" && task.result !== null ? (task.result as Record<string, unknown>) : {};
  if (task.status === "completed" && (r.verdict === "clean" || r.verdict === "conflicting")) {
    const conflicts = Array.isArray(r.conflicts) ? r.conflicts.filter((f): f is string => typeof f === "string") : [];
    return { verdict: r.verdict, conflicts, reason: null };
  }
  const why = typeof r.reason === "string" ? r.reason : (task.error ?? `the check ended ${task.status}`);
  return { verdict: "unknown", conflicts: [], reason: why.slice(0, 300) };
}
