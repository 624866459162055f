/**
 * The room's outbox under load: while a batch is on its way to the web, a few new events wait for its answer and
 * then travel together; a full batch's worth leaves at once. Driven against a stand-in web (node:http) that checks
 * each batch's signature and shape as the web does and holds its answers until the test releases them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubEventBatch, type HubEventBatch } from "@/lib/bridge/messages";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "@/lib/bridge/sign";
import type { HubConfig } from "@/party/config";
import { Outbox, OVERLAP_MIN_EVENTS } from "@/party/outbox";
import { memoryStorage } from "../helpers/memory-storage";

const SECRET = "outbox-batching-test-secret";

type Held = { batch: HubEventBatch; answer: () => void };
const arrived: Held[] = [];
let waiter: (() => void) | null = null;
let server: Server;
let webUrl: string;

/** Resolves once `n` batches have arrived in all. */
async function batches(n: number): Promise<Held[]> {
  while (arrived.length < n) await new Promise<void>((resolve) => (waiter = resolve));
  return arrived.slice(0, n);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString()));
  });
}

async function standInWeb(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const signed = await verifySignature(SECRET, body, String(req.headers[TIMESTAMP_HEADER]), String(req.headers[SIGNATURE_HEADER]));
  const parsed = hubEventBatch.safeParse(JSON.parse(body));
  if (req.url !== "/api/hub/events" || !signed || !parsed.success) {
    res.writeHead(400).end("not a signed event batch");
    return;
  }
  arrived.push({
    batch: parsed.data,
    answer: () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, deliveries: [], changes: [], notices: [] })),
  });
  waiter?.();
}

beforeAll(async () => {
  server = createServer((req, res) => void standInWeb(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  webUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const delivered = (agent: number, task: number) => ({ kind: "delivered" as const, agentId: `agent-${agent}`, taskId: `task-${agent}-${task}`, attempt: 1 });

describe("outbox batching while a batch is on its way", () => {
  it("holds a few new events for the answer, then sends them in one batch; a full batch's worth goes at once", async () => {
    const config = { secret: SECRET, webUrl } as HubConfig;
    const outbox = new Outbox(
      memoryStorage(),
      config,
      () => [],
      () => undefined,
    );
    // The room's first batch carries its presence snapshot, which nothing passes; answered at once.
    expect(await outbox.enqueue(delivered(0, 0))).toBe(true);
    const [opening] = await batches(1);
    expect(opening!.batch.presence).toEqual([]);
    opening!.answer();

    expect(await outbox.enqueue(delivered(0, 1))).toBe(true);
    const [, first] = await batches(2);
    expect(first!.batch.events.map((e) => e.agentId)).toEqual(["agent-0"]);
    expect(first!.batch.presence).toBeUndefined();

    // Five more agents' events while that batch waits for its answer: they wait too.
    for (let a = 1; a <= 5; a++) expect(await outbox.enqueue(delivered(a, 0))).toBe(true);
    // Each enqueue scheduled a flush on a zero timer; once those have run, still only one batch is out.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(outbox.stats().inFlight).toBe(1);
    first!.answer();
    const [, , second] = await batches(3);
    expect(second!.batch.events.map((e) => e.agentId)).toEqual(["agent-1", "agent-2", "agent-3", "agent-4", "agent-5"]);

    // With that one still unanswered, a full batch's worth of other agents' events leaves beside it.
    const many = OVERLAP_MIN_EVENTS + 4;
    for (let a = 10; a < 10 + many; a++) await outbox.enqueue(delivered(a, 0));
    const [, , , third] = await batches(4);
    expect(third!.batch.events).toHaveLength(many);
    expect(outbox.stats().inFlight).toBe(2);
    second!.answer();
    third!.answer();
    await outbox.flush();
    expect(outbox.depth()).toBe(0);
  });
});
