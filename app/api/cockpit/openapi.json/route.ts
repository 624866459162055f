import { openApiDocument } from "./document";

export const dynamic = "force-dynamic";

/** Public, like any API's description: it names routes and shapes, never data, and needs no database. */
export function GET(req: Request): Response {
  return Response.json(openApiDocument(new URL(req.url).origin), { headers: { "cache-control": "no-cache" } });
}
