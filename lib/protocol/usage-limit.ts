import { z } from "zod";

/**
 * A coding-agent run stopped on its account's usage limit: the agent reports a failed result carrying this under
 * `result.usageLimit`, and the web puts the task back in the queue (the attempt not spent) and holds every task
 * that requires `account:<account>` until `resetAt`. Not a failure of the task.
 */
export const usageLimitSchema = z.object({
  account: z
    .string()
    .min(1)
    .max(56)
    .regex(/^[A-Za-z0-9._-]+$/, "may contain only letters, digits and . _ -"),
  resetAt: z.iso.datetime(),
  /** Whether the CLI said when the limit resets (false: the agent's default wait was used). */
  reported: z.boolean(),
  message: z.string().max(500),
});

export type UsageLimit = z.infer<typeof usageLimitSchema>;

/** The capability an agent announces for an account its CLIs use; tasks that need the account require it. */
export function accountCapability(account: string): string {
  return `account:${account}`;
}

/** The usage-limit report in a task result, or null when the result is something else. */
export function readUsageLimit(result: unknown): UsageLimit | null {
  if (typeof result !== "object" || result === null || !("usageLimit" in result)) return null;
  const parsed = usageLimitSchema.safeParse(result.usageLimit);
  return parsed.success ? parsed.data : null;
}
