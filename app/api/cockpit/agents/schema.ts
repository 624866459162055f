import { z } from "zod";

export const listAgentsQuery = z.object({
  all: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

/** PUT /agents/{id}/owner. */
export const agentOwnerBody = z.object({ keyId: z.string().min(1).max(128) }).strict();
