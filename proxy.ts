/**
 * A path with a broken percent-escape (`/api/cockpit/tasks/abc%`) gets a 400 naming the path. Next cannot decode it
 * to match a route and its own error page fails the same way, so without this the answer was a bare 500. The matcher
 * lets only paths holding a "%" that does not start a two-hex-digit escape reach here: other requests skip the proxy.
 */
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, apiErrorResponse } from "@/lib/http/api-error";

export const config = { matcher: ["/(.*%(?:(?![0-9A-Fa-f]{2})|[89A-Fa-f][0-9A-Fa-f]).*)"] };

const MALFORMED = "the path has a malformed percent-escape (a % must start %XX with two hex digits of valid UTF-8)";

/** Whether the raw path decodes; a path matched only in its decoded form (`%25zz` is `%zz`) is fine. */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function proxy(req: NextRequest): Response {
  const path = new URL(req.url).pathname;
  if (decodes(path)) return NextResponse.next();
  if (path.startsWith("/api/")) return apiErrorResponse(new ApiError("bad_request", MALFORMED, "path"));
  return new Response(`Bad request: ${MALFORMED}.\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}
