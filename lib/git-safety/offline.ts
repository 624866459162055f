import "server-only";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { gitRepos } from "../db/schema";

/** "3 unpushed commits on feature/login (app)": what an agent that leaves takes with it, or null when nothing. */
export async function unpushedSummary(tx: Db, agentId: string): Promise<string | null> {
  const rows = await tx
    .select({ name: gitRepos.name, branch: gitRepos.branch, n: gitRepos.unpushedCount })
    .from(gitRepos)
    .where(and(eq(gitRepos.agentId, agentId), gt(gitRepos.unpushedCount, 0)))
    .limit(20);
  if (rows.length === 0) return null;
  const parts = rows.slice(0, 3).map((r) => `${r.n} unpushed commit${r.n === 1 ? "" : "s"} on ${r.branch ?? "no branch"} (${r.name})`);
  return parts.join(", ") + (rows.length > 3 ? ` and ${rows.length - 3} more repositories` : "");
}
