import { describe, expect, it } from "vitest";
import {
  FRAME_BUDGET,
  fullBucket,
  INVALID_WINDOW_MS,
  isStale,
  recordInvalid,
  retryDelayMs,
  shouldCloseForAbuse,
  takeToken,
  MAX_INVALID_FRAMES,
} from "@/party/liveness";
import { constantTimeEqual, ReplayGuard, signedBody, signedHeaders, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/bridge/sign";
import { mintToken, verifyToken } from "@/lib/auth/token";

describe("liveness", () => {
  it("marks an agent stale only after the full stale window", () => {
    expect(isStale(1_000, 1_000 + 119_999, 120_000)).toBe(false);
    expect(isStale(1_000, 1_000 + 120_000, 120_000)).toBe(true);
  });
  it("closes a garbage sender at the limit, not before, and valid frames in between do not reset it", () => {
    let recent: number[] = [];
    for (let i = 0; i < MAX_INVALID_FRAMES - 1; i++) recent = recordInvalid(recent, 1_000 + i);
    expect(shouldCloseForAbuse(recent)).toBe(false);
    expect(shouldCloseForAbuse(recordInvalid(recent, 2_000))).toBe(true);
  });
  it("forgets invalid frames older than the window", () => {
    let recent: number[] = [];
    for (let i = 0; i < MAX_INVALID_FRAMES - 1; i++) recent = recordInvalid(recent, i);
    expect(shouldCloseForAbuse(recordInvalid(recent, INVALID_WINDOW_MS + 100))).toBe(false);
  });
  it("lets a burst through and drops a flood", () => {
    let bucket = fullBucket(0);
    let allowed = 0;
    for (let i = 0; i < FRAME_BUDGET.burst + 500; i++) {
      const t = takeToken(bucket, 0);
      bucket = t.bucket;
      if (t.allowed) allowed += 1;
    }
    expect(allowed).toBe(FRAME_BUDGET.burst);
    expect(bucket.dropped).toBe(500);
    // A second later the bucket has refilled by the sustained rate.
    const later = takeToken(bucket, 1_000);
    expect(later.allowed).toBe(true);
    expect(later.bucket.tokens).toBeCloseTo(FRAME_BUDGET.perSecond - 1, 0);
    // The overload goes on (drops keep counting) until the bucket is half full again.
    expect(later.bucket.dropped).toBe(500);
    const recovered = takeToken(later.bucket, 1_000 + ((FRAME_BUDGET.burst / 2) * 1000) / FRAME_BUDGET.perSecond);
    expect(recovered.bucket.dropped).toBe(0);
  });
  it("backs off retries, capped", () => {
    expect(retryDelayMs(1)).toBeLessThan(retryDelayMs(3));
    expect(retryDelayMs(50)).toBe(10_000);
  });
});

describe("bridge signatures", () => {
  const secret = "0123456789abcdef0123";
  it("verifies what it signed and nothing else", async () => {
    const h = await signedHeaders(secret, "body", 1_000_000);
    expect(await verifySignature(secret, "body", h[TIMESTAMP_HEADER]!, h[SIGNATURE_HEADER]!, 1_000_000)).toBe(true);
    expect(await verifySignature(secret, "body2", h[TIMESTAMP_HEADER]!, h[SIGNATURE_HEADER]!, 1_000_000)).toBe(false);
    expect(await verifySignature("another-secret-value", "body", h[TIMESTAMP_HEADER]!, h[SIGNATURE_HEADER]!, 1_000_000)).toBe(false);
  });
  it("signs a body sent as bytes exactly as the text the receiver verifies, non-ASCII included", async () => {
    const body = JSON.stringify({ title: "Ünïcode ✓ 日本語 😀", n: 1 });
    const signed = await signedBody(secret, body, 1_000_000);
    expect(new TextDecoder().decode(signed.bytes)).toBe(body);
    expect(signed.headers).toEqual(await signedHeaders(secret, body, 1_000_000));
    expect(await verifySignature(secret, body, signed.headers[TIMESTAMP_HEADER]!, signed.headers[SIGNATURE_HEADER]!, 1_000_000)).toBe(true);
    expect(await verifySignature(secret, `${body} `, signed.headers[TIMESTAMP_HEADER]!, signed.headers[SIGNATURE_HEADER]!, 1_000_000)).toBe(false);
  });
  it("refuses old signatures (replay)", async () => {
    const h = await signedHeaders(secret, "body", 1_000_000);
    expect(await verifySignature(secret, "body", h[TIMESTAMP_HEADER]!, h[SIGNATURE_HEADER]!, 1_000_000 + 61_000)).toBe(false);
  });
  it("compares in constant time but correctly", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});

describe("replay guard", () => {
  it("accepts a signature once", () => {
    const guard = new ReplayGuard();
    expect(guard.firstUse("abc", 0)).toBe(true);
    expect(guard.firstUse("abc", 10)).toBe(false);
    expect(guard.firstUse("abd", 10)).toBe(true);
  });
});

describe("dashboard tokens", () => {
  const secret = "0123456789abcdef0123";
  const who = { keyId: "k1", name: "ops", role: "operator" as const };
  it("round-trips until it expires", async () => {
    const token = await mintToken(secret, "socket", who, 1_000, 5_000);
    expect(await verifyToken(secret, "socket", token, 5_500)).toMatchObject(who);
    expect(await verifyToken(secret, "socket", token, 6_001)).toBeNull();
  });
  it("refuses tampered tokens", async () => {
    const token = await mintToken(secret, "socket", who, 60_000);
    const [p, body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...who, role: "admin", exp: Date.now() + 60_000 })).toString("base64url");
    expect(await verifyToken(secret, "socket", `${p}.${forged}.${sig}`)).toBeNull();
    expect(await verifyToken(secret, "socket", `${p}.${body}.${"0".repeat(64)}`)).toBeNull();
    expect(await verifyToken(secret, "socket", "garbage")).toBeNull();
  });
  it("serves only the purpose it was minted for", async () => {
    const session = await mintToken(secret, "session", who, 60_000);
    expect(await verifyToken(secret, "session", session)).toMatchObject(who);
    expect(await verifyToken(secret, "socket", session)).toBeNull();
    const socket = await mintToken(secret, "socket", who, 60_000);
    expect(await verifyToken(secret, "session", socket)).toBeNull();
  });
  it("refuses a socket token that claims a long life", async () => {
    const long = await mintToken(secret, "socket", who, 12 * 3600_000);
    expect(await verifyToken(secret, "socket", long)).toBeNull();
  });
});
