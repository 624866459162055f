import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, notInArray, notLike, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { agentPresenceLog, alertEvents, alerts, apiKeys, approvals, auditLog, gitActivity, taskEvents, tasks } from "../db/schema";
import type { Direction, SourceBound } from "./paging";
import type { ActivityEntry, ActivitySource } from "./types";

/** What one source read needs: the filters (already known to apply to it), its bound, direction and row count. */
export type SourceRead = { agent?: string; repo?: string; bound?: SourceBound; direction: Direction; take: number };
export type SourceReader = (db: Db, read: SourceRead) => Promise<ActivityEntry[]>;

/** Alert events worth a line in the feed; repeats and notification attempts live on the alert's own page. */
const ALERT_EVENT_TYPES = ["triggered", "reopened", "acknowledged", "unacknowledged", "resolved", "snoozed"];
/** Audit actions shown elsewhere in the feed (alerts, approvals, created tasks) or not commands (sign-in, refused claims). */
const NOT_COMMANDS = ["task.create", "session.start", "agent.claim-refused"];

function boundSql(at: SQLiteColumn, id: SQLiteColumn, bound: SourceBound | undefined, numericId: boolean): SQL | undefined {
  if (!bound) return undefined;
  if (bound.column === "at") return sql`${at} ${sql.raw(bound.op)} ${bound.at}`;
  const rowId = numericId ? Number(bound.rowId) : bound.rowId;
  return sql`(${at}, ${id}) ${sql.raw(bound.op)} (${bound.at}, ${rowId})`;
}

const order = (direction: Direction, at: SQLiteColumn, id: SQLiteColumn) => (direction === "older" ? [desc(at), desc(id)] : [asc(at), asc(id)]);

const readTasks: SourceReader = async (db, r) => {
  // A created event has no agent yet: a task aimed at one agent counts as that agent's from the start.
  const agentOfEvent = sql<string | null>`coalesce(${taskEvents.agentId}, ${tasks.targetAgentId})`;
  const rows = await db
    .select({ id: taskEvents.id, at: taskEvents.createdAt, type: taskEvents.type, message: taskEvents.message, agentId: agentOfEvent, taskId: tasks.id, title: tasks.title, repo: sql<string | null>`json_extract(${tasks.requiresRepo}, '$.repo')` })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .where(
      and(
        r.agent ? sql`${agentOfEvent} = ${r.agent}` : undefined,
        r.repo ? sql`json_extract(${tasks.requiresRepo}, '$.repo') = ${r.repo}` : undefined,
        boundSql(taskEvents.createdAt, taskEvents.id, r.bound, true),
      ),
    )
    .orderBy(...order(r.direction, taskEvents.createdAt, taskEvents.id))
    .limit(r.take);
  return rows.map((e) => ({
    id: `t:${e.id}`,
    at: e.at,
    kind: "task",
    type: e.type,
    title: `Task “${e.title}” ${e.type.replace("_", " ")}`,
    message: e.message,
    agentId: e.agentId,
    repo: e.repo,
    actor: null,
    subjectId: e.taskId,
  }));
};

const readAlerts: SourceReader = async (db, r) => {
  const rows = await db
    .select({ id: alertEvents.id, at: alertEvents.createdAt, type: alertEvents.type, actor: alertEvents.actor, message: alertEvents.message, alertId: alerts.id, title: alerts.title, severity: alerts.severity, agentId: alerts.agentId, repo: alerts.repoId })
    .from(alertEvents)
    .innerJoin(alerts, eq(alerts.id, alertEvents.alertId))
    .where(
      and(
        inArray(alertEvents.type, ALERT_EVENT_TYPES),
        r.agent ? eq(alerts.agentId, r.agent) : undefined,
        r.repo ? eq(alerts.repoId, r.repo) : undefined,
        boundSql(alertEvents.createdAt, alertEvents.id, r.bound, true),
      ),
    )
    .orderBy(...order(r.direction, alertEvents.createdAt, alertEvents.id))
    .limit(r.take);
  return rows.map((e) => ({
    id: `a:${e.id}`,
    at: e.at,
    kind: "alert",
    type: e.type,
    title: `${e.severity.charAt(0).toUpperCase()}${e.severity.slice(1)} alert “${e.title}” ${e.type}`,
    message: e.message,
    agentId: e.agentId,
    repo: e.repo,
    actor: e.actor,
    subjectId: e.alertId,
  }));
};

const PRESENCE_WORDS: Record<string, string> = {
  online: "joined",
  paused: "was paused",
  unreachable: "became unreachable",
  asleep: "went to sleep",
  stopped: "left",
  crashed: "crashed",
  offline: "went offline",
};

const readPresence: SourceReader = async (db, r) => {
  const rows = await db
    .select()
    .from(agentPresenceLog)
    .where(and(r.agent ? eq(agentPresenceLog.agentId, r.agent) : undefined, boundSql(agentPresenceLog.at, agentPresenceLog.id, r.bound, true)))
    .orderBy(...order(r.direction, agentPresenceLog.at, agentPresenceLog.id))
    .limit(r.take);
  return rows.map((p) => ({
    id: `p:${p.id}`,
    at: p.at,
    kind: "agent",
    type: p.state,
    title: `Agent ${p.agentId} ${PRESENCE_WORDS[p.state] ?? p.state}`,
    message: null,
    agentId: p.agentId,
    repo: null,
    actor: null,
    subjectId: p.agentId,
  }));
};

const GIT_WORDS: Record<string, string> = { seen: "first seen", branch: "branch", head: "new HEAD", status: "status" };

const readGit: SourceReader = async (db, r) => {
  const rows = await db
    .select()
    .from(gitActivity)
    .where(
      and(
        r.agent ? eq(gitActivity.agentId, r.agent) : undefined,
        r.repo ? or(eq(gitActivity.repoId, r.repo), eq(gitActivity.repoName, r.repo)) : undefined,
        boundSql(gitActivity.at, gitActivity.id, r.bound, true),
      ),
    )
    .orderBy(...order(r.direction, gitActivity.at, gitActivity.id))
    .limit(r.take);
  return rows.map((g) => ({
    id: `g:${g.id}`,
    at: g.at,
    kind: "git",
    type: g.type,
    title: `${g.repoName} on ${g.agentId}: ${GIT_WORDS[g.type] ?? g.type}${g.message && g.type !== "seen" ? ` ${g.message}` : ""}`,
    message: g.type === "seen" ? (g.message?.trim() ?? null) : null,
    agentId: g.agentId,
    repo: g.repoId,
    actor: null,
    subjectId: g.repoId,
  }));
};

const readApprovals: SourceReader = async (db, r) => {
  const rows = await db
    .select()
    .from(approvals)
    .where(and(isNotNull(approvals.decidedAt), r.agent ? eq(approvals.agentId, r.agent) : undefined, boundSql(approvals.decidedAt, approvals.id, r.bound, false)))
    .orderBy(...order(r.direction, approvals.decidedAt, approvals.id))
    .limit(r.take);
  return rows.map((a) => ({
    id: `v:${a.id}`,
    at: a.decidedAt ?? a.createdAt,
    kind: "approval",
    type: a.status,
    title: `${a.status === "allow" ? "Allowed" : "Denied"} ${a.toolName}: ${a.command.length > 80 ? `${a.command.slice(0, 79)}…` : a.command}`,
    message: a.reason,
    agentId: a.agentId,
    repo: null,
    actor: a.decidedBy,
    subjectId: a.id,
  }));
};

const readCommands: SourceReader = async (db, r) => {
  const actorName = sql<string>`coalesce(${apiKeys.name}, replace(${auditLog.actor}, 'env:', ''))`;
  const rows = await db
    .select({ id: auditLog.id, at: auditLog.createdAt, action: auditLog.action, target: auditLog.target, actor: actorName })
    .from(auditLog)
    .leftJoin(apiKeys, eq(apiKeys.id, auditLog.actor))
    .where(
      and(
        notInArray(auditLog.action, NOT_COMMANDS),
        notLike(auditLog.action, "alert.%"),
        notLike(auditLog.action, "approval.%"),
        r.agent ? and(sql`${auditLog.action} LIKE 'agent.%'`, eq(auditLog.target, r.agent)) : undefined,
        boundSql(auditLog.createdAt, auditLog.id, r.bound, true),
      ),
    )
    .orderBy(...order(r.direction, auditLog.createdAt, auditLog.id))
    .limit(r.take);
  return rows.map((c) => ({
    id: `c:${c.id}`,
    at: c.at,
    kind: "command",
    type: c.action,
    title: `${c.actor}: ${c.action}${c.target ? ` ${c.target}` : ""}`,
    message: null,
    agentId: c.action.startsWith("agent.") ? c.target : null,
    repo: null,
    actor: c.actor,
    subjectId: c.target,
  }));
};

/** Each source's reader, and whether a repo filter can apply to it (sources without a repo are left out then). */
export const SOURCE_READERS: Record<ActivitySource, { read: SourceReader; hasRepo: boolean }> = {
  a: { read: readAlerts, hasRepo: true },
  c: { read: readCommands, hasRepo: false },
  g: { read: readGit, hasRepo: true },
  p: { read: readPresence, hasRepo: false },
  t: { read: readTasks, hasRepo: true },
  v: { read: readApprovals, hasRepo: false },
};
