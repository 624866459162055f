import { createECDH, hkdfSync } from "node:crypto";

/**
 * The VAPID key pair (RFC 8292) is derived from COCKPIT_SECRET with HKDF, not stored: it exists from the first start,
 * every web process that shares the secret signs with the same key, and nothing new has to be kept safe. Changing
 * COCKPIT_SECRET changes the key, and then every device must subscribe again (as every channel secret must be set again).
 */
export type VapidKeys = { publicKey: string; privateKey: string };

// The order of the P-256 group: a private key is a scalar in [1, n-1].
const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
const cache = new Map<string, VapidKeys>();

export function vapidKeys(secret: string): VapidKeys {
  const hit = cache.get(secret);
  if (hit) return hit;
  // HKDF output is uniform over 2^256; the rare value outside [1, n-1] (about 2^-32) takes the next counter.
  for (let counter = 0; ; counter++) {
    const d = Buffer.from(hkdfSync("sha256", secret, "cockpit-web-push", `vapid-p256-private-key.${counter}`, 32));
    const scalar = BigInt(`0x${d.toString("hex")}`);
    if (scalar === BigInt(0) || scalar >= P256_ORDER) continue;
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(d);
    const keys = { publicKey: ecdh.getPublicKey().toString("base64url"), privateKey: d.toString("base64url") };
    cache.set(secret, keys);
    return keys;
  }
}
