/**
 * A local push service endpoint: receives Web Push POSTs, verifies the VAPID JWT (RFC 8292) and DECRYPTS the body
 * (RFC 8291 / RFC 8188 aes128gcm) with the device's own private key and auth secret, made here like a browser makes them.
 */
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import { NotifyReceiver, type Received } from "./notify-receiver";

export type Device = { endpoint: string; keys: { p256dh: string; auth: string }; decrypt: (body: Buffer) => string };
export type PushReceived = Received;
export type VapidClaims = { aud: string; exp: number; sub: string; publicKey: string };

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer | string, length: number) => Buffer.from(hkdfSync("sha256", ikm, salt, info, length));

/** A browser's side of a subscription: a P-256 key pair and a 16-byte auth secret. */
export function makeDevice(endpoint: string): Device {
  const ecdh = createECDH("prime256v1");
  const uaPublic = ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    endpoint,
    keys: { p256dh: uaPublic.toString("base64url"), auth: auth.toString("base64url") },
    decrypt(body) {
      // RFC 8188 header: salt (16) | record size (4) | key id length (1) | key id (the sender's ephemeral public key).
      const salt = body.subarray(0, 16);
      const idLength = body.readUInt8(20);
      const asPublic = body.subarray(21, 21 + idLength);
      const record = body.subarray(21 + idLength);
      const ecdhSecret = ecdh.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
      const ikm = hkdf(auth, ecdhSecret, keyInfo, 32);
      const cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0", 16);
      const nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0", 12);
      const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
      decipher.setAuthTag(record.subarray(record.length - 16));
      const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
      // The last record ends with the delimiter 0x02 and then zero padding.
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error("no last-record delimiter");
      return padded.subarray(0, end).toString("utf8");
    },
  };
}

/** Checks `Authorization: vapid t=<JWT>, k=<public key>`: ES256 over header.payload with k; returns the claims. */
export function verifyVapid(authorization: string | undefined): VapidClaims {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!m) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [token, k] = [m[1]!, m[2]!];
  const [h, p, s] = token.split(".") as [string, string, string];
  const header = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg: string; typ: string };
  if (header.alg !== "ES256") throw new Error(`alg ${header.alg}`);
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") },
    format: "jwk",
  });
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))) throw new Error("bad VAPID signature");
  return { ...(JSON.parse(Buffer.from(p, "base64url").toString()) as Omit<VapidClaims, "publicKey">), publicKey: k };
}

/** The push service: a NotifyReceiver that answers 201 Created, as push services do; `raw` is the encrypted body. */
export const startPushEndpoint = () => NotifyReceiver.start({ status: 201 });
