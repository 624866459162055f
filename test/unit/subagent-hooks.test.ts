import { describe, expect, it } from "vitest";
import { matchingAskPattern } from "../../agent/hooks/ask-patterns";
import { hookCommand, installClaudeHooks } from "../../agent/hooks/install";

describe("ask patterns", () => {
  const ask = ["git push *", "rm -rf *"];
  it("matches words exactly and a final * as the rest, options included", () => {
    expect(matchingAskPattern("git push origin main", ask)).toBe("git push *");
    expect(matchingAskPattern("git push --force", ask)).toBe("git push *");
    expect(matchingAskPattern("rm -rf /tmp/x", ask)).toBe("rm -rf *");
    expect(matchingAskPattern("git status", ask)).toBeNull();
    expect(matchingAskPattern("rm -r x", ask)).toBeNull();
  });
  it("checks each part of a compound command, and asks when a part cannot be read", () => {
    expect(matchingAskPattern("cd repo && git push", ask)).toBe("git push *");
    expect(matchingAskPattern("echo ok; ls | wc -l", ask)).toBeNull();
    expect(matchingAskPattern("echo 'unterminated", ask)).toBe("git push *");
    expect(matchingAskPattern("git push", [])).toBeNull();
  });
});

describe("hooks install", () => {
  const events = ["SessionStart", "UserPromptSubmit", "PreToolUse", "Notification", "Stop", "SessionEnd"];
  it("adds one command hook per event, keeps the user's own hooks and settings, and replaces itself on reinstall", () => {
    const mine = { matcher: "Bash", hooks: [{ type: "command", command: "~/bin/guard.sh" }] };
    const settings = { model: "opus", hooks: { PreToolUse: [mine] } };
    const once = installClaudeHooks(settings, "/state", 300);
    const twice = installClaudeHooks(once, "/state", 300);
    expect(twice).toEqual(once);
    expect(once.model).toBe("opus");
    expect(Object.keys(once.hooks ?? {}).sort()).toEqual([...events].sort());
    expect(once.hooks?.PreToolUse).toEqual([mine, { matcher: "*", hooks: [{ type: "command", command: hookCommand("PreToolUse", "/state"), timeout: 330 }] }]);
    expect(once.hooks?.Stop).toEqual([{ hooks: [{ type: "command", command: hookCommand("Stop", "/state"), timeout: 10 }] }]);
    expect(hookCommand("Stop", "/my state")).toMatch(/ hook Stop --state-dir '\/my state' # cockpit-agent-hook$/);
  });
});
