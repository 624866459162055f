import { hmacHex, constantTimeEqual } from "../bridge/sign";
import { isRole, type Principal } from "./roles";

/**
 * Signed tokens, never a key. Each has a purpose, bound into its signature, so one kind cannot stand in for another:
 * `socket` (one minute, opens a dashboard socket at the hub) and `session` (the web's httpOnly cookie).
 */
export type TokenPurpose = "socket" | "session";
export type TokenClaims = Principal & { exp: number };

/** The hub refuses a socket token that claims to live longer than this (a leaked long-lived token is not a socket token). */
export const SOCKET_TOKEN_MAX_TTL_MS = 5 * 60_000;

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlDecode(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export async function mintToken(secret: string, purpose: TokenPurpose, principal: Principal, ttlMs: number, now = Date.now()): Promise<string> {
  const body = base64UrlEncode(JSON.stringify({ ...principal, exp: now + ttlMs }));
  return `ct1.${body}.${await hmacHex(secret, `token.${purpose}.${body}`)}`;
}

export async function verifyToken(secret: string, purpose: TokenPurpose, token: string, now = Date.now()): Promise<TokenClaims | null> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "ct1" || !parts[1] || !parts[2] || token.length > 2048) return null;
  if (!constantTimeEqual(await hmacHex(secret, `token.${purpose}.${parts[1]}`), parts[2])) return null;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (typeof claims !== "object" || claims === null) return null;
    const { keyId, name, role, exp } = claims as Record<string, unknown>;
    if (typeof keyId !== "string" || typeof name !== "string" || !isRole(role) || typeof exp !== "number") return null;
    if (exp < now) return null;
    if (purpose === "socket" && exp - now > SOCKET_TOKEN_MAX_TTL_MS) return null;
    return { keyId, name, role, exp };
  } catch {
    return null;
  }
}
