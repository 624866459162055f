/** `npm start`'s own settings, validated once: a bad value stops it with the variable's name, before anything starts. */
import { z } from "zod";

const port = (fallback: number) => z.coerce.number().int().min(1, "must be a port number").max(65535, "must be a port number").default(fallback);

const schema = z.object({
  PORT: port(3000),
  HUB_PORT: port(1999),
  /** Where the web listens; loopback unless the operator opens it (a TLS proxy in front, see docs/security.md). */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Where the hub listens; HOST unless set. */
  HUB_HOST: z.string().min(1).optional(),
  WEB_URL: z.url().optional(),
  HUB_URL: z.url().optional(),
  COCKPIT_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
});

export type StartConfig = z.infer<typeof schema>;

export function readStartConfig(env: Record<string, string | undefined> = process.env): StartConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return parsed.data;
}
