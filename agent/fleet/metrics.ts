import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statfsSync, statSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem, uptime } from "node:os";
import { join } from "node:path";
import type { AgentMetricsFrame, DiskSample } from "../../lib/protocol";

/** Reading this machine's health for the agent-metrics frame. Every reader fails soft: a missing value is left out. */

type CpuTimes = { idle: number; total: number };

export function cpuTimes(): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const c of cpus()) {
    idle += c.times.idle;
    total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
  }
  return { idle, total };
}

/** Busy share of all CPUs between two readings, 0–100. */
export function cpuPercentBetween(a: CpuTimes, b: CpuTimes): number {
  const total = b.total - a.total;
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, (1 - (b.idle - a.idle) / total) * 100));
}

/** Linux counts the page cache as used; MemAvailable is what a program could still get. */
function availableMemory(): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync("/proc/meminfo", "utf8"));
    if (m) return Math.min(Number(m[1]) * 1024, totalmem());
  } catch {
    /* not Linux */
  }
  return freemem();
}

/** Free and total space of each volume holding a watched repository, each volume once. */
export function diskSamples(paths: readonly string[]): DiskSample[] {
  const seen = new Set<number>();
  const out: DiskSample[] = [];
  for (const path of paths) {
    try {
      const dev = statSync(path).dev;
      if (seen.has(dev)) continue;
      seen.add(dev);
      const s = statfsSync(path);
      out.push({ path: path.slice(0, 4096), freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize });
    } catch {
      /* gone or unreadable: the repo monitor reports that */
    }
    if (out.length >= 32) break;
  }
  return out;
}

/** `pmset -g batt`: "Now drawing from 'Battery Power'" … "83%; discharging". Null when there is no battery. */
export function parsePmset(text: string): AgentMetricsFrame["battery"] | null {
  const percent = /(\d{1,3})%/.exec(text);
  if (!percent) return null;
  return { percent: Math.min(100, Number(percent[1])), onBattery: /'Battery Power'/.test(text) };
}

/** /sys/class/power_supply/BAT*: capacity and status ("Discharging" means on battery). */
export function linuxBattery(root = "/sys/class/power_supply"): AgentMetricsFrame["battery"] | null {
  try {
    for (const name of readdirSync(root)) {
      if (!name.startsWith("BAT")) continue;
      const capacity = Number(readFileSync(join(root, name, "capacity"), "utf8").trim());
      const status = readFileSync(join(root, name, "status"), "utf8").trim();
      if (Number.isFinite(capacity)) return { percent: Math.min(100, Math.max(0, capacity)), onBattery: status === "Discharging" };
    }
  } catch {
    /* no power supply class (a server, a container) */
  }
  return null;
}

function macBattery(): Promise<AgentMetricsFrame["battery"] | null> {
  return new Promise((resolve) => {
    execFile("pmset", ["-g", "batt"], { timeout: 5_000 }, (error, stdout) => resolve(error ? null : parsePmset(stdout)));
  });
}

/** Takes a sample; `previous` CPU times make the CPU share cover the time since the last sample. */
export async function collectMetrics(paths: readonly string[], previous: CpuTimes): Promise<{ frame: AgentMetricsFrame; cpu: CpuTimes }> {
  const cpu = cpuTimes();
  const battery = process.platform === "darwin" ? await macBattery() : linuxBattery();
  const [l1, l5, l15] = loadavg();
  const frame: AgentMetricsFrame = {
    type: "agent-metrics",
    cpuPercent: Math.round(cpuPercentBetween(previous, cpu) * 10) / 10,
    load: [l1 ?? 0, l5 ?? 0, l15 ?? 0],
    memTotalBytes: totalmem(),
    memFreeBytes: availableMemory(),
    disks: diskSamples(paths),
    ...(battery ? { battery } : {}),
    agentRssBytes: process.memoryUsage.rss(),
    systemUptimeSec: Math.round(uptime()),
    agentUptimeSec: Math.round(process.uptime()),
  };
  return { frame, cpu };
}
