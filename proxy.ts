import { NextResponse, type NextRequest } from "next/server";

/** True when every %-escape in the path decodes (a lone `%` or a broken UTF-8 sequence does not). */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path with a malformed %-escape reaches no route: Next's router would fail to decode its parameters and answer a
 * bare 500. Say 400 instead, in the API's error shape for API paths.
 */
export function proxy(request: NextRequest): NextResponse | undefined {
  const rawPath = new URL(request.url).pathname;
  if (decodes(rawPath)) return undefined;
  const message = "the address has a malformed percent-escape";
  if (rawPath.startsWith("/api/")) return NextResponse.json({ error: { code: "bad_request", message } }, { status: 400 });
  return new NextResponse(`Bad request: ${message}.`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

// Static assets never go through it, nor the hub's signed bridge (its hot path; the hub builds those paths itself).
export const config = { matcher: ["/((?!_next/static|_next/image|api/hub/).*)"] };
