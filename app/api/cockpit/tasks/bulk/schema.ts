import { z } from "zod";
import { TASK_STATUSES, idSchema } from "@/lib/protocol/common";

export const BULK_LIMIT = 1000;

export const bulkBody = z
  .object({
    ids: z.array(idSchema).min(1).max(BULK_LIMIT).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    executor: z.string().min(1).max(128).optional(),
  })
  .refine((b) => b.ids || b.status || b.executor, { message: "give ids, status or executor", path: ["ids"] });
