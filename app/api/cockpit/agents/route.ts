import { can } from "@/lib/auth/roles";
import { ownersOf } from "@/lib/db/queries/agent-owners";
import { listAgents } from "@/lib/db/queries/agents";
import { agentJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseQuery } from "@/lib/http/input";
import { listAgentsQuery } from "./schema";

export const dynamic = "force-dynamic";

/** The spec's connected-agents view; `?all=true` adds agents seen before and now offline. Admins also see each owner key. */
export const GET = handle(async (req: Request) => {
  const who = await requirePermission(req, "read");
  const q = parseQuery(req, listAgentsQuery);
  const rows = await listAgents(q.all ? {} : { connected: true });
  if (!can(who.role, "admin")) return Response.json({ agents: rows.map(agentJson), count: rows.length });
  const owners = await ownersOf(rows.map((a) => a.id));
  return Response.json({ agents: rows.map((a) => ({ ...agentJson(a), owner: owners.get(a.id) ?? null })), count: rows.length });
});
