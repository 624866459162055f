import type { AgentMetricsFrame } from "../protocol/fleet-frames";

/** When a health sample raises an alert: the fullest watched volume at or above 95 %, or the battery at 15 % or less on battery. */
export const THRESHOLDS = { diskUsedPercent: 95, batteryPercent: 15 } as const;

export type SampleSummary = {
  cpuPercent: number;
  load1: number;
  memUsedPercent: number;
  diskUsedPercent: number | null;
  diskFreeBytes: number | null;
  batteryPercent: number | null;
  onBattery: boolean | null;
  agentRssBytes: number;
  systemUptimeSec: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The columns a sample is stored and charted by: shares in percent, the fullest volume standing for the disks. */
export function summarizeSample(m: AgentMetricsFrame): SampleSummary {
  const sized = m.disks.filter((d) => d.totalBytes > 0);
  const fullest = sized.reduce<(typeof sized)[number] | null>((w, d) => (!w || d.freeBytes / d.totalBytes < w.freeBytes / w.totalBytes ? d : w), null);
  return {
    cpuPercent: round1(m.cpuPercent),
    load1: m.load[0],
    memUsedPercent: m.memTotalBytes > 0 ? round1(((m.memTotalBytes - m.memFreeBytes) / m.memTotalBytes) * 100) : 0,
    diskUsedPercent: fullest ? round1(((fullest.totalBytes - fullest.freeBytes) / fullest.totalBytes) * 100) : null,
    diskFreeBytes: fullest ? fullest.freeBytes : null,
    batteryPercent: m.battery ? m.battery.percent : null,
    onBattery: m.battery ? m.battery.onBattery : null,
    agentRssBytes: m.agentRssBytes,
    systemUptimeSec: m.systemUptimeSec,
  };
}
