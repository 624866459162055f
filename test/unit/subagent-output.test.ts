import { describe, expect, it } from "vitest";
import { CliOutputReader } from "../../agent/executors/subagent-output";
import { isUsageLimitText, parseResetTime } from "../../agent/executors/usage-reset";

/** Feeds lines through the reader the way a process delivers them: in arbitrary chunks. */
function read(format: "claude-stream-json" | "codex-jsonl" | "text", events: unknown[], chunk = 7) {
  const live: string[] = [];
  const reader = new CliOutputReader(format, 100_000, (t) => live.push(t));
  const text = events.map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("\n") + "\n";
  for (let i = 0; i < text.length; i += chunk) reader.push("stdout", text.slice(i, i + chunk));
  reader.end();
  return { report: reader.report, live: live.join(""), logs: reader.logs };
}

describe("Claude Code stream-json", () => {
  const session = "s-1";
  it("turns messages into readable lines and the result into summary, cost, tokens and files", () => {
    const { report, live, logs } = read("claude-stream-json", [
      { type: "system", subtype: "init", session_id: session, model: "claude-sonnet-4-5" },
      { type: "assistant", message: { content: [{ type: "text", text: "Reading the code.\nThen editing." }] }, session_id: session },
      {
        type: "assistant",
        message: { content: [{ type: "tool_use", id: "t1", name: "Edit", input: { file_path: "/r/a.ts", old_string: "x", new_string: "y" } }] },
        session_id: session,
      },
      { type: "assistant", message: { content: [{ type: "tool_use", id: "t2", name: "Bash", input: { command: "npm test" } }] }, session_id: session },
      { type: "user", message: { content: [{ type: "tool_result", tool_use_id: "t2", is_error: true, content: "1 test failed" }] }, session_id: session },
      {
        type: "result",
        subtype: "success",
        is_error: false,
        num_turns: 4,
        result: "Fixed it.",
        session_id: session,
        total_cost_usd: 0.05,
        usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 30, cache_creation_input_tokens: 5 },
      },
    ]);
    expect(live).toBe(logs);
    expect(logs.split("\n")).toEqual([
      "session s-1 started (model claude-sonnet-4-5)",
      "assistant: Reading the code. Then editing.",
      "tool: Edit /r/a.ts",
      "file: /r/a.ts",
      "tool: Bash npm test",
      "tool error: 1 test failed",
      "result: success — Fixed it.",
      "",
    ]);
    expect(report).toMatchObject({ summary: "Fixed it.", sessionId: "s-1", costUsd: 0.05, turns: 4, error: null, usageLimit: null, finished: true });
    expect(report.tokens).toEqual({ input: 10, output: 20, cachedInput: 30, cacheCreation: 5 });
    expect([...report.filesTouched]).toEqual(["/r/a.ts"]);
  });

  it("tells a usage-limit result from an error result", () => {
    const limited = read("claude-stream-json", [
      { type: "result", subtype: "success", is_error: true, result: "Claude AI usage limit reached|1893456000" },
    ]).report;
    expect(limited).toMatchObject({ usageLimit: "Claude AI usage limit reached|1893456000", error: null });
    const failed = read("claude-stream-json", [{ type: "result", subtype: "error_max_turns", is_error: true, num_turns: 10 }]).report;
    expect(failed).toMatchObject({ usageLimit: null, error: "claude reported error_max_turns" });
  });

  it("passes a line that is not JSON through as it is", () => {
    expect(read("claude-stream-json", ["Warning: something odd"]).logs).toBe("Warning: something odd\n");
  });
});

describe("Codex exec --json", () => {
  it("reads commands, file changes, the last agent message and the summed usage", () => {
    const { report, logs } = read("codex-jsonl", [
      { type: "thread.started", thread_id: "th-1" },
      { type: "turn.started" },
      {
        type: "item.started",
        item: { id: "item_0", type: "command_execution", command: "bash -lc ls", aggregated_output: "", exit_code: null, status: "in_progress" },
      },
      {
        type: "item.completed",
        item: { id: "item_0", type: "command_execution", command: "bash -lc ls", aggregated_output: "a\n", exit_code: 0, status: "completed" },
      },
      { type: "item.completed", item: { id: "item_1", type: "file_change", changes: [{ path: "src/a.rs", kind: "update" }], status: "completed" } },
      { type: "item.completed", item: { id: "item_2", type: "agent_message", text: "Done." } },
      { type: "turn.completed", usage: { input_tokens: 100, cached_input_tokens: 40, output_tokens: 7 } },
    ]);
    expect(logs.split("\n")).toEqual(["session th-1 started", "$ bash -lc ls", "$ bash -lc ls (exit 0)", "file: update src/a.rs", "assistant: Done.", ""]);
    expect(report).toMatchObject({ sessionId: "th-1", summary: "Done.", finished: true, error: null });
    expect(report.tokens).toEqual({ input: 100, output: 7, cachedInput: 40, cacheCreation: 0 });
  });

  it("reports a failed turn as an error, and a usage limit as one", () => {
    expect(read("codex-jsonl", [{ type: "turn.failed", error: { message: "stream disconnected" } }]).report.error).toBe("stream disconnected");
    const limited = read("codex-jsonl", [{ type: "error", message: "You've hit your usage limit. Try again in 2 hours." }]).report;
    expect(limited.usageLimit).toMatch(/hit your usage limit/);
    expect(limited.error).toBeNull();
  });
});

describe("usage-limit reset times", () => {
  const now = new Date("2026-11-27T10:00:00Z");
  it("reads Claude's epoch, Codex's relative wait and a wall-clock time in a named zone", () => {
    expect(parseResetTime("Claude AI usage limit reached|1893456000", now)?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(parseResetTime("try again in 1 day 2 hours 5 minutes.", now)?.toISOString()).toBe("2026-11-28T12:05:00.000Z");
    expect(parseResetTime("You've hit your session limit · resets 3pm (Europe/Paris)", now)?.toISOString()).toBe("2026-11-27T14:00:00.000Z");
    // It is 04:00 in Chicago, so the reset is today's 9am there (15:00 UTC); in Dhaka 1:30am has passed, so tomorrow's.
    expect(parseResetTime("Your limit will reset at 9am (America/Chicago).", now)?.toISOString()).toBe("2026-11-27T15:00:00.000Z");
    expect(parseResetTime("resets 1:30am (Asia/Dhaka)", now)?.toISOString()).toBe("2026-11-27T19:30:00.000Z");
  });
  it("returns null when no time is named, and knows a limit message when it sees one", () => {
    expect(parseResetTime("You've hit your usage limit.", now)).toBeNull();
    expect(isUsageLimitText("You're out of extra usage · resets 7pm (Asia/Seoul)")).toBe(true);
    expect(isUsageLimitText("error: tests failed")).toBe(false);
  });
});
