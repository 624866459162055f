import { iso } from "../http/time";
import type { ApprovalRow, SessionRow } from "./store";

export function sessionJson(s: SessionRow) {
  return {
    agentId: s.agentId,
    sessionId: s.sessionId,
    tool: s.tool,
    state: s.state,
    lastEvent: s.lastEvent,
    cwd: s.cwd,
    branch: s.branch,
    message: s.message,
    startedAt: iso(s.startedAt),
    updatedAt: iso(s.updatedAt),
    waitingSince: iso(s.waitingSince),
  };
}

export function approvalJson(a: ApprovalRow) {
  return {
    id: a.id,
    agentId: a.agentId,
    sessionId: a.sessionId,
    toolName: a.toolName,
    command: a.command,
    pattern: a.pattern,
    cwd: a.cwd,
    status: a.status,
    reason: a.reason,
    decidedBy: a.decidedBy,
    decidedAt: iso(a.decidedAt),
    createdAt: iso(a.createdAt),
    expiresAt: iso(a.expiresAt),
  };
}
