/** Credentials, raw sockets at any URL and status probes for the generated security suites (authz matrix, fuzz). */
import fc from "fast-check";
import WebSocket from "ws";
import type { Role } from "../../lib/auth/roles";
import { LIMITS } from "../../lib/protocol/limits";
import type { Frame } from "./raw-agent";
import type { Stack } from "./stack";

export type KeyWithId = { id: string; key: string };

/** A key made through the REST API, with the id that revocation and ownership routes need. */
export async function createKeyWithId(stack: Stack, role: Role, name = `${role} key`): Promise<KeyWithId> {
  const res = await stack.api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name, role }) });
  if (res.status !== 201) throw new Error(`could not create key: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; key: string };
  return { id: body.id, key: body.key };
}

export async function revokeKey(stack: Stack, id: string): Promise<void> {
  const res = await stack.api(`/api/cockpit/keys/${id}`, { method: "DELETE" });
  if (res.status !== 200) throw new Error(`could not revoke ${id}: ${res.status} ${await res.text()}`);
}

/** Signs in the browser's way (a same-origin form post) and returns the session cookie. */
export async function signInCookie(webUrl: string, key: string): Promise<string> {
  const res = await fetch(`${webUrl}/api/auth/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: webUrl, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ key }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 303 || !cookie?.startsWith("cockpit_session=")) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/** A one-minute dashboard socket token minted for a session, as the dashboard asks for one before each connect. */
export async function socketToken(webUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${webUrl}/api/auth/socket-token`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`socket-token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** 101 when the hub opened the socket (closed again at once), else the HTTP status it refused the upgrade with. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once("error", reject);
  });
}

/** The spec's error frame: `{ type: "error", message, details: [...] }`. */
export function isErrorFrame(frame: unknown): frame is { type: "error"; message: string; details: unknown[] } {
  if (typeof frame !== "object" || frame === null) return false;
  const f = frame as Record<string, unknown>;
  return f.type === "error" && typeof f.message === "string" && Array.isArray(f.details);
}

/**
 * A socket at any URL with any headers (RawAgent knows the two agent URLs only): keeps every frame in arrival order,
 * so a test can check what came before a barrier.
 */
export class SocketProbe {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private listeners: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.notify();
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SocketProbe> {
    const ws = new WebSocket(url, { headers });
    const probe = new SocketProbe(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(probe));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Index of the first frame at or after `from` matching `match`, waiting for it if needed. */
  async indexOf(match: (f: Frame) => boolean, from = 0, timeoutMs = 10_000): Promise<number> {
    const found = () => this.frames.findIndex((f, i) => i >= from && match(f));
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = found();
        if (index >= 0) return done(() => resolve(index));
        if (this.closed) done(() => reject(new Error(`socket closed ${this.closed!.code} ${this.closed!.reason}; got ${this.describe()}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${this.describe()}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        settle();
      };
      this.listeners.push(check);
      check();
    });
  }

  async next(match: (f: Frame) => boolean, from = 0, timeoutMs = 10_000): Promise<Frame> {
    return this.frames[await this.indexOf(match, from, timeoutMs)]!;
  }

  /**
   * Sends a frame the hub must refuse, tagged so that its answer is recognisable (an over-long metadata key, which the
   * error's path names), and waits for that answer: the hub answers frames in order, so every answer to what was sent
   * before has arrived. Returns the frames received from `from` up to the barrier's answer.
   */
  async barrier(from = 0): Promise<Frame[]> {
    const tag = `barrier-${Math.random().toString(36).slice(2)}`.padEnd(LIMITS.name + 1, "-");
    const sentAt = this.frames.length;
    this.send({ type: "agent-status", agentId: "barrier", status: "online", metadata: { [tag]: 0 } });
    const at = await this.indexOf((f) => isErrorFrame(f) && JSON.stringify(f.details).includes(tag), sentAt);
    return this.frames.slice(from, at);
  }

  waitClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.closed) return;
        clearTimeout(timer);
        resolve(this.closed);
      };
      const timer = setTimeout(() => reject(new Error("socket did not close")), timeoutMs);
      this.listeners.push(check);
      check();
    });
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private describe(): string {
    return JSON.stringify(this.frames).slice(0, 500);
  }
}

// ---- fuzz inputs (fast-check) -----------------------------------------------------------------------------------

/** Characters that break naive code: NUL, both lone surrogate halves, a non-character, bidi override, quotes, LIKE wildcards. */
const NASTY_CHARS = ["\u0000", "\uD800", "\uDFFF", "\uFFFF", "\u202E", "'", '"', "\\", "%", "_", "<", "\n", "😀", "é"];

/** Short strings mixing nasty characters with arbitrary code points. */
export const nastyString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.constantFrom(...NASTY_CHARS), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength });

/** Strings right around and far beyond the bounds the protocol sets (names, ids, text, a whole frame). */
export const hugeString: fc.Arbitrary<string> = fc
  .constantFrom(LIMITS.id + 1, LIMITS.name + 1, LIMITS.shortText + 1, 64 * 1024 + 1, LIMITS.frameBytes + 1)
  .chain((n) => fc.constantFrom("x", "é", "\u0000").map((c) => c.repeat(n)));

/** JSON text of a value nested `depth` levels deep, built as text: JSON.stringify itself overflows the stack on it. */
export const deeplyNestedJson: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.constantFrom("array", "object"))
  .map(([depth, shape]) => (shape === "array" ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`));

/** Any JSON value, strings included that carry NUL and lone surrogates (JSON.stringify escapes them as \uXXXX). */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({
  maxDepth: 4,
  stringUnit: fc.oneof(fc.constantFrom(...NASTY_CHARS), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })),
});

/** A valid object with some fields dropped, replaced by values of any type, or joined by unknown fields. */
export function mutatedObject(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const field = (value: unknown) => fc.option(fc.oneof({ weight: 2, arbitrary: fc.constant(value) }, anyJson, nastyString(), hugeString), { nil: undefined });
  const fields = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, field(v)]));
  return fc.tuple(fc.record(fields), fc.dictionary(nastyString(12), anyJson, { maxKeys: 3 })).map(([known, extra]) => {
    const out: Record<string, unknown> = { ...extra };
    for (const [k, v] of Object.entries(known)) if (v !== undefined) out[k] = v;
    return out;
  });
}

/** A fixed seed, overridable to replay a failure (`FUZZ_SEED=… npx vitest run …`); fast-check prints it on failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
