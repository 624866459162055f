import { describe, expect, it } from "vitest";
import { hubCommand, type Delivery } from "../../lib/bridge/messages";
import { chunkCommand, commandBody, mergeReplies, wholeCommandBody } from "../../lib/hub-client/chunk-command";
import { BRIDGE_BODY_BYTES } from "../../lib/protocol/limits";

const delivery = (i: number, payload: unknown = {}): Delivery => ({
  agentId: `agent-${i % 7}`,
  taskId: `task-${i}`,
  frame: { type: "task", taskId: `task-${i}`, taskType: "shell", payload },
});

describe("a hub command larger than the room takes at once", () => {
  it("is cut into commands the room's own schema accepts, keeping every delivery once and in order", () => {
    const deliveries = Array.from({ length: 2_345 }, (_, i) => delivery(i));
    const chunks = chunkCommand({ deliveries, wantPresence: true });
    expect(chunks).toHaveLength(3);
    for (const chunk of chunks) expect(hubCommand.safeParse(chunk).success).toBe(true);
    expect(chunks.flatMap((c) => c.deliveries ?? []).map((d) => d.taskId)).toEqual(deliveries.map((d) => d.taskId));
    expect(chunks.map((c) => c.wantPresence ?? false)).toEqual([false, false, true]);
  });

  it("is cut by bytes too: twenty 1 MiB payloads never make a body over the bridge cap", () => {
    const big = "x".repeat(1024 * 1024);
    const chunks = chunkCommand({ deliveries: Array.from({ length: 20 }, (_, i) => delivery(i, { big })) });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThan(BRIDGE_BODY_BYTES);
    expect(chunks.flatMap((c) => c.deliveries ?? [])).toHaveLength(20);
  });

  it("stays one command when it fits", () => {
    const command = { deliveries: [delivery(1)], changes: [], revokedKeyIds: ["key_1"] };
    expect(chunkCommand(command)).toEqual([{ deliveries: [delivery(1)], revokedKeyIds: ["key_1"] }]);
  });

  it("goes whole without measuring each item when it surely fits, and never when a list is over its limit or it may not fit", () => {
    const fits = { deliveries: [delivery(1)], wantPresence: true };
    expect(wholeCommandBody(fits)).toBe(commandBody(fits));
    expect(hubCommand.safeParse(JSON.parse(wholeCommandBody(fits)!)).success).toBe(true);
    expect(wholeCommandBody({ deliveries: Array.from({ length: 1_001 }, (_, i) => delivery(i)) })).toBeNull();
    // 6 MiB of text could be 18 MiB of UTF-8: cut by bytes instead.
    expect(wholeCommandBody({ deliveries: Array.from({ length: 6 }, (_, i) => delivery(i, { big: "x".repeat(1024 * 1024) })) })).toBeNull();
  });

  it("merges the replies: every refusal, the last chunk's presence", () => {
    const merged = mergeReplies([
      { rejected: [{ taskId: "a", reason: "bad" }] },
      { rejected: [{ taskId: "b", reason: "worse" }], presence: [], settledBefore: 5 },
    ]);
    expect(merged).toEqual({
      rejected: [
        { taskId: "a", reason: "bad" },
        { taskId: "b", reason: "worse" },
      ],
      presence: [],
      settledBefore: 5,
    });
  });
});
