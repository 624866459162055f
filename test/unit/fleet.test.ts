import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keepAwakeCommand } from "../../agent/fleet/keep-awake";
import { cpuPercentBetween, linuxBattery, parsePmset } from "../../agent/fleet/metrics";
import { detectGap } from "../../agent/fleet/sleep-watch";
import { reachedFailingStreak } from "../../lib/fleet/failing";
import { availabilitySlots, median, slotTone, uptimeShare } from "../../lib/fleet/availability";
import { summarizeSample } from "../../lib/fleet/metrics-rules";
import { describeState, graceFor, problemRank, stateAfterDisconnect } from "../../lib/fleet/states";
import { parseAgentFrame, type AgentMetricsFrame } from "../../lib/protocol";

const sample: AgentMetricsFrame = {
  type: "agent-metrics",
  cpuPercent: 40,
  load: [1, 1, 1],
  memTotalBytes: 1000,
  memFreeBytes: 250,
  disks: [
    { path: "/a", freeBytes: 50, totalBytes: 100 },
    { path: "/b", freeBytes: 10, totalBytes: 100 },
  ],
  agentRssBytes: 5,
  systemUptimeSec: 1,
  agentUptimeSec: 1,
};

describe("presence states", () => {
  it("a disconnect is stopped after a goodbye, crashed without one, unreachable when silent; a replaced socket changes nothing", () => {
    expect(stateAfterDisconnect("goodbye")).toBe("stopped");
    expect(stateAfterDisconnect("closed")).toBe("crashed");
    expect(stateAfterDisconnect("stale")).toBe("unreachable");
    expect(stateAfterDisconnect("replaced")).toBeNull();
  });

  it("a crashed agent's tasks go at once, a silent or asleep one's after the longer grace, others after the lost grace", () => {
    const g = { lostAgentGraceMs: 60_000, silentAgentGraceMs: 600_000, crashedAgentGraceMs: 0 };
    expect(graceFor("crashed", g)).toBe(0);
    expect(graceFor("unreachable", g)).toBe(600_000);
    expect(graceFor("asleep", g)).toBe(600_000);
    expect(graceFor("stopped", g)).toBe(60_000);
    expect(graceFor("offline", g)).toBe(60_000);
  });

  it("describes busy n of max, draining, and sorts problems first", () => {
    expect(describeState("online", { active: 0, max: 2 })).toBe("idle");
    expect(describeState("online", { active: 2, max: 3 })).toBe("busy 2 of 3");
    expect(describeState("paused", { active: 1, max: 1 })).toBe("draining (1 running)");
    expect(["online", "paused", "crashed", "asleep"].sort((a, b) => problemRank(a) - problemRank(b))).toEqual(["crashed", "asleep", "paused", "online"]);
  });
});

describe("availability", () => {
  it("gives each slot the state that held longest in it, starting from the state before the window", () => {
    const marks = [
      { state: "online", at: 0 },
      { state: "unreachable", at: 150 },
      { state: "online", at: 320 },
    ];
    const slots = availabilitySlots(marks, 100, 500, 4);
    expect(slots.map((s) => s.state)).toEqual(["online", "unreachable", "online", "online"]);
    expect(slots.map((s) => slotTone(s.state))).toEqual(["up", "down", "up", "up"]);
    expect(uptimeShare(slots)).toBe(0.75);
  });

  it("slots before anything was known are unknown, not down", () => {
    const slots = availabilitySlots([{ state: "asleep", at: 210 }], 0, 400, 4);
    expect(slots.map((s) => s.state)).toEqual([null, null, "asleep", "asleep"]);
    expect(slotTone(null)).toBe("unknown");
    expect(slotTone("asleep")).toBe("rest");
  });

  it("medians", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("sleep detection", () => {
  it("a tick late by the gap or more is a sleep: system when the monotonic clock stood still, process when it ran", () => {
    expect(detectGap({ wallElapsedMs: 1_200, monoElapsedMs: 1_200, intervalMs: 1_000, gapMs: 20_000 })).toBeNull();
    expect(detectGap({ wallElapsedMs: 61_000, monoElapsedMs: 1_000, intervalMs: 1_000, gapMs: 20_000 })).toEqual({ asleepMs: 61_000, kind: "system" });
    expect(detectGap({ wallElapsedMs: 31_000, monoElapsedMs: 31_000, intervalMs: 1_000, gapMs: 20_000 })).toEqual({ asleepMs: 31_000, kind: "process" });
  });
});

describe("machine readings", () => {
  it("reads pmset's battery line, on battery or on AC", () => {
    expect(parsePmset("Now drawing from 'Battery Power'\n -InternalBattery-0 (id=1)\t12%; discharging; 0:40 remaining present: true")).toEqual({
      percent: 12,
      onBattery: true,
    });
    expect(parsePmset("Now drawing from 'AC Power'\n -InternalBattery-0 (id=1)\t100%; charged; 0:00 remaining")).toEqual({ percent: 100, onBattery: false });
    expect(parsePmset("Now drawing from 'AC Power'")).toBeNull();
  });

  it("reads /sys/class/power_supply/BAT*", () => {
    const root = mkdtempSync(join(tmpdir(), "power-"));
    try {
      expect(linuxBattery(root)).toBeNull();
      mkdirSync(join(root, "BAT0"));
      writeFileSync(join(root, "BAT0", "capacity"), "9\n");
      writeFileSync(join(root, "BAT0", "status"), "Discharging\n");
      expect(linuxBattery(root)).toEqual({ percent: 9, onBattery: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("CPU share between two readings", () => {
    expect(cpuPercentBetween({ idle: 100, total: 200 }, { idle: 150, total: 400 })).toBe(75);
    expect(cpuPercentBetween({ idle: 1, total: 1 }, { idle: 1, total: 1 })).toBe(0);
  });

  it("keeps awake with caffeinate -i -w on macOS, systemd-inhibit on Linux, nothing where neither exists", () => {
    const found = (name: string) => `/usr/bin/${name}`;
    expect(keepAwakeCommand("darwin", 42, found)?.argv).toEqual(["/usr/bin/caffeinate", "-i", "-w", "42"]);
    expect(keepAwakeCommand("linux", 42, found)?.mode).toBe("systemd-inhibit");
    expect(keepAwakeCommand("linux", 42, found)?.argv).toContain("--pid=42");
    expect(keepAwakeCommand("linux", 42, () => null)).toBeNull();
    expect(keepAwakeCommand("win32", 42, found)).toBeNull();
  });
});

describe("agent-metrics", () => {
  it("is summarized by its fullest disk and used memory share", () => {
    expect(summarizeSample(sample)).toMatchObject({ cpuPercent: 40, memUsedPercent: 75, diskUsedPercent: 90, diskFreeBytes: 10, batteryPercent: null });
  });

  it("refuses impossible values with the spec's error frame", () => {
    for (const bad of [{ cpuPercent: -1 }, { memFreeBytes: 2000 }, { load: [1, 1] }, { agentRssBytes: 1.5 }, { battery: { percent: 101, onBattery: false } }]) {
      const outcome = parseAgentFrame(JSON.stringify({ ...sample, ...bad }));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toBe("Invalid message format");
    }
    expect(parseAgentFrame(JSON.stringify(sample)).ok).toBe(true);
  });
});

describe("an agent failing every task", () => {
  it("is reported once, when the streak of failures is reached", () => {
    const f = "failed";
    expect(reachedFailingStreak([f, f, f, f])).toBe(false);
    expect(reachedFailingStreak([f, f, f, f, f])).toBe(true);
    expect(reachedFailingStreak([f, f, f, f, f, "completed"])).toBe(true);
    expect(reachedFailingStreak([f, f, f, f, f, f])).toBe(false);
    expect(reachedFailingStreak([f, "completed", f, f, f, f])).toBe(false);
  });
});
