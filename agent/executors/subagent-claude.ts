import { addTokens, isRecord, noteFailure, num, oneLine, str, type LineParser } from "./subagent-report";

/** Tools whose input names a file they change. */
const EDITING_TOOLS = new Set(["Edit", "MultiEdit", "Write", "NotebookEdit"]);

/** The most telling argument of a tool call, for one log line. */
function toolSummary(input: Record<string, unknown>): string {
  const main = str(input.command) ?? str(input.file_path) ?? str(input.notebook_path) ?? str(input.pattern) ?? str(input.url) ?? str(input.description);
  return main ? oneLine(main, 200) : "";
}

/**
 * Claude Code's `--output-format stream-json --verbose`: one JSON object per line; `system` (subtype init, with
 * session_id), `assistant` and `user` messages (content blocks: text, tool_use, tool_result), then one `result`
 * (subtype success or error_*, is_error, result text, total_cost_usd, usage, num_turns, duration_ms).
 */
export const parseClaudeLine: LineParser = (event, report) => {
  const lines: string[] = [];
  const sessionId = str(event.session_id);
  if (sessionId) report.sessionId = sessionId;
  switch (event.type) {
    case "system":
      if (event.subtype === "init") lines.push(`session ${sessionId ?? "?"} started${str(event.model) ? ` (model ${String(event.model)})` : ""}`);
      break;
    case "assistant": {
      const message = isRecord(event.message) ? event.message : {};
      const content = Array.isArray(message.content) ? message.content : [];
      for (const block of content) {
        if (!isRecord(block)) continue;
        if (block.type === "text" && typeof block.text === "string" && block.text.trim()) {
          lines.push(`assistant: ${oneLine(block.text)}`);
          // A rate-limit error arrives as an assistant message flagged `error` with the limit's text.
          if (typeof event.error === "string") noteFailure(report, block.text);
        } else if (block.type === "tool_use") {
          const name = str(block.name) ?? "tool";
          const input = isRecord(block.input) ? block.input : {};
          lines.push(`tool: ${name}${toolSummary(input) ? ` ${toolSummary(input)}` : ""}`);
          const file = str(input.file_path) ?? str(input.notebook_path);
          if (EDITING_TOOLS.has(name) && file) {
            report.filesTouched.add(file);
            lines.push(`file: ${file}`);
          }
        }
      }
      break;
    }
    case "user": {
      const message = isRecord(event.message) ? event.message : {};
      const content = Array.isArray(message.content) ? message.content : [];
      for (const block of content) {
        if (isRecord(block) && block.type === "tool_result" && block.is_error === true) {
          const text = typeof block.content === "string" ? block.content : JSON.stringify(block.content ?? "");
          lines.push(`tool error: ${oneLine(text, 200)}`);
        }
      }
      break;
    }
    case "result": {
      report.finished = true;
      const text = str(event.result);
      if (text) report.summary = text.slice(0, 4000);
      if (typeof event.total_cost_usd === "number") report.costUsd = event.total_cost_usd;
      if (typeof event.num_turns === "number") report.turns = num(event.num_turns);
      addTokens(report, event.usage);
      const failed = event.is_error === true || (typeof event.subtype === "string" && event.subtype.startsWith("error"));
      if (failed) noteFailure(report, text ?? `claude reported ${String(event.subtype ?? "an error")}`);
      lines.push(`result: ${failed ? "error" : "success"}${text ? ` — ${oneLine(text)}` : ""}`);
      break;
    }
  }
  return lines;
};
