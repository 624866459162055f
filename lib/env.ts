import "server-only";
import { z } from "zod";
import { databaseTarget } from "./db/target";
import { parseSeverityByPriority } from "./alerts/task-severity";

function isDatabaseUrl(url: string): boolean {
  try {
    databaseTarget(url);
    return true;
  } catch {
    return false;
  }
}

const severityByPriority = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const parsed = parseSeverityByPriority(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

/** Web settings, validated once at start: a bad value fails loudly with the variable's name. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .min(1)
    .default("file:data/cockpit.db")
    .refine((url) => isDatabaseUrl(url), "must be file:PATH, :memory:, or a libsql://, https:// or wss:// URL"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  COCKPIT_SECRET: z.string().min(16, "must be at least 16 characters (npm start generates one in data/secret)"),
  HUB_URL: z.url().default("http://127.0.0.1:1999"),
  /** The hub address browsers dial, when it differs from this host on HUB_PORT (TLS proxy, deployed hub). */
  HUB_PUBLIC_URL: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
  HUB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  QUEUE_API_KEY: z.string().optional(),
  ASSISTANT_API_KEY: z.string().optional(),
  /** The hub's ping interval; dashboards treat 2.5 silent intervals as a dead socket. Give both sides the same value. */
  PING_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** How often the web asks the hub who is connected (also wakes a restarted hub). */
  PRESENCE_SYNC_MS: z.coerce.number().int().min(200).default(15_000),
  /** Task engine timings (ms): how often timeouts are swept, how long an agent has to accept a task, how long a
   *  disconnected agent keeps its tasks, and the first retry delay (doubling per attempt, capped at a minute). */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  ACCEPT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  LOST_AGENT_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  /** A silent agent (stale, maybe asleep: its processes resume on wake) keeps its tasks longer; a crashed one (socket
   *  closed without a goodbye) not at all. */
  SILENT_AGENT_GRACE_MS: z.coerce.number().int().min(0).default(600_000),
  // A socket closed without a goodbye is a crash or a network drop (a roaming laptop): unset, it gets LOST_AGENT_GRACE_MS.
  CRASHED_AGENT_GRACE_MS: z.coerce.number().int().min(0).optional(),
  RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(1_000),
  /** How long the web waits for the hub to answer a command; a delivery whose answer times out stays with the hub's report. */
  HUB_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Where people reach this web (links in notifications); default http://localhost:PORT. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Notification outbox: how often it is polled, the first retry delay (doubling, capped at an hour), how long a
   *  claimed send may take before another web may retry it, and how long an acknowledge link stays valid. */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(0).default(5_000),
  NOTIFY_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Cockpit's own trouble as alerts: a channel whose last N attempts all failed, notifications due this long and
   *  still unsent, and how long writes must work again before a database-trouble alert resolves. */
  NOTIFY_CHANNEL_FAILURE_ALERT_AFTER: z.coerce.number().int().min(1).default(5),
  NOTIFY_BACKLOG_ALERT_MS: z.coerce.number().int().min(500).default(15 * 60_000),
  DB_TROUBLE_CLEAR_MS: z.coerce.number().int().min(0).default(60_000),
  /** Severity a task that failed for good / timed out raises, per priority: "urgent=critical,high=critical,medium=warning,low=off"
   *  (left-out priorities keep these defaults; "off" raises no alert). */
  TASK_FAILED_ALERT_SEVERITY: severityByPriority,
  TASK_TIMED_OUT_ALERT_SEVERITY: severityByPriority,
  ACK_LINK_TTL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(24 * 3600_000),
  /** Git safety radar (ms): how often it looks, and how old unpushed commits / uncommitted changes may get before a warning. */
  GIT_RADAR_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  UNPUSHED_ALERT_AFTER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(4 * 3600_000),
  DIRTY_ALERT_AFTER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3600_000),
  /** Seconds a dashboard session cookie lives. */
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
});

export type Env = z.infer<typeof schema>;
let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  // An empty variable counts as unset (shells and test launchers pass VAR= to clear one).
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

/** The spec's environment keys, honoured as full-access keys. */
export function envKeys(): { name: string; key: string }[] {
  const e = env();
  return [
    { name: "QUEUE_API_KEY", key: e.QUEUE_API_KEY ?? "" },
    { name: "ASSISTANT_API_KEY", key: e.ASSISTANT_API_KEY ?? "" },
  ].filter((k) => k.key.length > 0);
}

/** The dashboard's address for links that leave the browser (notifications). */
export function publicUrl(): string {
  const e = env();
  return (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}
