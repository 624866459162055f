import "server-only";
import { eq, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, gitRepos } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { gateWaitReason } from "./gate-wait";

/** Why a pending git-gated task has no agent yet (see gate-wait.ts); null for any other task. */
export async function gateWaitReasonOf(db: Db, task: TaskRow): Promise<string | null> {
  const r = task.requiresRepo;
  if (task.status !== "pending" || !r) return null;
  const rows = await db
    .select({
      agentId: gitRepos.agentId,
      connected: agents.connected,
      branch: gitRepos.branch,
      uncommittedCount: gitRepos.uncommittedCount,
      aheadCount: gitRepos.aheadCount,
      behindCount: gitRepos.behindCount,
      error: gitRepos.error,
    })
    .from(gitRepos)
    .leftJoin(agents, eq(agents.id, gitRepos.agentId))
    .where(or(eq(gitRepos.remoteIdentity, r.repo), eq(gitRepos.name, r.repo), eq(gitRepos.id, r.repo)))
    .orderBy(gitRepos.agentId)
    .limit(50);
  return gateWaitReason(
    r,
    rows.map((row) => ({ ...row, connected: row.connected ?? false })),
  );
}
