import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "..", "..", "agent", "bin.mjs");
const runBin = (args: string[], env: Record<string, string> = {}) => {
  const { COCKPIT_KEY: _k, COCKPIT_HUB: _h, ...rest } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...rest, ...env }, timeout: 30_000 });
};

describe("cockpit-agent bin", () => {
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
});
