/** Hub settings, read from the room's environment (partykit `--var` or deployment vars). */
export type HubConfig = {
  secret: string;
  webUrl: string;
  pingIntervalMs: number;
  staleAfterMs: number;
  envKeys: string[];
};

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === "string" ? Number(value) : typeof value === "number" ? value : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(env: Record<string, unknown>): HubConfig {
  const secret = typeof env.COCKPIT_SECRET === "string" ? env.COCKPIT_SECRET : "";
  if (secret.length < 16) throw new Error("COCKPIT_SECRET must be set (at least 16 characters) for the hub");
  const envKeys = [env.QUEUE_API_KEY, env.ASSISTANT_API_KEY].filter((k): k is string => typeof k === "string" && k.length > 0);
  return {
    secret,
    webUrl: (typeof env.WEB_URL === "string" && env.WEB_URL) || "http://127.0.0.1:3000",
    pingIntervalMs: positiveInt(env.PING_INTERVAL_MS, 60_000),
    staleAfterMs: positiveInt(env.STALE_AFTER_MS, 120_000),
    envKeys,
  };
}
