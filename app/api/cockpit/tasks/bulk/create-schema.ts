import { z } from "zod";
import { createTaskBody } from "../schema";

/** Tasks one bulk request may create. */
export const BULK_CREATE_LIMIT = 1000;
/** A thousand tasks with modest payloads; one task's own 256 KiB payload limit still holds per item. */
export const BULK_CREATE_BODY_BYTES = 16 * 1024 * 1024;

/** The envelope; each item is checked on its own against POST /tasks' schema so errors name their index. */
export const bulkCreateBody = z.object({
  tasks: z.array(z.unknown()).min(1).max(BULK_CREATE_LIMIT),
});

/** One task of a bulk request: POST /tasks' body without fan-out (a fan-out creates children per agent). */
export const bulkTaskItem = createTaskBody.omit({ fanOut: true });
