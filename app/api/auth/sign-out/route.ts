import { isSameOrigin } from "@/lib/http/auth";
import { isSecureRequest, sessionCookieHeader } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Clears the session cookie; same-origin only, so another site cannot sign you out. */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return Response.json({ error: { code: "forbidden", message: "cross-site request refused" } }, { status: 403 });
  return new Response(null, {
    status: 303,
    headers: { location: "/sign-in?signed-out=1", "cache-control": "no-store", "set-cookie": sessionCookieHeader("", 0, isSecureRequest(req)) },
  });
}
