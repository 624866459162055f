import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnAgent } from "../agent/support/agent-child";

const BIN = join(import.meta.dirname, "..", "..", "agent", "bin.mjs");
const runBin = (args: string[], env: Record<string, string> = {}) => {
  const { COCKPIT_KEY: _k, COCKPIT_HUB: _h, ...rest } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...rest, ...env }, timeout: 30_000 });
};

// Each test starts node with tsx; on a loaded machine that alone can take longer than the default 5 s.
describe("cockpit-agent bin", { timeout: 30_000 }, () => {
  it("prints help and exits 0", () => {
    const r = runBin(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: cockpit-agent --hub URL");
    expect(r.stdout).toContain("--allow PATTERN");
  });

  it.each([
    [["--hub", "ws://127.0.0.1:1"], "missing key"],
    [["--key", "k"], "missing --hub"],
    [["--hub", "ws://127.0.0.1:1", "--key", "k", "--nope"], "Unknown option '--nope'"],
    [["--hub", "ws://127.0.0.1:1", "--key", "k", "--max-concurrency", "many"], "--max-concurrency"],
    [["--hub", "ws://127.0.0.1:1", "--key", "k", "--config", "/nonexistent/agent.json"], "cannot read config file"],
  ])("exits 2 with a message for %j", (args, message) => {
    const r = runBin(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("--help");
  });

  it("never prints the key, even when the options around it are wrong", () => {
    const r = runBin(["--hub", "nonsense", "--poll-interval", "x"], { COCKPIT_KEY: "qk_supersecret_value" });
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).not.toContain("qk_supersecret_value");
  });

  describe("the hub URL", () => {
    const stateRoot = mkdtempSync(join(tmpdir(), "agent-cli-"));
    afterAll(() => rmSync(stateRoot, { recursive: true, force: true }));

    it.each([
      ["ws://hub.example.invalid:1999", 1],
      ["ws://127.0.0.1:1", 0],
    ])("%s: the clear-text warning is printed %i time(s) at start", async (hub, times) => {
      const agent = spawnAgent(["--hub", hub, "--agent-id", "url-check", "--state-dir", join(stateRoot, String(times))], "ck_cli_test_key");
      try {
        await agent.waitForOutput(/cannot reach the hub/);
        expect(agent.output().match(/the key travels in clear text; use wss:\/\/ behind a TLS proxy/g) ?? []).toHaveLength(times);
        expect(agent.output()).not.toContain("ck_cli_test_key");
      } finally {
        await agent.stop("SIGKILL");
      }
    });
  });
});
