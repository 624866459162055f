import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const createKeyBody = z.object({ name: z.string().trim().min(1).max(128), role: z.enum(ROLES) });
