import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "../env";
import { SESSION_COOKIE } from "../http/auth";
import { isKeyActive } from "./key-status";
import { can, type Principal } from "./roles";
import { verifyToken } from "./token";

export type Session = Principal & { canWrite: boolean };

/** The signed-in person from the httpOnly cookie, or null; pages never see the key itself. */
export async function currentSession(): Promise<Session | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const claims = token ? await verifyToken(env().COCKPIT_SECRET, "session", token) : null;
  if (!claims || !can(claims.role, "read") || !(await isKeyActive(claims.keyId))) return null;
  return { keyId: claims.keyId, name: claims.name, role: claims.role, canWrite: can(claims.role, "write") };
}

export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  return session;
}

/** A Set-Cookie value: httpOnly so scripts cannot read it, SameSite=Lax so other sites cannot send it on writes. */
export function sessionCookieHeader(token: string, maxAgeSeconds: number, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** https when the request came over TLS directly or through a proxy that says so. */
export function isSecureRequest(req: Request): boolean {
  return new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
}

/** Only local paths may be a post-sign-in destination, so the form cannot be used as an open redirect. */
export function safeNextPath(value: unknown): string {
  return typeof value === "string" && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : "/";
}
