import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, gitRepos } from "../db/schema";
import { iso } from "../http/time";
import { repoJson } from "../db/serialize";
import type { WorkAtRiskJson } from "../dashboard/types";

/** Since when a checkout holds work no remote has: its oldest unpushed commit or its first dirty report. */
const atRiskSince = sql<number>`min(coalesce(${gitRepos.oldestUnpushedAt}, 9e15), coalesce(${gitRepos.dirtySince}, 9e15))`;

/** Work at risk across machines, oldest first: unpushed commits, uncommitted changes or stashes, with the agent's presence. */
export async function listWorkAtRisk(db: Db, { limit }: { limit: number }): Promise<WorkAtRiskJson[]> {
  const rows = await db
    .select({ repo: gitRepos, since: atRiskSince, connected: agents.connected, disconnectedAt: agents.disconnectedAt })
    .from(gitRepos)
    .leftJoin(agents, eq(agents.id, gitRepos.agentId))
    .where(sql`(${gitRepos.unpushedCount} > 0 OR ${gitRepos.uncommittedCount} > 0 OR ${gitRepos.stashCount} > 0)`)
    .orderBy(asc(atRiskSince), asc(gitRepos.key))
    .limit(limit);
  return rows.map((r) => ({
    ...repoJson(r.repo),
    atRiskSince: r.since < 9e15 ? iso(r.since) : null,
    agentConnected: r.connected ?? false,
    agentDisconnectedAt: iso(r.disconnectedAt),
  }));
}
