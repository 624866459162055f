/**
 * Property-based fuzz of the agent socket against a real hub and web: whatever a registered raw agent sends (frames
 * with wrong fields, random JSON, text that is not JSON, binary, over-size), the hub answers with the spec's error
 * frame or takes the frame, and keeps the socket open; only abuse closes it (1008/1009). A fresh agent still gets
 * its frames into the database afterwards.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentFrame, type AgentFrame } from "@/lib/protocol/agent-frames";
import { LIMITS } from "@/lib/protocol/limits";
import { anyJson, deeplyNestedJson, FUZZ_SEED, hugeString, isErrorFrame, mutatedObject, nastyString } from "../helpers/authz";
import { RawAgent, eventually, type Frame } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { SAMPLE_FRAMES } from "./authz-table";

let stack: Stack;
let agentKey: string;
beforeAll(async () => {
  stack = await startStack();
  agentKey = await stack.createKey("agent", "fuzzed agent");
});
afterAll(async () => {
  await stack?.stop();
});

const AGENT_ID = "fuzz-agent";
const FRAME_TYPES = agentFrame.options.map((o) => o.shape.type.value);
const samples = FRAME_TYPES.map(
  (type) => SAMPLE_FRAMES[type]({ agentId: AGENT_ID, taskId: "fuzz-task", attempt: 1, repoPath: "/src/fuzz" }) as AgentFrame & Record<string, unknown>,
);
/** Frames the hub may send a fuzzed agent: answers, pings, and acks for results it refused. */
const EXPECTED_FROM_HUB = new Set(["error", "ping", "status-request", "task-result-ack"]);

/** One thing to send: text or bytes, whether the protocol must refuse it whatever else holds, and a short label. */
type Fuzzed = { data: string | Uint8Array<ArrayBuffer>; mustRefuse: boolean; [fc.toStringMethod]: () => string };
const fuzzed = (data: string | Uint8Array<ArrayBuffer>, mustRefuse: boolean, label: string): Fuzzed => ({ data, mustRefuse, [fc.toStringMethod]: () => label });
const labelOf = (text: string) => `${text.length} chars: ${JSON.stringify(text.slice(0, 160))}`;

/** The runtime's own cap on one message (workerd closes with 1009 above it); LIMITS.frameBytes sits below it. */
const RUNTIME_FRAME_CAP = 1024 * 1024;
const byteLength = (data: string | Uint8Array) => (typeof data === "string" ? Buffer.byteLength(data) : data.length);

const jsonType = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A valid frame with one field (not its type; `result` takes any JSON) set to a value of another JSON type. */
const wrongType: fc.Arbitrary<Fuzzed> = fc
  .constantFrom(
    ...samples.flatMap((frame) =>
      Object.keys(frame)
        .filter((k) => k !== "type" && k !== "result")
        .map((field) => ({ frame, field })),
    ),
  )
  .chain(({ frame, field }) => anyJson.filter((v) => jsonType(v) !== jsonType(frame[field])).map((value) => ({ ...frame, [field]: value })))
  .map((frame) => fuzzed(JSON.stringify(frame), true, labelOf(JSON.stringify(frame))));

const oversize: fc.Arbitrary<Fuzzed> = fc.integer({ min: LIMITS.frameBytes + 1, max: LIMITS.frameBytes + 40_000 }).map((size) => {
  const text = JSON.stringify({ type: "pong", pad: "x".repeat(size) });
  return fuzzed(text, true, `over-size pong of ${text.length} bytes`);
});

/** Frames up to the runtime's cap (beyond it the runtime closes the socket; the 1009 test below covers that). */
const frames: fc.Arbitrary<Fuzzed> = fc
  .oneof(
    wrongType,
    fc
      .constantFrom(...samples)
      .chain(mutatedObject)
      .map((f) => fuzzed(JSON.stringify(f), false, labelOf(JSON.stringify(f)))),
    anyJson
      .filter((v) => !FRAME_TYPES.some((t) => (v as { type?: unknown } | null)?.type === t))
      .map((v) => fuzzed(JSON.stringify(v), true, labelOf(JSON.stringify(v)))),
    nastyString(200)
      .filter((t) => !isJson(t))
      .map((t) => fuzzed(t, true, labelOf(t))),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => fuzzed(bytes, true, `${bytes.length} binary bytes`)),
    hugeString
      .filter((s) => s.length < LIMITS.frameBytes)
      .map((huge) => fuzzed(JSON.stringify({ ...samples[0], agentId: huge }), true, `agent-status with a ${huge.length}-char agentId`)),
    oversize,
  )
  .filter((f) => byteLength(f.data) <= RUNTIME_FRAME_CAP);

/** Rejects when the socket closes, so a closed socket fails a wait at once and says with which code. */
function whenClosed(agent: RawAgent): Promise<never> {
  const closed = new Promise<never>((_, reject) => {
    const fail = (c: { code: number; reason: string }) => reject(new Error(`socket closed with ${c.code} ${c.reason}`));
    if (agent.closed) fail(agent.closed);
    else agent.ws.once("close", (code, reason) => fail({ code, reason: reason.toString() }));
  });
  closed.catch(() => undefined);
  return closed;
}

/** Every frame the hub sent until it answered a task-log for a task this agent does not hold (tagged, so recognisable). */
async function untilBarrier(agent: RawAgent): Promise<Frame[]> {
  const tag = `barrier-${Math.random().toString(36).slice(2)}`;
  // A valid frame: it waits behind the agentId claim like every valid frame, and its refusal does not count as abuse.
  agent.send({ type: "task-log", taskId: tag, seq: 0, chunk: "" });
  const barrier = (f: Frame) => isErrorFrame(f) && f.message === "task-log refused" && JSON.stringify(f.details).includes(tag);
  await Promise.race([agent.next(barrier, 20_000), whenClosed(agent)]);
  return agent.frames.splice(0);
}

/** A raw agent with its agentId claimed and registered. */
async function registeredAgent(): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, agentKey);
  await agent.next("status-request");
  agent.send(SAMPLE_FRAMES["agent-status"]({ agentId: AGENT_ID, taskId: "", attempt: 1, repoPath: "" }));
  const before = await untilBarrier(agent);
  expect(before.filter(isErrorFrame)).toEqual([]);
  return agent;
}

describe("a registered agent sending arbitrary frames", () => {
  it("gets the spec's error frame or has the frame taken, and keeps its socket", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frames, { minLength: 1, maxLength: 4 }), async (batch) => {
        const agent = await registeredAgent();
        try {
          for (const f of batch) agent.ws.send(f.data);
          const answers = await untilBarrier(agent);
          expect(agent.closed).toBeNull();
          expect(answers.filter((f) => !EXPECTED_FROM_HUB.has(f.type))).toEqual([]);
          const errors = answers.filter((f) => f.type === "error");
          for (const e of errors) expect(isErrorFrame(e), JSON.stringify(e).slice(0, 300)).toBe(true);
          // Each frame the protocol must refuse got its own "Invalid message format" answer (frames taken may add other answers).
          const refused = errors.filter((e) => e.message === "Invalid message format").length;
          expect(refused).toBeGreaterThanOrEqual(batch.filter((f) => f.mustRefuse).length);
        } finally {
          agent.close();
        }
      }),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
  });

  it("never drops a deeply nested task-result silently: it is refused as invalid or acknowledged", async () => {
    await fc.assert(
      fc.asyncProperty(
        deeplyNestedJson.map((deep) => fuzzed(deep, false, `a value nested ${deep.match(/[[{]/g)?.length ?? 0} levels deep`)),
        async ({ data: deep }) => {
          const agent = await registeredAgent();
          try {
            const taskId = `deep-${Math.random().toString(36).slice(2)}`;
            agent.send(`{"type":"task-result","taskId":"${taskId}","status":"completed","result":${deep}}`);
            // Taken frames reach the web, which refuses a result for an unknown task with an ack; bad ones get the error frame.
            const answered = (f: Frame) => (f.type === "task-result-ack" && f.taskId === taskId) || (isErrorFrame(f) && f.message === "Invalid message format");
            const answer = await Promise.race([agent.next(answered, 8_000), whenClosed(agent)]);
            if (answer.type === "error") expect(isErrorFrame(answer)).toBe(true);
            else expect(answer).toMatchObject({ type: "task-result-ack", taskId, accepted: false });
          } finally {
            agent.close();
          }
        },
      ),
      // No shrinking: each failing try waits out the answer, and the depth in the report is enough to reproduce.
      { seed: FUZZ_SEED, numRuns: 20, endOnFailure: true },
    );
  });

  it("is closed (1009, or 1006 if the reset beats the close frame) for a frame over the runtime's 1 MiB cap, and a fresh agent's frames still reach the database", async () => {
    const agent = await registeredAgent();
    agent.send(JSON.stringify({ type: "pong", pad: "x".repeat(2 * 1024 * 1024) }));
    // 1009 is the runtime's close; when it resets the connection while the client is still writing, the close frame is lost and the client sees 1006.
    expect([1009, 1006]).toContain((await agent.waitClose(RawAgent.OVERSIZE_CLOSE_MS)).code);

    const fresh = await RawAgent.connect(stack.wsUrl, agentKey);
    await fresh.next("status-request");
    fresh.send({ type: "agent-status", agentId: "after-fuzz", status: "online" });
    fresh.send({ type: "git-status", repos: [{ id: "after-fuzz-repo", path: "/src/after-fuzz", name: "after-fuzz", status: "dirty", uncommittedCount: 3 }] });
    await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/repos?agentId=after-fuzz")).json()) as { repos: { path: string; uncommittedCount: number }[] };
        return body.repos.some((r) => r.path === "/src/after-fuzz" && r.uncommittedCount === 3);
      },
      15_000,
      "the fresh agent's repo stored",
    );
    fresh.close();
  });
});
