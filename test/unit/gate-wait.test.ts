import { describe, expect, it } from "vitest";
import { gateWaitReason, type GateCandidate } from "../../lib/git-safety/gate-wait";

const checkout = (agentId: string, over: Partial<GateCandidate> = {}): GateCandidate => ({
  agentId,
  connected: true,
  branch: "main",
  uncommittedCount: 0,
  aheadCount: 0,
  behindCount: 0,
  error: null,
  ...over,
});

describe("why a git-gated task waits", () => {
  it("says nobody reports the repository at all", () => {
    expect(gateWaitReason({ repo: "github.com/me/app", clean: true }, [])).toBe("waiting: no agent reports repo github.com/me/app clean");
  });

  it("says what keeps each checkout from matching: dirty, another branch, behind, unreadable", () => {
    const reason = gateWaitReason({ repo: "app", clean: true, branch: "main", upToDate: true }, [
      checkout("a", { uncommittedCount: 2 }),
      checkout("b", { branch: "feature", behindCount: 1 }),
      checkout("c", { error: "not a git repository" }),
    ]);
    expect(reason).toBe(
      "waiting: no agent reports repo app clean on main up to date (a: 2 uncommitted changes; b: on feature, 1 commit behind; c: cannot read it (not a git repository))",
    );
  });

  it("is silent when a connected agent matches, and names the offline ones that would", () => {
    expect(gateWaitReason({ repo: "app", clean: true }, [checkout("a", { uncommittedCount: 1 }), checkout("b")])).toBeNull();
    expect(gateWaitReason({ repo: "app", clean: true }, [checkout("b", { connected: false })])).toBe("waiting: only offline agents report repo app clean (b)");
  });

  it("counts a clean checkout that is only behind as matching when the task allows a fast-forward", () => {
    expect(gateWaitReason({ repo: "app", upToDate: true, fastForward: true }, [checkout("a", { behindCount: 3 })])).toBeNull();
    expect(gateWaitReason({ repo: "app", upToDate: true }, [checkout("a", { behindCount: 3 })])).toMatch(/a: 3 commits behind/);
  });
});
