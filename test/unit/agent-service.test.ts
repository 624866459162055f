import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand, runService, type ServiceContext } from "@/agent/service/command";
import { launchdPlist, systemdUnit, type ServiceSpec } from "@/agent/service/units";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cockpit service & test-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Real paths with a space, an ampersand and a percent sign: each file format must quote or escape them. */
function spec(): ServiceSpec {
  const config = join(dir, "agent 100%.json");
  writeFileSync(config, "{}");
  return { node: process.execPath, bin: join(process.cwd(), "agent", "bin.mjs"), config, log: join(dir, "logs", "agent.log"), workingDirectory: dir };
}

const hasSystemdAnalyze = spawnSync("systemd-analyze", ["--version"]).status === 0;

describe("the systemd user unit", () => {
  it("restarts on failure, starts with the user's session and appends to the log", () => {
    const unit = systemdUnit(spec());
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^WantedBy=default\.target$/m);
    expect(unit).toContain(`StandardOutput=append:${spec().log}`);
    expect(unit).toContain(`"--config" "${join(dir, "agent 100%%.json")}"`);
    expect(unit).not.toMatch(/ck_|--key/);
  });

  it("verifies with systemd-analyze (where installed, as on Debian), else with a strict parse", () => {
    const path = join(dir, "cockpit-agent.service");
    writeFileSync(path, systemdUnit(spec()));
    if (hasSystemdAnalyze) {
      const res = spawnSync("systemd-analyze", ["verify", path], { encoding: "utf8" });
      expect(res.stderr.split("\n").filter((l) => l.includes(path))).toEqual([]);
      expect(res.status).toBe(0);
      // The verifier is real: a unit with a wrong key is reported.
      writeFileSync(path, systemdUnit(spec()).replace("Restart=on-failure", "Restart=on-failure\nRestartt=always"));
      expect(spawnSync("systemd-analyze", ["verify", path], { encoding: "utf8" }).stderr).toContain("Unknown key 'Restartt'");
      return;
    }
    expect(strictUnitProblems(readFileSync(path, "utf8"))).toEqual([]);
    expect(strictUnitProblems(systemdUnit(spec()).replace("Restart=on-failure", "Restartt=always"))).toEqual(["unknown key Service.Restartt"]);
  });
});

/** The keys this unit may use, by section, and an absolute ExecStart: what systemd-analyze would reject otherwise. */
function strictUnitProblems(text: string): string[] {
  const allowed: Record<string, string[]> = {
    Unit: ["Description", "After", "Wants"],
    Service: ["Type", "ExecStart", "WorkingDirectory", "Restart", "RestartSec", "KillSignal", "TimeoutStopSec", "StandardOutput", "StandardError"],
    Install: ["WantedBy"],
  };
  const problems: string[] = [];
  let section = "";
  for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1]!;
    else {
      const [key = "", value = ""] = line.split(/=(.*)/);
      if (!allowed[section]?.includes(key)) problems.push(`unknown key ${section}.${key}`);
      if (key === "ExecStart" && !/^"\//.test(value)) problems.push("ExecStart is not an absolute path");
    }
  }
  return problems;
}

describe("the launchd plist", () => {
  it("is well-formed XML whose dict says: run at load, keep alive after a crash, log to the file", () => {
    const s = spec();
    const text = launchdPlist(s);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(text) as { plist?: { dict: Record<string, unknown>[] }[] }[];
    const dict = doc.find((n) => n.plist)?.plist?.[0]?.dict ?? [];
    // A plist dict alternates <key> and its value; read it into a map.
    const entries = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < dict.length; i += 2) entries.set(String((dict[i]!.key as { "#text": string }[])[0]!["#text"]), dict[i + 1]!);
    const text0 = (v: Record<string, unknown> | undefined) => String(((v?.string ?? []) as { "#text": unknown }[])[0]?.["#text"]);
    expect(text0(entries.get("Label"))).toBe("dev.cockpit.agent");
    expect((entries.get("ProgramArguments")?.array as { string: { "#text": string }[] }[]).map((a) => a.string[0]!["#text"])).toEqual([
      s.node,
      s.bin,
      "--config",
      s.config,
    ]);
    expect(entries.get("RunAtLoad")).toHaveProperty("true");
    const keepAlive = entries.get("KeepAlive")?.dict as Record<string, unknown>[];
    expect((keepAlive[0]!.key as { "#text": string }[])[0]!["#text"]).toBe("SuccessfulExit");
    expect(keepAlive[1]).toHaveProperty("false");
    expect(text0(entries.get("StandardOutPath"))).toBe(s.log);
    expect(text0(entries.get("StandardErrorPath"))).toBe(s.log);
    expect(text).toContain("cockpit service &amp; test-");
  });
});

describe("cockpit-agent service install / status / uninstall", () => {
  function context(platform: NodeJS.Platform): { ctx: ServiceContext; lines: string[] } {
    const lines: string[] = [];
    const env = { XDG_CONFIG_HOME: join(dir, "config"), XDG_STATE_HOME: join(dir, "state") };
    return { lines, ctx: { platform, env, homedir: join(dir, "home"), cwd: dir, uid: 1000, print: (l) => lines.push(l), exec: runCommand } };
  }

  it("writes the unit on Linux, reports it installed, and removes it", () => {
    writeFileSync(join(dir, "agent.json"), JSON.stringify({ hub: "ws://127.0.0.1:1999", key: "ck_secret_key_value" }));
    chmodSync(join(dir, "agent.json"), 0o600);
    const { ctx, lines } = context("linux");
    expect(runService(["install", "--config", "agent.json", "--no-start"], ctx)).toBe(0);
    const unitPath = join(dir, "config", "systemd", "user", "cockpit-agent.service");
    expect(lines).toContain(`wrote ${unitPath}`);
    expect(readFileSync(unitPath, "utf8")).toContain(`"--config" "${join(dir, "agent.json")}"`);
    expect(readFileSync(unitPath, "utf8")).not.toContain("ck_secret_key_value");
    expect(existsSync(join(dir, "state", "cockpit"))).toBe(true);
    expect(lines.some((l) => l.startsWith("warning"))).toBe(false);
    expect(runService(["status"], ctx)).toBe(0);
    expect(lines).toContain(`installed: ${unitPath}`);
    expect(runService(["uninstall", "--no-start"], ctx)).toBe(0);
    expect(existsSync(unitPath)).toBe(false);
    expect(runService(["status"], ctx)).toBe(1);
  });

  it("writes the plist under ~/Library/LaunchAgents on macOS", () => {
    writeFileSync(join(dir, "agent.json"), JSON.stringify({ hub: "wss://hub.example", key: "ck_k" }));
    chmodSync(join(dir, "agent.json"), 0o644);
    const { ctx, lines } = context("darwin");
    expect(runService(["install", "--config", join(dir, "agent.json"), "--no-start"], ctx)).toBe(0);
    const plist = join(dir, "home", "Library", "LaunchAgents", "dev.cockpit.agent.plist");
    expect(XMLValidator.validate(readFileSync(plist, "utf8"))).toBe(true);
    expect(lines.find((l) => l.startsWith("warning"))).toContain("chmod 600");
  });

  it("refuses a config without a key, a missing config, and an unknown action", () => {
    writeFileSync(join(dir, "nokey.json"), JSON.stringify({ hub: "ws://127.0.0.1:1999" }));
    const { ctx, lines } = context("linux");
    expect(runService(["install", "--config", "nokey.json", "--no-start"], ctx)).toBe(1);
    expect(lines.at(-1)).toContain('must contain "hub" and "key"');
    expect(runService(["install", "--no-start"], ctx)).toBe(1);
    expect(lines.at(-1)).toContain("--config FILE is required");
    expect(runService(["restart"], ctx)).toBe(2);
    expect(runService(["install"], { ...ctx, platform: "win32" })).toBe(1);
  });

  // tsx compiles the agent on start: seconds on a loaded machine, so this test may take longer than a unit test.
  it("runs from the real bin", () => {
    const out = execFileSync(process.execPath, ["agent/bin.mjs", "service", "--help"], { encoding: "utf8" });
    expect(out).toContain("cockpit-agent service install|uninstall|status");
  }, 60_000);
});
