import { describe, expect, it } from "vitest";
import { coalesce } from "@/lib/hub-client/coalesce";

/** A round that stays open until the test releases it, recording what it carried. */
function gatedRounds() {
  const rounds: number[][] = [];
  const gates: (() => void)[] = [];
  const run = coalesce<number>(async (items) => {
    rounds.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
  });
  return { rounds, gates, run };
}

describe("coalesce", () => {
  it("gives every caller the result of the round that carried its items", async () => {
    const run = coalesce<number, number[]>(async (items) => items.map((n) => n * 10));
    const [a, b, c] = await Promise.all([run([1]), run([2]), run([3])]);
    expect(a).toEqual([10]);
    expect(b).toEqual([20, 30]);
    expect(c).toBe(b);
  });

  it("carries every call made during a round in the next single round", async () => {
    const { rounds, gates, run } = gatedRounds();
    const first = run([1]);
    const later = [run([2]), run([3, 4]), run([5])];
    expect(rounds).toEqual([[1]]);
    gates[0]!();
    await first;
    await Promise.resolve();
    expect(rounds).toEqual([[1], [2, 3, 4, 5]]);
    gates[1]!();
    await Promise.all(later);
    expect(rounds).toHaveLength(2);
  });

  it("settles a caller only when the round that carried its items has ended", async () => {
    const { gates, run } = gatedRounds();
    let settled = false;
    void run([1]);
    const second = run([2]).then(() => (settled = true));
    gates[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(false);
    gates[1]!();
    await second;
    expect(settled).toBe(true);
  });

  it("rejects the callers of a failed round and keeps serving later calls", async () => {
    let fail = true;
    const seen: string[][] = [];
    const run = coalesce<string>(async (items) => {
      seen.push(items);
      if (fail) throw new Error("hub down");
    });
    await expect(run(["a"])).rejects.toThrow("hub down");
    fail = false;
    await expect(run(["b"])).resolves.toBeUndefined();
    expect(seen).toEqual([["a"], ["b"]]);
  });
});
