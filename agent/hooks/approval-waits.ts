import type { ApprovalDecision } from "../../lib/protocol/session-frames";

export type Verdict = { decision: ApprovalDecision; reason: string };

/** Hook requests waiting for an operator: each resolves once, with the decision or with the timeout's deny. */
export class ApprovalWaits {
  private readonly waiting = new Map<string, (verdict: Verdict) => void>();

  wait(id: string, timeoutMs: number): Promise<Verdict> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, { decision: "deny", reason: `no operator decided within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
      this.waiting.set(id, (verdict) => {
        clearTimeout(timer);
        resolve(verdict);
      });
    });
  }

  /** Settles a waiting approval; false when none waits under that id (decided, timed out, or another agent's). */
  settle(id: string, verdict: Verdict): boolean {
    const resolve = this.waiting.get(id);
    if (!resolve) return false;
    this.waiting.delete(id);
    resolve(verdict);
    return true;
  }

  /** The agent is stopping: nobody will answer, so every waiting hook gets a deny now. */
  denyAll(reason: string): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, { decision: "deny", reason });
  }
}
