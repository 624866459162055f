import { describe, expect, it } from "vitest";
import { gitAlertKeys, planGitAlerts, type ExistingGitAlert, type GitAlert } from "../../lib/git-safety/alert-plan";
import { mergeCheckId, mergeCheckSteps, taskVerdict } from "../../lib/git-safety/merge-check-view";
import { conflictAlert } from "../../lib/git-safety/radar-alerts";

const wanted = (key: string, message = "m"): GitAlert => ({ kind: "unpushed-work", dedupKey: key, title: "t", message, metadata: {} });
const stored = (key: string, status: string, message = "m", resolvedBy: string | null = null, kind = "unpushed-work"): ExistingGitAlert => ({
  dedupKey: key,
  kind,
  status,
  message,
  resolvedBy,
});

describe("git radar pass: what to raise and what to resolve", () => {
  it("raises new and changed situations, leaves an unchanged open one alone, reopens what the radar itself resolved", () => {
    const plan = planGitAlerts(
      [wanted("new"), wanted("same"), wanted("changed", "3 commits"), wanted("acked"), wanted("radar-resolved")],
      [stored("same", "open"), stored("changed", "open", "2 commits"), stored("acked", "acknowledged"), stored("radar-resolved", "resolved", "m", "git-radar")],
      [],
    );
    expect(plan.raise.map((a) => a.dedupKey)).toEqual(["new", "changed", "radar-resolved"]);
    expect(plan.resolve).toEqual([]);
  });

  it("keeps an alert a person resolved resolved while the situation is unchanged, and reopens it when it changes", () => {
    const existing = [stored("k", "resolved", "m", "alice")];
    expect(planGitAlerts([wanted("k")], existing, []).raise).toEqual([]);
    expect(planGitAlerts([wanted("k", "worse")], existing, []).raise.map((a) => a.dedupKey)).toEqual(["k"]);
  });

  it("resolves open radar alerts no longer wanted, with a reason per kind, and never another feature's alerts", () => {
    const plan = planGitAlerts(
      [wanted("still")],
      [],
      [stored("still", "open"), stored("gone", "open"), stored("c", "open", "m", null, "conflict"), stored("off", "open", "m", null, "offline-unpushed")],
    );
    expect(plan.resolve).toEqual([
      { dedupKey: "gone", reason: expect.stringMatching(/pushed/) },
      { dedupKey: "c", reason: expect.stringMatching(/no longer have local changes to the same files/) },
    ]);
  });

  it("keys a conflict by the pair, whichever side comes first", () => {
    expect(gitAlertKeys.conflict("id", "b", "a")).toBe(gitAlertKeys.conflict("id", "a", "b"));
  });
});

describe("merge checks of conflicting pairs", () => {
  const side = (agentId: string, head: string | null, unpushedCount: number) => ({ agentId, path: `/src/${agentId}`, head, unpushedCount, branch: "main" });

  it("is one check per pair of heads, in either order", () => {
    expect(mergeCheckId("id", "aaa", "bbb")).toBe(mergeCheckId("id", "bbb", "aaa"));
    expect(mergeCheckId("id", "aaa", "bbb")).not.toBe(mergeCheckId("id", "aaa", "ccc"));
  });

  it("asks first the machine whose counterpart pushed its head, then the other; nothing without two different heads", () => {
    expect(mergeCheckSteps(side("a", "h1", 2), side("b", "h2", 0)).map((s) => s.agentId)).toEqual(["a", "b"]);
    expect(mergeCheckSteps(side("a", "h1", 0), side("b", "h2", 3))).toEqual([
      { agentId: "b", repo: "/src/b", ours: "h2", theirs: "h1" },
      { agentId: "a", repo: "/src/a", ours: "h1", theirs: "h2" },
    ]);
    expect(mergeCheckSteps(side("a", null, 1), side("b", "h2", 0))).toEqual([]);
    expect(mergeCheckSteps(side("a", "h1", 1), side("b", "h1", 1))).toEqual([]);
  });

  it("reads the task: running is pending, a verdict with its files, anything else unknown with the reason", () => {
    expect(taskVerdict({ status: "running", result: null, error: null }).verdict).toBe("pending");
    expect(taskVerdict({ status: "completed", result: { verdict: "conflicting", conflicts: ["a.txt"] }, error: null })).toEqual({
      verdict: "conflicting",
      conflicts: ["a.txt"],
      reason: null,
    });
    expect(taskVerdict({ status: "completed", result: { verdict: "unknown", reason: "commit x is not reachable" }, error: null })).toMatchObject({
      verdict: "unknown",
      reason: "commit x is not reachable",
    });
    expect(taskVerdict({ status: "timed_out", result: null, error: "queue timeout" })).toMatchObject({ verdict: "unknown", reason: "queue timeout" });
    expect(taskVerdict(undefined).verdict).toBe("unknown");
  });

  it("says the verdict in the conflict alert, so a new verdict changes the alert", () => {
    const [a, b] = [side("a", "h1", 1), side("b", "h2", 0)];
    const pending = conflictAlert("id", a, b, ["x"], { verdict: "pending", conflicts: [], agentId: "a", reason: null });
    const conflicting = conflictAlert("id", a, b, ["x"], { verdict: "conflicting", conflicts: ["x"], agentId: "a", reason: null });
    expect(conflicting.message).toMatch(/Their commits conflict when merged \(git merge-tree on a\): x\./);
    expect(conflicting.dedupKey).toBe(pending.dedupKey);
    expect(planGitAlerts([conflicting], [stored(pending.dedupKey, "open", pending.message, null, "conflict")], []).raise).toHaveLength(1);
  });
});
