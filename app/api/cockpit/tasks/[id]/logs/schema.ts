import { z } from "zod";
import { attemptSchema } from "@/lib/protocol";

/** GET /tasks/{id}/logs. */
export const logsQuery = z.object({
  /** Chunks with a seq above this one (default: from the start). */
  after: z.coerce.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).default(-1),
  /** Which attempt's output (default: the task's current attempt). */
  attempt: z.coerce.number().pipe(attemptSchema).optional(),
  /** `text`: the whole stored output as a download. */
  format: z.enum(["json", "text"]).default("json"),
});
