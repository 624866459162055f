import "server-only";
import { and, asc, eq, or, type SQL } from "drizzle-orm";
import { getDb } from "../db/client";
import { agents, gitRepos, taskTemplates } from "../db/schema";
import { iso } from "../http/time";
import { ApiError } from "../http/errors";
import { ARGS_PLACEHOLDER, needsRepo, usesPlaceholder, type ChosenRepo } from "./expand";

export type TemplateRow = typeof taskTemplates.$inferSelect;
export type TemplateFields = Omit<TemplateRow, "name" | "createdBy" | "createdAt" | "updatedAt">;

/** As REST and the command bar see it: plus whether a run takes words and needs a repository. */
export function templateJson(t: TemplateRow) {
  return {
    name: t.name,
    description: t.description,
    executor: t.executor,
    payload: t.payload ?? null,
    priority: t.priority,
    requires: t.requires,
    requiresRepo: t.requiresRepo ?? null,
    targetAgentId: t.targetAgentId,
    takesArgs: usesPlaceholder(t.payload, ARGS_PLACEHOLDER),
    needsRepo: needsRepo({ payload: t.payload, requiresRepo: t.requiresRepo ?? null }),
    createdBy: t.createdBy,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}
export type TemplateJson = ReturnType<typeof templateJson>;

export async function listTemplates(): Promise<TemplateRow[]> {
  return (await getDb()).select().from(taskTemplates).orderBy(asc(taskTemplates.name));
}

export async function findTemplate(name: string): Promise<TemplateRow | undefined> {
  const [row] = await (await getDb()).select().from(taskTemplates).where(eq(taskTemplates.name, name)).limit(1);
  return row;
}

/** Null when the name is taken. */
export async function insertTemplate(name: string, fields: TemplateFields, createdBy: string): Promise<TemplateRow | null> {
  const now = Date.now();
  const [row] = await (await getDb())
    .insert(taskTemplates)
    .values({ ...fields, name, createdBy, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function updateTemplate(name: string, fields: Partial<TemplateFields>): Promise<TemplateRow | undefined> {
  const [row] = await (await getDb())
    .update(taskTemplates)
    .set({ ...fields, updatedAt: Date.now() })
    .where(eq(taskTemplates.name, name))
    .returning();
  return row;
}

export async function deleteTemplate(name: string): Promise<boolean> {
  const rows = await (await getDb()).delete(taskTemplates).where(eq(taskTemplates.name, name)).returning({ name: taskTemplates.name });
  return rows.length > 0;
}

/**
 * The repository a run names, by the agent's id for it or by its folder name; among several, those whose agent is
 * connected, and `agentId` picks one. Anything else is a 400 on `repo` that says why.
 */
export async function resolveRepo(repo: string, agentId?: string): Promise<ChosenRepo> {
  const db = await getDb();
  const named: SQL = or(eq(gitRepos.id, repo), eq(gitRepos.name, repo))!;
  const rows = await db
    .select({ id: gitRepos.id, name: gitRepos.name, agentId: gitRepos.agentId, remoteIdentity: gitRepos.remoteIdentity, connected: agents.connected })
    .from(gitRepos)
    .leftJoin(agents, eq(agents.id, gitRepos.agentId))
    .where(agentId ? and(named, eq(gitRepos.agentId, agentId)) : named)
    .limit(50);
  if (rows.length === 0) throw new ApiError("bad_request", `repo: no agent${agentId ? ` ${agentId}` : ""} reports a repository ${repo}`, "repo");
  const exact = rows.filter((r) => r.id === repo);
  const pool = exact.length > 0 ? exact : rows;
  const live = pool.filter((r) => r.connected);
  const candidates = live.length > 0 ? live : pool;
  if (candidates.length > 1) {
    const where = candidates.map((r) => `${r.id} on ${r.agentId}`).join(", ");
    throw new ApiError("bad_request", `repo: ${repo} is reported more than once (${where}); name the repository's id or the agent (agentId)`, "repo");
  }
  const { connected: _connected, ...chosen } = candidates[0]!;
  return chosen;
}
