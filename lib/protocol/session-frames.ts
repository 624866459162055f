import { z } from "zod";
import { idSchema } from "./common";
import { LIMITS } from "./limits";

/** Coding sessions on a machine (Claude Code hooks), reported by the local agent; and decisions on their approvals. */

export const HOOK_EVENTS = ["SessionStart", "UserPromptSubmit", "PreToolUse", "Notification", "Stop", "SessionEnd"] as const;
export const SESSION_STATES = ["started", "working", "waiting", "finished"] as const;
export const APPROVAL_DECISIONS = ["allow", "deny"] as const;

export type HookEvent = (typeof HOOK_EVENTS)[number];
export type SessionState = (typeof SESSION_STATES)[number];
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** A tool call waiting for an operator: the hook holds the tool until a decision or the timeout (a deny). */
export const approvalRequestSchema = z.object({
  id: idSchema,
  toolName: z.string().min(1).max(128),
  command: z.string().max(4000),
  /** The agent's `ask` pattern that matched. */
  pattern: z.string().max(1024),
  expiresAt: z.number().int().min(0),
});

/** Extension frame, agent → hub: one hook event of one coding session on this agent's machine. */
export const sessionEventFrame = z.object({
  type: z.literal("session-event"),
  sessionId: idSchema,
  tool: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9-]+$/),
  event: z.enum(HOOK_EVENTS),
  state: z.enum(SESSION_STATES),
  cwd: z.string().max(LIMITS.path).optional(),
  branch: z.string().max(LIMITS.name).optional(),
  /** The last thing worth reading: the prompt, the tool call, the notification, the last assistant message. */
  message: z.string().max(2000).optional(),
  /** When the hook ran (the agent's clock, milliseconds). */
  at: z.number().int().min(0),
  approval: approvalRequestSchema.optional(),
});

/** Extension frame, hub → agent: an operator's decision on an approval the agent's hook is waiting for. */
export const approvalDecisionFrameSchema = z.object({
  type: z.literal("approval-decision"),
  approvalId: idSchema,
  decision: z.enum(APPROVAL_DECISIONS),
  reason: z.string().max(LIMITS.shortText).optional(),
  decidedBy: z.string().max(200),
});

export type SessionEventFrame = z.infer<typeof sessionEventFrame>;
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;
export type ApprovalDecisionFrame = z.infer<typeof approvalDecisionFrameSchema>;
