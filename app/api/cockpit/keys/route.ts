import { audit } from "@/lib/db/queries/audit";
import { createApiKey, listApiKeys } from "@/lib/db/queries/keys";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { iso } from "@/lib/http/time";
import { createKeyBody } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePermission(req, "admin");
  const rows = await listApiKeys();
  return Response.json({ keys: rows.map((k) => ({ ...k, createdAt: iso(k.createdAt), revokedAt: iso(k.revokedAt) })) });
});

/** Admins mint keys; the key is in this response only, the database keeps its hash. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "admin");
  const body = await parseBody(req, createKeyBody);
  const created = await createApiKey(body);
  await audit({ actor: who.keyId, action: "key.create", target: created.id, detail: body });
  return Response.json({ id: created.id, key: created.key, name: body.name, role: body.role }, { status: 201 });
});
