import { agentFrame, type AgentFrame } from "./agent-frames";
import { invalidFormatFrame, type ErrorFrame } from "./hub-frames";
import { LIMITS } from "./limits";

export type ParseOutcome = { ok: true; frame: AgentFrame } | { ok: false; error: ErrorFrame };

/** Turns raw socket data into a validated agent frame or the error frame to send back. Never throws. */
export function parseAgentFrame(raw: string | ArrayBuffer | ArrayBufferView): ParseOutcome {
  if (typeof raw !== "string") {
    return { ok: false, error: invalidFormatFrame([{ code: "invalid_type", message: "binary frames are not accepted; send JSON text", path: [] }]) };
  }
  if (raw.length > LIMITS.frameBytes || new TextEncoder().encode(raw).length > LIMITS.frameBytes) {
    return { ok: false, error: invalidFormatFrame([{ code: "too_big", message: `frame exceeds ${LIMITS.frameBytes} bytes`, path: [] }]) };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: invalidFormatFrame([{ code: "invalid_json", message: "frame is not valid JSON", path: [] }]) };
  }
  const parsed = agentFrame.safeParse(json);
  if (!parsed.success) return { ok: false, error: invalidFormatFrame(parsed.error.issues) };
  return { ok: true, frame: parsed.data };
}

