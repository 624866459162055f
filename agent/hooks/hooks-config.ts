import { z } from "zod";

/** The config file's `hooks`: the local endpoint for coding-session hooks, and which commands wait for approval. */
export const hooksConfigSchema = z
  .object({
    /** false: no local hook endpoint (sessions on this machine are not reported). */
    enabled: z.boolean().default(true),
    /** Bash commands a session may run only after an operator approves, e.g. "git push *", "rm -rf *". */
    ask: z.array(z.string().min(1).max(1024)).max(100).default([]),
    /** How long a command waits for a decision before it is denied (default 5m). */
    approvalTimeout: z.union([z.number().int().min(1000), z.string().min(1).max(32)]).optional(),
  })
  .strict();

export type HooksConfig = z.infer<typeof hooksConfigSchema>;
