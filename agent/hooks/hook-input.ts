import { z } from "zod";
import { HOOK_EVENTS, type HookEvent, type SessionState } from "../../lib/protocol/session-frames";

/**
 * Claude Code's hook input (stdin JSON), the documented common fields plus each event's own: SessionStart
 * (source), UserPromptSubmit (prompt), PreToolUse (tool_name, tool_input), Notification (message), Stop
 * (stop_hook_active), SessionEnd (reason). Unknown fields are ignored; newer versions add some.
 */
export const hookInputSchema = z.looseObject({
  session_id: z.string().min(1).max(128),
  transcript_path: z.string().max(4096).optional(),
  cwd: z.string().max(4096).optional(),
  hook_event_name: z.enum(HOOK_EVENTS),
  prompt: z.string().optional(),
  tool_name: z.string().max(256).optional(),
  tool_input: z.record(z.string(), z.unknown()).optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  source: z.string().optional(),
  last_assistant_message: z.string().optional(),
});

export type HookInput = z.infer<typeof hookInputSchema>;

/** What each event says about the session: working on something, or waiting for its user. */
export const STATE_OF: Record<HookEvent, SessionState> = {
  SessionStart: "started",
  UserPromptSubmit: "working",
  PreToolUse: "working",
  Notification: "waiting",
  Stop: "waiting",
  SessionEnd: "finished",
};

/** The Bash command of a PreToolUse, or a short description of another tool's call. */
export function toolCallText(input: HookInput): string {
  const args = input.tool_input ?? {};
  const main = [args.command, args.file_path, args.notebook_path, args.pattern, args.url].find((v) => typeof v === "string");
  return `${input.tool_name ?? "tool"}${typeof main === "string" ? `: ${main}` : ""}`;
}

/** The line worth showing for this event (before the transcript is consulted for Stop). */
export function messageOf(input: HookInput): string | undefined {
  switch (input.hook_event_name) {
    case "UserPromptSubmit":
      return input.prompt;
    case "PreToolUse":
      return toolCallText(input);
    case "Notification":
      return input.message;
    case "Stop":
      return input.last_assistant_message;
    case "SessionEnd":
      return input.reason ? `ended: ${input.reason}` : "ended";
    case "SessionStart":
      return input.source ? `started (${input.source})` : "started";
  }
}
