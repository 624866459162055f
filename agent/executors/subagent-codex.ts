import { addTokens, isRecord, noteFailure, oneLine, str, type LineParser } from "./subagent-report";

/**
 * Codex's `codex exec --json` (codex-rs/exec exec_events.rs): `thread.started` (thread_id), `turn.started`,
 * `item.started|updated|completed` with an item (agent_message, reasoning, command_execution, file_change,
 * mcp_tool_call, web_search, todo_list, error), `turn.completed` (usage), `turn.failed` (error.message), `error`.
 */
export const parseCodexLine: LineParser = (event, report) => {
  const lines: string[] = [];
  switch (event.type) {
    case "thread.started":
      report.sessionId = str(event.thread_id);
      lines.push(`session ${report.sessionId ?? "?"} started`);
      break;
    case "item.started":
    case "item.completed": {
      const item = isRecord(event.item) ? event.item : {};
      const done = event.type === "item.completed";
      if (item.type === "command_execution" && typeof item.command === "string") {
        lines.push(done ? `$ ${oneLine(item.command, 200)} (exit ${String(item.exit_code ?? "?")})` : `$ ${oneLine(item.command, 200)}`);
      } else if (!done) {
        break;
      } else if (item.type === "agent_message" && typeof item.text === "string") {
        report.summary = item.text.slice(0, 4000);
        lines.push(`assistant: ${oneLine(item.text)}`);
      } else if (item.type === "file_change" && Array.isArray(item.changes)) {
        for (const change of item.changes) {
          if (!isRecord(change) || typeof change.path !== "string") continue;
          report.filesTouched.add(change.path);
          lines.push(`file: ${String(change.kind ?? "update")} ${change.path}`);
        }
      } else if (item.type === "mcp_tool_call") {
        lines.push(`tool: ${String(item.server ?? "?")}.${String(item.tool ?? "?")}`);
      } else if (item.type === "web_search" && typeof item.query === "string") {
        lines.push(`search: ${oneLine(item.query, 200)}`);
      } else if (item.type === "error" && typeof item.message === "string") {
        lines.push(`warning: ${oneLine(item.message)}`);
      }
      break;
    }
    case "turn.completed":
      report.finished = true;
      addTokens(report, event.usage);
      break;
    case "turn.failed": {
      report.finished = true;
      const message = isRecord(event.error) ? str(event.error.message) : null;
      noteFailure(report, message ?? "codex reported a failed turn");
      lines.push(`turn failed: ${oneLine(message ?? "no message")}`);
      break;
    }
    case "error": {
      const message = str(event.message) ?? "codex reported an error";
      noteFailure(report, message);
      lines.push(`error: ${oneLine(message)}`);
      break;
    }
  }
  return lines;
};
