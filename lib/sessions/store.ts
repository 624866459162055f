import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { approvals, codingSessions } from "../db/schema";
import type { ApprovalDecision, SessionEventFrame } from "../protocol/session-frames";

export type SessionRow = typeof codingSessions.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;

/**
 * Stores one hook event: the session's state as of its latest event (an older event arriving late changes nothing),
 * with `waitingSince` kept from the first event of an unbroken wait. A PreToolUse held for approval adds the approval.
 */
export async function recordSessionEvent(db: Db, agentId: string, frame: SessionEventFrame): Promise<{ approval: ApprovalRow | null }> {
  const waiting = frame.state === "waiting";
  await db
    .insert(codingSessions)
    .values({
      agentId,
      sessionId: frame.sessionId,
      tool: frame.tool,
      state: frame.state,
      lastEvent: frame.event,
      cwd: frame.cwd ?? null,
      branch: frame.branch ?? null,
      message: frame.message ?? null,
      startedAt: frame.at,
      updatedAt: frame.at,
      waitingSince: waiting ? frame.at : null,
    })
    .onConflictDoUpdate({
      target: [codingSessions.agentId, codingSessions.sessionId],
      set: {
        state: frame.state,
        lastEvent: frame.event,
        cwd: sql`coalesce(excluded.cwd, ${codingSessions.cwd})`,
        branch: sql`coalesce(excluded.branch, ${codingSessions.branch})`,
        message: sql`coalesce(excluded.message, ${codingSessions.message})`,
        updatedAt: frame.at,
        waitingSince: waiting ? sql`coalesce(${codingSessions.waitingSince}, ${frame.at})` : null,
      },
      setWhere: sql`excluded.updated_at >= ${codingSessions.updatedAt}`,
    });
  if (!frame.approval) return { approval: null };
  const [approval] = await db
    .insert(approvals)
    .values({
      id: frame.approval.id,
      agentId,
      sessionId: frame.sessionId,
      toolName: frame.approval.toolName,
      command: frame.approval.command,
      pattern: frame.approval.pattern,
      cwd: frame.cwd ?? null,
      createdAt: frame.at,
      expiresAt: frame.approval.expiresAt,
    })
    .onConflictDoNothing()
    .returning();
  return { approval: approval ?? null };
}

const STATE_ORDER = sql`CASE ${codingSessions.state} WHEN 'waiting' THEN 0 WHEN 'working' THEN 1 WHEN 'started' THEN 2 ELSE 3 END`;

/** Every session, "needs you" first (longest wait first), then working, started, finished (newest first). */
export async function listSessions(db: Db, { limit = 500 }: { limit?: number } = {}): Promise<SessionRow[]> {
  return db
    .select()
    .from(codingSessions)
    .orderBy(STATE_ORDER, asc(sql`coalesce(${codingSessions.waitingSince}, 0)`), desc(codingSessions.updatedAt))
    .limit(limit);
}

/** Approvals still waiting for a decision, oldest first. */
export async function listPendingApprovals(db: Db, now = Date.now()): Promise<ApprovalRow[]> {
  return db
    .select()
    .from(approvals)
    .where(and(eq(approvals.status, "pending"), gt(approvals.expiresAt, now)))
    .orderBy(asc(approvals.createdAt))
    .limit(200);
}

export type DecideOutcome = { ok: true; row: ApprovalRow } | { ok: false; code: "not_found" | "conflict"; message: string };

/** One decision per approval, in one statement: of two operators clicking at once, exactly one wins. */
export async function decideApproval(
  db: Db,
  { id, decision, reason, by, now = Date.now() }: { id: string; decision: ApprovalDecision; reason?: string; by: string; now?: number },
): Promise<DecideOutcome> {
  const [row] = await db
    .update(approvals)
    .set({ status: decision, reason: reason ?? null, decidedBy: by, decidedAt: now })
    .where(and(eq(approvals.id, id), eq(approvals.status, "pending"), gt(approvals.expiresAt, now)))
    .returning();
  if (row) return { ok: true, row };
  const [existing] = await db.select().from(approvals).where(eq(approvals.id, id));
  if (!existing) return { ok: false, code: "not_found", message: `no approval ${id}` };
  if (existing.status !== "pending") {
    return { ok: false, code: "conflict", message: `approval ${id} was already decided: ${existing.status} by ${existing.decidedBy ?? "?"}` };
  }
  return { ok: false, code: "conflict", message: `approval ${id} expired at ${new Date(existing.expiresAt).toISOString()} (a timeout denies it)` };
}
