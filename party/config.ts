import { z } from "zod";

/** Every setting the hub reads from its environment (the room's vars); the launcher passes exactly these. */
export const HUB_VAR_NAMES = [
  "COCKPIT_SECRET",
  "WEB_URL",
  "QUEUE_API_KEY",
  "ASSISTANT_API_KEY",
  "PING_INTERVAL_MS",
  "STALE_AFTER_MS",
  "HUB_HIBERNATE",
] as const;

const positiveMs = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number of milliseconds")
    .transform(Number)
    .refine((n) => n > 0, "must be above 0")
    .optional()
    .transform((n) => n ?? fallback);

const optionalKey = z.string().optional();

const hubEnv = z.object({
  COCKPIT_SECRET: z.string({ error: "must be set" }).min(16, "must be at least 16 characters"),
  WEB_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  QUEUE_API_KEY: optionalKey,
  ASSISTANT_API_KEY: optionalKey,
  PING_INTERVAL_MS: positiveMs(60_000),
  STALE_AFTER_MS: positiveMs(120_000),
  /** "1": PartyKit hibernation (sockets survive while the room sleeps; Durable Objects then hold ~32k per room). */
  HUB_HIBERNATE: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).optional(),
});

/** Hub settings, validated once: a bad value fails loudly, naming the variable, instead of falling back. */
export type HubConfig = {
  secret: string;
  webUrl: string;
  pingIntervalMs: number;
  staleAfterMs: number;
  /** Full-access keys from the environment, with the variable each came from (for audit labels). */
  envKeys: { name: "QUEUE_API_KEY" | "ASSISTANT_API_KEY"; key: string }[];
  hibernate: boolean;
};

const cache = new WeakMap<object, HubConfig>();

export function readConfig(env: Record<string, unknown>): HubConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const picked = Object.fromEntries(HUB_VAR_NAMES.map((name) => [name, env[name] === "" ? undefined : env[name]]));
  const parsed = hubEnv.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
    throw new Error(`hub configuration is invalid: ${problems}`);
  }
  const e = parsed.data;
  const envKeys: HubConfig["envKeys"] = [];
  if (e.QUEUE_API_KEY) envKeys.push({ name: "QUEUE_API_KEY", key: e.QUEUE_API_KEY });
  if (e.ASSISTANT_API_KEY) envKeys.push({ name: "ASSISTANT_API_KEY", key: e.ASSISTANT_API_KEY });
  const config: HubConfig = {
    secret: e.COCKPIT_SECRET,
    webUrl: e.WEB_URL ?? "http://127.0.0.1:3000",
    pingIntervalMs: e.PING_INTERVAL_MS,
    staleAfterMs: e.STALE_AFTER_MS,
    envKeys,
    hibernate: e.HUB_HIBERNATE === "1",
  };
  cache.set(env, config);
  return config;
}
