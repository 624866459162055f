import { z } from "zod";

export const listAgentsQuery = z.object({
  all: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

/** PUT /agents/{id}/owner. */
export const agentOwnerBody = z.object({ keyId: z.string().min(1).max(128) }).strict();

/** GET /agents/{id}: the availability window. */
export const agentDetailQuery = z.object({ window: z.enum(["24h", "7d"]).default("24h") });

/** GET /agents/{id}/metrics: raw samples of 24 h, or hourly averages of 7 days. */
export const agentMetricsQuery = z.object({ range: z.enum(["24h", "7d"]).default("24h") });
