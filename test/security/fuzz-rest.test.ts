/**
 * Property-based fuzz of the REST surface against a real stack: whatever the body or query, the answer is a 2xx, or a
 * 4xx in the one error shape; never a 5xx, never a hang; and a valid request still succeeds afterwards.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyJson, deeplyNestedJson, FUZZ_SEED, hugeString, mutatedObject, nastyString } from "../helpers/authz";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const VALID_TASK = { title: "fuzz", executor: "shell", payload: { command: "true" }, priority: "high", requires: ["git"], maxAttempts: 2, dependsOn: [] };
const VALID_ALERT = { severity: "warning", title: "fuzz", message: "m", source: "ci", metadata: { build: 1 } };
/** A request that never answers within this is a hang (a safety bound on the run, not a speed requirement). */
const HANG_MS = 20_000;

type Body = string | Uint8Array<ArrayBuffer>;
/** A body with a short description, so a failure report does not print 100 kB of brackets. */
type Shown = { body: Body; [fc.toStringMethod]: () => string };

const describeBody = (body: Body) => (typeof body === "string" ? `${body.length} chars: ${JSON.stringify(body.slice(0, 160))}…` : `${body.length} bytes`);
const shown = (body: Body): Shown => ({ body, [fc.toStringMethod]: () => describeBody(body) });

/** Bodies of every kind: any JSON, mutated valid bodies, deep nesting (also inside a valid body), huge strings, raw bytes. */
function bodies(valid: Record<string, unknown>, nestInto: string): fc.Arbitrary<Shown> {
  const json = (v: unknown) => JSON.stringify(v);
  const any: fc.Arbitrary<Body> = fc.oneof(
    anyJson.map(json),
    mutatedObject(valid).map(json),
    deeplyNestedJson,
    deeplyNestedJson.map((deep) => `${json(valid).slice(0, -1)},${JSON.stringify(nestInto)}:${deep}}`),
    hugeString.map((huge) => json({ ...valid, title: huge })),
    nastyString(200),
    fc.uint8Array({ maxLength: 512 }),
  );
  return any.map(shown);
}

const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  fc.constantFrom("application/json; charset=utf-8", "text/plain", "APPLICATION/JSON", ""),
);

type Answer = { status: number; body: unknown };

async function send(path: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(`${stack.webUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.adminKey}`, ...init.headers },
    signal: AbortSignal.timeout(HANG_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* kept as text: the property below says whether that is allowed */
  }
  return { status: res.status, body };
}

/** The property every answer keeps: 2xx, or 4xx with `{ error: { code, message } }`. */
function expectWellFormed(answer: Answer, input: string): void {
  const context = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)} for ${input.slice(0, 300)}`;
  expect(answer.status >= 200 && answer.status < 500, context).toBe(true);
  if (answer.status >= 400) {
    const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    expect(typeof error?.code === "string" && typeof error.message === "string", context).toBe(true);
  }
}

function fuzzPost(path: string, valid: Record<string, unknown>, nestInto: string, numRuns: number) {
  return fc.assert(
    fc.asyncProperty(bodies(valid, nestInto), contentTypes, async ({ body }, type) => {
      const answer = await send(path, { method: "POST", body, headers: type ? { "content-type": type } : {} });
      expectWellFormed(answer, `POST ${path} (${type}) ${describeBody(body)}`);
    }),
    { seed: FUZZ_SEED, numRuns },
  );
}

// Lists first: after the body fuzz the task list holds 256 kB payloads and each page weighs megabytes.
/** Parameters each list route knows, plus arbitrary ones. */
const LIST_ROUTES: Record<string, string[]> = {
  "/api/cockpit/tasks": ["status", "executor", "search", "agentId", "limit", "cursor"],
  "/api/cockpit/alerts": ["severity", "acknowledged", "limit", "cursor"],
  "/api/cockpit/repos": ["status", "agentId", "limit", "cursor"],
  "/api/cockpit/agents": ["all"],
};

/** Values that probe coercion and bounds: numbers as text, cursors that decode to something, long and nasty strings. */
const queryValue = fc.oneof(
  nastyString(),
  fc.constantFrom("", "0", "-1", "1e400", "NaN", "200", "201", "1.5", "true", "TRUE", "pending", "critical", "%", "%ZZ", "%00", "%C0%AF"),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => Buffer.from(s).toString("base64url")),
  fc.tuple(fc.integer(), nastyString(20)).map(([n, id]) => Buffer.from(`${n}:${id}`).toString("base64url")),
  fc.constantFrom(201, 401, 2001, 4000).map((n) => "q".repeat(n)),
);

function queries(known: string[]): fc.Arbitrary<string> {
  const pairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...known), nastyString(10)), queryValue), { maxLength: 5 });
  return fc.oneof(
    pairs.map((p) => new URLSearchParams(p).toString()),
    fc.webQueryParameters(),
    // Raw text, percent signs and separators as typed, not encoded for us.
    fc.string({ unit: fc.constantFrom("a", "=", "&", "%", "+", ";", "2", "F", "[", "]", "é"), maxLength: 60 }).map((s) => encodeURI(s).replace(/%25/g, "%")),
  );
}

describe("GET list routes with arbitrary query parameters", () => {
  it.each(Object.entries(LIST_ROUTES))("%s answers every query with a 2xx or a 4xx error, then still lists", async (path, known) => {
    await fc.assert(
      fc.asyncProperty(queries(known), async (query) => {
        expectWellFormed(await send(`${path}?${query}`, {}), `GET ${path}?${query}`);
      }),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
    const listed = await send(`${path}?limit=1`, {});
    expect(listed.status).toBe(200);
  });
});

describe("POST bodies", () => {
  it("POST /api/cockpit/tasks answers every body with a 2xx or a 4xx error, then still creates a valid task", async () => {
    await fuzzPost("/api/cockpit/tasks", VALID_TASK, "payload", 150);
    const created = await send("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ ...VALID_TASK, id: "after-fuzz-task" }),
      headers: { "content-type": "application/json" },
    });
    expect(created.status).toBe(201);
    expect((await send("/api/cockpit/tasks/after-fuzz-task", {})).body).toMatchObject({ task: { id: "after-fuzz-task", title: "fuzz" } });
  });

  it("POST /api/cockpit/alerts answers every body with a 2xx or a 4xx error, then still raises a valid alert", async () => {
    await fuzzPost("/api/cockpit/alerts", VALID_ALERT, "metadata", 150);
    const created = await send("/api/cockpit/alerts", {
      method: "POST",
      body: JSON.stringify({ ...VALID_ALERT, id: "after-fuzz-alert" }),
      headers: { "content-type": "application/json" },
    });
    expect(created.status).toBe(201);
    const listed = (await send("/api/cockpit/alerts?severity=warning&limit=200", {})).body as { alerts: { id: string }[] };
    expect(listed.alerts.map((a) => a.id)).toContain("after-fuzz-alert");
  });
});

describe("text that is accepted is kept as sent", () => {
  it("POST /api/cockpit/alerts stores NUL, lone surrogates and other odd text exactly, or refuses it with a 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(nastyString(40), async (text) => {
        const body = JSON.stringify({ severity: "info", title: "round trip", message: text, source: text.slice(0, 128) });
        const answer = await send("/api/cockpit/alerts", { method: "POST", body, headers: { "content-type": "application/json" } });
        const input = `message ${JSON.stringify(text)}`;
        expectWellFormed(answer, input);
        if (answer.status !== 201) return;
        // The answer is the row as stored, read back from the database.
        const stored = (answer.body as { alert: { message: string | null; source: string | null } }).alert;
        expect({ message: stored.message, source: stored.source }, input).toEqual({ message: text, source: text.slice(0, 128) });
      }),
      { seed: FUZZ_SEED, numRuns: 100 },
    );
  });
});
