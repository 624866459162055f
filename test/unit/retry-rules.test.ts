import { describe, expect, it } from "vitest";
import { retryDecision } from "../../lib/tasks/rules";

const attempt = { attempt: 1, maxAttempts: 3, wasRunning: true, idempotent: false };

describe("which ended attempts run again", () => {
  it("retries a plain failure while attempts are left, idempotent or not", () => {
    expect(retryDecision({ ...attempt, outcome: "failed" }, "exit code 1")).toEqual({ retry: true, reason: "exit code 1" });
    expect(retryDecision({ ...attempt, outcome: "failed", attempt: 3 }, "exit code 1")).toEqual({ retry: false, reason: "exit code 1" });
  });

  it("does not rerun a task its run timeout cut off unless it is idempotent: it may have partly run", () => {
    const timedOut = { ...attempt, outcome: "timed_out" as const };
    const refused = retryDecision(timedOut, "ran longer than 400 ms");
    expect(refused.retry).toBe(false);
    expect(refused.reason).toBe(
      "ran longer than 400 ms; the task may have partly run; it is not marked idempotent, so it is not retried automatically (retry it by hand if that is safe)",
    );
    expect(retryDecision({ ...timedOut, idempotent: true }, "ran longer than 400 ms")).toEqual({ retry: true, reason: "ran longer than 400 ms" });
  });

  it("treats a lost attempt that never started as safe to offer again, and one lost while running like a cut-off run", () => {
    expect(retryDecision({ ...attempt, outcome: "lost", wasRunning: false }, "agent lost").retry).toBe(true);
    expect(retryDecision({ ...attempt, outcome: "lost" }, "agent lost").retry).toBe(false);
    expect(retryDecision({ ...attempt, outcome: "interrupted", idempotent: true }, null).retry).toBe(true);
  });

  it("never reruns a completed or cancelled attempt", () => {
    expect(retryDecision({ ...attempt, outcome: "completed", idempotent: true }, null).retry).toBe(false);
    expect(retryDecision({ ...attempt, outcome: "cancelled", idempotent: true }, "by hand").retry).toBe(false);
  });
});
