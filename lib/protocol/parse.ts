import { agentFrame, type AgentFrame } from "./agent-frames";
import { invalidFormatFrame, type ErrorFrame } from "./hub-frames";
import { LIMITS } from "./limits";

export type ParseOutcome = { ok: true; frame: AgentFrame } | { ok: false; error: ErrorFrame };

/** Why a JSON text was refused; shaped like a zod issue so it fits the spec's error frame. */
export type JsonIssue = { code: "invalid_json" | "too_deep" | "nul_character" | "lone_surrogate"; message: string; path: (string | number)[] };

/** SQLite and C strings end at NUL: stored text would be cut short and a NUL search would match everything. */
export const NUL_MESSAGE = "must not contain NUL (\\u0000) characters";
export const hasNul = (text: string): boolean => text.includes("\u0000");
/** Half of a UTF-16 pair has no UTF-8 form: storage would turn it into U+FFFD, so the text would come back changed. */
export const LONE_SURROGATE_MESSAGE = "must not contain unpaired UTF-16 surrogates (\\ud800–\\udfff)";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
export type JsonOutcome = { ok: true; value: unknown } | { ok: false; issue: JsonIssue };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/** Whether arrays/objects nest deeper than `limit`: one linear scan of brackets outside strings, no recursion. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPENERS.has(c)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(c)) depth--;
  }
  return false;
}

/** The path to the first string (a value, or a key: then the object's path) that `bad` refuses; depth is already bounded. */
function pathToBadText(value: unknown, bad: (text: string) => boolean, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return bad(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathToBadText(value[i], bad, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (bad(key)) return path;
      const found = pathToBadText(child, bad, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The one JSON reader for untrusted text (REST bodies, agent frames): refuses nesting deeper than LIMITS.jsonDepth
 * before JSON.parse, the schema and the size checks recurse into it, and NUL characters in any string or key.
 * `what` names the text in messages.
 */
export function parseJsonText(text: string, what: "body" | "frame"): JsonOutcome {
  if (nestsDeeperThan(text, LIMITS.jsonDepth)) {
    return { ok: false, issue: { code: "too_deep", message: `${what} nests deeper than ${LIMITS.jsonDepth} levels`, path: [] } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, issue: { code: "invalid_json", message: `${what} is not valid JSON`, path: [] } };
  }
  // JSON text can only carry a NUL escaped (a raw one is invalid JSON), so most texts skip the walk.
  const nulAt = text.includes("\\u0000") ? pathToBadText(value, hasNul, []) : null;
  if (nulAt) return { ok: false, issue: { code: "nul_character", message: NUL_MESSAGE, path: nulAt } };
  // Likewise a surrogate can only arrive escaped (the socket and HTTP layers decode invalid UTF-8 to U+FFFD).
  const loneAt = /\\u[dD][89a-fA-F]/.test(text) ? pathToBadText(value, hasLoneSurrogate, []) : null;
  if (loneAt) return { ok: false, issue: { code: "lone_surrogate", message: LONE_SURROGATE_MESSAGE, path: loneAt } };
  return { ok: true, value };
}

/** Turns raw socket data into a validated agent frame or the error frame to send back. Never throws. */
export function parseAgentFrame(raw: string | ArrayBuffer | ArrayBufferView): ParseOutcome {
  if (typeof raw !== "string") {
    return { ok: false, error: invalidFormatFrame([{ code: "invalid_type", message: "binary frames are not accepted; send JSON text", path: [] }]) };
  }
  if (raw.length > LIMITS.frameBytes || new TextEncoder().encode(raw).length > LIMITS.frameBytes) {
    return { ok: false, error: invalidFormatFrame([{ code: "too_big", message: `frame exceeds ${LIMITS.frameBytes} bytes`, path: [] }]) };
  }
  const json = parseJsonText(raw, "frame");
  if (!json.ok) return { ok: false, error: invalidFormatFrame([json.issue]) };
  const parsed = agentFrame.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: invalidFormatFrame(parsed.error.issues) };
  return { ok: true, frame: parsed.data };
}
