/** HMAC-SHA256 signatures for the hub ↔ web bridge and for dashboard tokens. Web Crypto: runs in Node and workerd. */

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keyCache.set(secret, key);
  }
  return key;
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(message)));
}

/** Compares without leaking where two strings first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export const SIGNATURE_HEADER = "x-cockpit-signature";
export const TIMESTAMP_HEADER = "x-cockpit-timestamp";
/** A signed request older or newer than this is refused, so a captured one cannot be replayed later. */
export const SIGNATURE_MAX_SKEW_MS = 60_000;
/** How long a seen signature is remembered: twice the window, so clock skew either way is covered. */
export const REPLAY_MEMORY_MS = 2 * SIGNATURE_MAX_SKEW_MS;

export async function signedHeaders(secret: string, body: string, now = Date.now()): Promise<Record<string, string>> {
  return (await signedBody(secret, body, now)).headers;
}

/**
 * A signed request's body as bytes with its headers: the body is encoded once, for the signature and for sending
 * (signing the text and handing fetch the string encoded a 600 KB command twice). Signs the same bytes as
 * `signedHeaders`, so `verifySignature` on the received text accepts it.
 */
export async function signedBody(secret: string, body: string, now = Date.now()): Promise<{ headers: Record<string, string>; bytes: Uint8Array<ArrayBuffer> }> {
  const timestamp = String(now);
  const bytes = encoder.encode(body);
  const prefix = encoder.encode(`${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bytes.length);
  signed.set(prefix);
  signed.set(bytes, prefix.length);
  const signature = toHex(await crypto.subtle.sign("HMAC", await hmacKey(secret), signed));
  return {
    headers: { "content-type": "application/json", [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature },
    bytes: signed.subarray(prefix.length),
  };
}

export async function verifySignature(secret: string, body: string, timestamp: string | null, signature: string | null, now = Date.now()): Promise<boolean> {
  if (!timestamp || !signature || !/^\d{1,16}$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_MAX_SKEW_MS) return false;
  return constantTimeEqual(await hmacHex(secret, `${timestamp}.${body}`), signature);
}

/**
 * Refuses a signed request seen before: a captured request replayed within the validity window has the same
 * signature (a legitimate retry is signed anew with a new timestamp). Remembers signatures for twice the window.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly limit = 100_000) {}

  /** True the first time a signature is offered, false for a replay. */
  firstUse(signature: string, now = Date.now()): boolean {
    if (this.seen.has(signature)) return false;
    this.remember(signature, now + REPLAY_MEMORY_MS, now);
    return true;
  }

  /** Takes a signature seen earlier (kept elsewhere, e.g. in room storage) as used until `until`. */
  remember(signature: string, until: number, now = Date.now()): void {
    if (this.seen.size >= this.limit) this.prune(now);
    this.seen.set(signature, until);
  }

  private prune(now: number): void {
    for (const [sig, until] of this.seen) if (until < now) this.seen.delete(sig);
    // Still full of live entries: drop the oldest half rather than grow without bound.
    if (this.seen.size >= this.limit) for (const sig of [...this.seen.keys()].slice(0, this.limit / 2)) this.seen.delete(sig);
  }
}
