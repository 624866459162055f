import { z } from "zod";
import { LIMITS } from "./limits";

/**
 * Extension frames about the agent's machine (issue 14, "fleet truth"): a goodbye, a wake report, health samples.
 * All optional: an agent that sends none of them still works, it is just shown with less detail.
 */

/** The agent is leaving on purpose (Ctrl-C, service stop): its close is then "stopped", not "crashed". */
export const agentGoodbyeFrame = z.object({
  type: z.literal("agent-goodbye"),
  reason: z.string().max(LIMITS.shortText).optional(),
});

const DAY_MS = 24 * 3600_000;
/**
 * The agent's timers fired late: its machine slept (or the process was suspended). Durations, not clock readings,
 * so the web can place the gap on its own clock: it woke `awakeForMs` before this frame and slept `asleepMs` before that.
 * `kind`: "system" when the monotonic clock stood still while the wall clock ran (a real sleep), "process" when both ran.
 */
export const agentWakeFrame = z.object({
  type: z.literal("agent-wake"),
  asleepMs: z
    .number()
    .int()
    .min(0)
    .max(365 * DAY_MS),
  awakeForMs: z.number().int().min(0).max(DAY_MS),
  kind: z.enum(["system", "process"]),
});

const bytes = z
  .number()
  .int()
  .min(0)
  .max(2 ** 53 - 1);
const percent = z.number().finite().min(0).max(100);

/** One volume's space, for a watched repository (several repos on one volume are sent once). */
export const diskSampleSchema = z.object({
  path: z.string().min(1).max(LIMITS.path),
  freeBytes: bytes,
  totalBytes: bytes,
});

/** A health sample, every 30 s by default. Every number is bounded: a sample that cannot be true is refused whole. */
export const agentMetricsFrame = z
  .object({
    type: z.literal("agent-metrics"),
    /** Share of all CPUs busy since the previous sample. */
    cpuPercent: percent,
    load: z.tuple([z.number().finite().min(0).max(1e6), z.number().finite().min(0).max(1e6), z.number().finite().min(0).max(1e6)]),
    memTotalBytes: bytes,
    memFreeBytes: bytes,
    disks: z.array(diskSampleSchema).max(32),
    /** Absent on machines without a battery. */
    battery: z.object({ percent, onBattery: z.boolean() }).optional(),
    agentRssBytes: bytes,
    systemUptimeSec: z.number().finite().min(0).max(1e10),
    agentUptimeSec: z.number().finite().min(0).max(1e10),
  })
  .refine((m) => m.memFreeBytes <= m.memTotalBytes, { message: "memFreeBytes must not exceed memTotalBytes", path: ["memFreeBytes"] })
  .refine((m) => m.disks.every((d) => d.freeBytes <= d.totalBytes), { message: "a disk's freeBytes must not exceed its totalBytes", path: ["disks"] });

export type AgentGoodbyeFrame = z.infer<typeof agentGoodbyeFrame>;
export type AgentWakeFrame = z.infer<typeof agentWakeFrame>;
export type AgentMetricsFrame = z.infer<typeof agentMetricsFrame>;
export type DiskSample = z.infer<typeof diskSampleSchema>;
