import { randomBytes } from "node:crypto";
import { constantTimeEqual, hmacHex } from "../bridge/sign";

/**
 * Acknowledge links: `ack1.<alertId>.<nonce>.<exp>.<mac>`, HMAC-SHA256 under COCKPIT_SECRET with its own purpose, so
 * no other token (session, socket) stands in for one. Single use is enforced by the used-links table.
 */
export type AckClaims = { alertId: string; nonce: string; exp: number };

const PREFIX = "ack1";
const macInput = (alertId: string, nonce: string, exp: number) => `alert-ack.${alertId}.${nonce}.${exp}`;

export async function mintAckToken(secret: string, alertId: string, ttlMs: number, now = Date.now()): Promise<string> {
  const nonce = randomBytes(12).toString("base64url");
  const exp = now + ttlMs;
  return `${PREFIX}.${encodeURIComponent(alertId)}.${nonce}.${exp}.${await hmacHex(secret, macInput(alertId, nonce, exp))}`;
}

export type AckVerdict = { ok: true; claims: AckClaims } | { ok: false; reason: "invalid" | "expired" };

export async function verifyAckToken(secret: string, token: string, now = Date.now()): Promise<AckVerdict> {
  const parts = token.split(".");
  if (token.length > 1024 || parts.length !== 5 || parts[0] !== PREFIX) return { ok: false, reason: "invalid" };
  const [, rawId, nonce, rawExp, mac] = parts as [string, string, string, string, string];
  let alertId: string;
  try {
    alertId = decodeURIComponent(rawId);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const exp = Number(rawExp);
  if (!Number.isSafeInteger(exp) || !nonce) return { ok: false, reason: "invalid" };
  if (!constantTimeEqual(await hmacHex(secret, macInput(alertId, nonce, exp)), mac)) return { ok: false, reason: "invalid" };
  if (exp < now) return { ok: false, reason: "expired" };
  return { ok: true, claims: { alertId, nonce, exp } };
}
