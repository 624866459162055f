import { describe, expect, it } from "vitest";
import { isStale, retryDelayMs, shouldCloseForAbuse, MAX_INVALID_FRAMES } from "@/party/liveness";
import { constantTimeEqual, signedHeaders, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/bridge/sign";
import { mintToken, verifyToken } from "@/lib/auth/token";

describe("liveness", () => {
  it("marks an agent stale only after the full stale window", () => {
    expect(isStale(1_000, 1_000 + 119_999, 120_000)).toBe(false);
    expect(isStale(1_000, 1_000 + 120_000, 120_000)).toBe(true);
  });
  it("closes a garbage sender at the limit, not before", () => {
    expect(shouldCloseForAbuse(MAX_INVALID_FRAMES - 1)).toBe(false);
    expect(shouldCloseForAbuse(MAX_INVALID_FRAMES)).toBe(true);
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

describe("dashboard tokens", () => {
  const secret = "0123456789abcdef0123";
  const who = { keyId: "k1", name: "ops", role: "operator" as const };
  it("round-trips until it expires", async () => {
    const token = await mintToken(secret, who, 1_000, 5_000);
    expect(await verifyToken(secret, token, 5_500)).toMatchObject(who);
    expect(await verifyToken(secret, token, 6_001)).toBeNull();
  });
  it("refuses tampered tokens", async () => {
    const token = await mintToken(secret, who, 60_000);
    const [p, body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...who, role: "admin", exp: Date.now() + 60_000 })).toString("base64url");
    expect(await verifyToken(secret, `${p}.${forged}.${sig}`)).toBeNull();
    expect(await verifyToken(secret, `${p}.${body}.${"0".repeat(64)}`)).toBeNull();
    expect(await verifyToken(secret, "garbage")).toBeNull();
  });
});
