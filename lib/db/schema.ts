import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Provenance, RequiresRepo, Worktree } from "../protocol/git-safety";

/** Milliseconds since the epoch; JSON responses turn them into ISO-8601 strings. */
const timestamp = (name: string) => integer(name);

export const tasks = sqliteTable(
  "cockpit_tasks",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    executor: text("executor").notNull(),
    payload: text("payload", { mode: "json" }),
    status: text("status").notNull().default("pending"),
    priority: text("priority").notNull().default("medium"),
    /** 0 = urgent … 3 = low; the scheduler orders by it. */
    priorityRank: integer("priority_rank").notNull().default(2),
    requires: text("requires", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    targetAgentId: text("target_agent_id"),
    assignedAgentId: text("assigned_agent_id"),
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(1),
    result: text("result", { mode: "json" }),
    logs: text("logs"),
    error: text("error"),
    createdBy: text("created_by"),
    /** Tasks that must complete before this one may start. */
    dependsOn: text("depends_on", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Set on fan-out children: the parent completes when all of them complete. */
    parentId: text("parent_id"),
    /** A fan-out parent is never run itself; it waits for its children. */
    kind: text("kind").notNull().default("task"),
    /** Not offered before this time (retry backoff). */
    availableAt: timestamp("available_at").notNull().default(0),
    /** Never picked up by then → timed_out ("expired"). */
    expiresAt: timestamp("expires_at"),
    /** Run timeout per attempt, in ms. */
    timeoutMs: integer("timeout_ms"),
    /** Safe to run twice: an interrupted attempt (agent restarted or vanished mid-run) is retried only if true. */
    idempotent: integer("idempotent", { mode: "boolean" }).notNull().default(false),
    /** Deliveries that expired unaccepted: re-offered without spending an attempt, until MAX_EXPIRIES. */
    expiries: integer("expiries").notNull().default(0),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    assignedAt: timestamp("assigned_at"),
    startedAt: timestamp("started_at"),
    completedAt: timestamp("completed_at"),
    /** Git-gated task: the repository state an agent must report (and re-check) to run it. */
    requiresRepo: text("requires_repo", { mode: "json" }).$type<RequiresRepo>(),
    /** What the run did to its repository (HEAD before/after, commits, diffstat), as the agent reported it. */
    provenance: text("provenance", { mode: "json" }).$type<Provenance>(),
    /** Run time of a finished run (completed_at - started_at), -1 otherwise: the tasks table's duration sort key. */
    durationMs: integer("duration_ms")
      .notNull()
      .generatedAlwaysAs(sql`coalesce(completed_at - started_at, -1)`, { mode: "virtual" }),
  },
  (t) => [
    index("tasks_created_idx").on(t.createdAt, t.id),
    // The tasks table's other sort keys, each walked in order (keyset pages) unfiltered or by status.
    index("tasks_duration_idx").on(t.durationMs, t.id),
    index("tasks_status_duration_idx").on(t.status, t.durationMs, t.id),
    index("tasks_priority_idx").on(t.priorityRank, t.createdAt, t.id),
    index("tasks_status_created_idx").on(t.status, t.createdAt, t.id),
    index("tasks_executor_created_idx").on(t.executor, t.createdAt, t.id),
    index("tasks_queue_idx").on(t.status, t.priorityRank, t.createdAt, t.id),
    index("tasks_agent_status_idx").on(t.assignedAgentId, t.status),
    index("tasks_parent_idx").on(t.parentId),
    // The sweep looks for expired pending tasks every second: only pending tasks with a queue timeout are here.
    index("tasks_pending_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending' AND ${t.expiresAt} IS NOT NULL`),
    // The sweep's coordination checks run every second; these keep them to fan-out parents and tasks with
    // dependencies instead of every running or pending task.
    index("tasks_fanout_status_idx")
      .on(t.status)
      .where(sql`${t.kind} = 'fan-out'`),
    index("tasks_deps_status_idx")
      .on(t.status)
      .where(sql`${t.dependsOn} != '[]'`),
    // Every dispatch round counts what it could claim, and the sweep looks for overdue runs: both read only these
    // entries (a count never touches a row), so their cost follows the queue, not the table.
    index("tasks_claimable_idx")
      .on(t.availableAt)
      .where(sql`${t.status} = 'pending' AND ${t.kind} = 'task'`),
    index("tasks_running_deadline_idx")
      .on(sql`${t.startedAt} + ${t.timeoutMs}`)
      .where(sql`${t.status} = 'running' AND ${t.timeoutMs} IS NOT NULL`),
  ],
);

/** One row per attempt: which agent, when, and how it ended. */
export const taskAttempts = sqliteTable(
  "cockpit_task_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: text("task_id").notNull(),
    attempt: integer("attempt").notNull(),
    agentId: text("agent_id").notNull(),
    assignedAt: timestamp("assigned_at").notNull(),
    startedAt: timestamp("started_at"),
    endedAt: timestamp("ended_at"),
    /** completed | failed | cancelled | timed_out | lost | interrupted | rejected (undeliverable) | expired (delivered, never accepted; not counted) */
    outcome: text("outcome"),
    reason: text("reason"),
  },
  (t) => [uniqueIndex("attempts_task_attempt_idx").on(t.taskId, t.attempt)],
);

export const taskEvents = sqliteTable(
  "cockpit_task_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: text("task_id").notNull(),
    type: text("type").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    agentId: text("agent_id"),
    attempt: integer("attempt"),
    message: text("message"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("task_events_task_idx").on(t.taskId, t.id), index("task_events_created_idx").on(t.createdAt)],
);

export const gitRepos = sqliteTable(
  "cockpit_git_repos",
  {
    /** The web's key for the row: one per agent and path (repoKey). The spec's column name stays `id`. */
    key: text("id").primaryKey(),
    agentId: text("agent_id").notNull(),
    /** The agent's id for the repository, as the git-status frame and the JSON say: `id`. */
    id: text("repo_id").notNull(),
    path: text("path").notNull(),
    name: text("name").notNull(),
    branch: text("branch"),
    status: text("status"),
    uncommittedCount: integer("uncommitted_count").notNull().default(0),
    aheadCount: integer("ahead_count").notNull().default(0),
    behindCount: integer("behind_count").notNull().default(0),
    modifiedFiles: text("modified_files", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    error: text("error"),
    lastChecked: timestamp("last_checked").notNull(),
    createdAt: timestamp("created_at").notNull(),
    // Git safety (issue 16): what the agent reports beyond the spec, and since when the tree is dirty.
    remoteIdentity: text("remote_identity"),
    headCommit: text("head_commit"),
    unpushedCount: integer("unpushed_count").notNull().default(0),
    oldestUnpushedAt: timestamp("oldest_unpushed_at"),
    unpushedFiles: text("unpushed_files", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    stashCount: integer("stash_count").notNull().default(0),
    untrackedCount: integer("untracked_count").notNull().default(0),
    lastFetchAt: timestamp("last_fetch_at"),
    worktrees: text("worktrees", { mode: "json" })
      .$type<Worktree[]>()
      .notNull()
      .default(sql`'[]'`),
    /** First report with uncommitted changes since the tree was last clean. */
    dirtySince: timestamp("dirty_since"),
  },
  (t) => [
    uniqueIndex("repos_agent_path_idx").on(t.agentId, t.path),
    index("repos_identity_idx").on(t.remoteIdentity),
    index("repos_status_idx").on(t.status, t.lastChecked, t.key),
    index("repos_checked_idx").on(t.lastChecked, t.key),
  ],
);

export const alerts = sqliteTable(
  "cockpit_alerts",
  {
    id: text("id").primaryKey(),
    severity: text("severity").notNull(),
    title: text("title").notNull(),
    message: text("message"),
    source: text("source"),
    agentId: text("agent_id"),
    metadata: text("metadata", { mode: "json" }),
    acknowledged: integer("acknowledged", { mode: "boolean" }).notNull().default(false),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgedAt: timestamp("acknowledged_at"),
    createdAt: timestamp("created_at").notNull(),
    /** open → acknowledged → resolved (lib/alerts/lifecycle.ts); `acknowledged` stays true for anything not open. */
    status: text("status").notNull().default("open"),
    /** Stable key for automation and Cockpit's own alerts: a trigger with a known key updates (or reopens) that row. */
    dedupKey: text("dedup_key"),
    kind: text("kind"),
    taskId: text("task_id"),
    repoId: text("repo_id"),
    /** Triggers folded into this alert, and when the last one came. */
    count: integer("count").notNull().default(1),
    lastSeenAt: timestamp("last_seen_at"),
    /** When it was last triggered anew (created or reopened): repeats and escalation count from here. */
    triggeredAt: timestamp("triggered_at"),
    ackComment: text("ack_comment"),
    resolvedAt: timestamp("resolved_at"),
    resolvedBy: text("resolved_by"),
    resolveReason: text("resolve_reason"),
    /** No notifications before this time (the alert stays open). */
    snoozedUntil: timestamp("snoozed_until"),
    /** When an acknowledgement was last undone (open again); with the other times it orders the row's versions. */
    unacknowledgedAt: timestamp("unacknowledged_at"),
    /** The silence that muted this alert's notifications (lib/alerts/silences.ts), and until when. */
    silenceId: text("silence_id"),
    silencedUntil: timestamp("silenced_until"),
  },
  (t) => [
    uniqueIndex("alerts_dedup_key_idx")
      .on(t.dedupKey)
      .where(sql`${t.dedupKey} IS NOT NULL`),
    index("alerts_status_created_idx").on(t.status, t.createdAt, t.id),
    index("alerts_created_idx").on(t.createdAt, t.id),
    index("alerts_sev_ack_created_idx").on(t.severity, t.acknowledged, t.createdAt, t.id),
    index("alerts_ack_created_idx").on(t.acknowledged, t.createdAt, t.id),
    index("alerts_silenced_until_idx")
      .on(t.silencedUntil)
      .where(sql`${t.silencedUntil} IS NOT NULL`),
  ],
);

export const agents = sqliteTable(
  "cockpit_agents",
  {
    id: text("id").primaryKey(),
    status: text("status").notNull(),
    connected: integer("connected", { mode: "boolean" }).notNull().default(false),
    capabilities: text("capabilities", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    metadata: text("metadata", { mode: "json" }),
    maxConcurrency: integer("max_concurrency").notNull().default(1),
    extensions: text("extensions", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    keyId: text("key_id"),
    connectedAt: timestamp("connected_at"),
    lastPingAt: timestamp("last_ping_at"),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    disconnectedAt: timestamp("disconnected_at"),
    /** Fleet truth: online | paused | unreachable | asleep | stopped | crashed | offline (lib/fleet/states.ts), since when. */
    presence: text("presence").notNull().default("offline"),
    presenceSince: timestamp("presence_since"),
    /** Paused by an operator: takes nothing new, finishes what it has. Null when not paused. */
    pausedAt: timestamp("paused_at"),
    pausedBy: text("paused_by"),
    /** The last gap the agent reported as sleep (wake report), on the web's clock. */
    lastSleptAt: timestamp("last_slept_at"),
    lastWokeAt: timestamp("last_woke_at"),
  },
  (t) => [index("agents_connected_idx").on(t.connected, t.status)],
);

/** Which key owns an agentId: the first key to register it. Only an admin releases or reassigns it. */
export const agentOwners = sqliteTable("cockpit_agent_owners", {
  agentId: text("agent_id").primaryKey(),
  keyId: text("key_id").notNull(),
  claimedAt: timestamp("claimed_at").notNull(),
});

export const apiKeys = sqliteTable(
  "cockpit_api_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    /** sha256 of the key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at").notNull(),
    lastUsedAt: timestamp("last_used_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.keyHash)],
);

export const auditLog = sqliteTable(
  "cockpit_audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    detail: text("detail", { mode: "json" }),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("audit_created_idx").on(t.createdAt)],
);

/** Ids of hub events already applied, so a retried batch changes nothing twice. */
export const hubEvents = sqliteTable(
  "cockpit_hub_events",
  {
    id: text("id").primaryKey(),
    receivedAt: timestamp("received_at").notNull(),
  },
  (t) => [index("hub_events_received_idx").on(t.receivedAt)],
);

/**
 * Row counts kept by triggers (see the count_triggers migration), so list totals and the overview do not count
 * a million rows per request. Scopes: "task_status" keyed by status, "alert" keyed by "severity:acknowledged".
 */
export const counts = sqliteTable(
  "cockpit_counts",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** One row, rewritten by /api/health: proves the database still accepts writes (a full or read-only disk fails it). */
export const healthProbe = sqliteTable("cockpit_health_probe", {
  id: integer("id").primaryKey(),
  checkedAt: timestamp("checked_at").notNull(),
});

/** A running task's output as the holder streamed it (task-log), per attempt, bounded per attempt (lib/task-logs). */
export const taskLogs = sqliteTable(
  "cockpit_task_logs",
  {
    taskId: text("task_id").notNull(),
    attempt: integer("attempt").notNull(),
    /** The agent's sequence number of the chunk within the attempt. */
    seq: integer("seq").notNull(),
    chunk: text("chunk").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.attempt, t.seq] })],
);

/** How much of an attempt's output is stored, and whether older chunks were dropped to keep it under the bound. */
export const taskLogState = sqliteTable(
  "cockpit_task_log_state",
  {
    taskId: text("task_id").notNull(),
    attempt: integer("attempt").notNull(),
    bytes: integer("bytes").notNull().default(0),
    /** Chunks before this seq were dropped (0: nothing dropped). */
    firstSeq: integer("first_seq").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.attempt] })],
);

/**
 * Task analytics rollups, kept by triggers (see the analytics custom migration): one row per hour bucket and
 * dimension ("all" with key "", "executor", "priority", "agent"). Tasks ended are counted in the hour they ended.
 */
export const taskRollups = sqliteTable(
  "cockpit_task_rollups",
  {
    dim: text("dim").notNull(),
    bucket: timestamp("bucket").notNull(),
    key: text("key").notNull(),
    created: integer("created").notNull().default(0),
    completed: integer("completed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    timedOut: integer("timed_out").notNull().default(0),
    cancelled: integer("cancelled").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dim, t.bucket, t.key] })],
);

/** Per-bucket histograms of run duration and queue wait: `bin` is the value's floor to two significant digits, in ms. */
export const taskHistograms = sqliteTable(
  "cockpit_task_histograms",
  {
    dim: text("dim").notNull(),
    bucket: timestamp("bucket").notNull(),
    key: text("key").notNull(),
    metric: text("metric").notNull(),
    bin: integer("bin").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dim, t.bucket, t.key, t.metric, t.bin] })],
);

/** Failure reasons (first 120 characters of the task's error) counted per bucket and dimension. */
export const taskFailureReasons = sqliteTable(
  "cockpit_task_failure_reasons",
  {
    dim: text("dim").notNull(),
    bucket: timestamp("bucket").notNull(),
    key: text("key").notNull(),
    reason: text("reason").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.dim, t.bucket, t.key, t.reason] })],
);
export * from "./schema-fleet";
export * from "./schema-git-safety";
export * from "./schema-activity";
export * from "./schema-push";
export * from "./schema-silences";
export * from "./schema-templates";
/** Each alert's timeline: triggered, repeated, reopened, acknowledged (with comment), snoozed, resolved, notified. */
export const alertEvents = sqliteTable(
  "cockpit_alert_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    alertId: text("alert_id").notNull(),
    type: text("type").notNull(),
    actor: text("actor"),
    message: text("message"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("alert_events_alert_idx").on(t.alertId, t.id), index("alert_events_created_idx").on(t.createdAt)],
);

/** Where notifications go. `config` holds the channel's settings, secrets included, AES-GCM encrypted (lib/notify/secrets.ts). */
export const notifyChannels = sqliteTable("cockpit_notify_channels", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  type: text("type").notNull(),
  configSealed: text("config_sealed").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  /** "HH:MM-HH:MM" in UTC; non-critical notifications wait until it ends. */
  quietHours: text("quiet_hours"),
  /** IANA time zone the quiet hours are read in (e.g. Europe/Berlin); null means UTC. */
  quietTimeZone: text("quiet_time_zone"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

/** Which alerts go to which channels, how often they repeat and where they escalate. */
export const notifyRules = sqliteTable("cockpit_notify_rules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  severities: text("severities", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  sources: text("sources", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  agentIds: text("agent_ids", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  kinds: text("kinds", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  channelIds: text("channel_ids", { mode: "json" }).$type<string[]>().notNull(),
  repeatMinutes: integer("repeat_minutes"),
  escalateAfterMinutes: integer("escalate_after_minutes"),
  escalateChannelIds: text("escalate_channel_ids", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  createdAt: timestamp("created_at").notNull(),
});

/**
 * The durable notification outbox: one row per (alert event, channel). `key` is unique, so the same event is never
 * queued twice; the sender claims a row with a lease before sending and marks it sent after a 2xx.
 */
export const notifyOutbox = sqliteTable(
  "cockpit_notify_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    alertId: text("alert_id"),
    channelId: text("channel_id").notNull(),
    /** trigger | repeat | escalate | resolve | test */
    event: text("event").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    leaseUntil: timestamp("lease_until"),
    lastError: text("last_error"),
    httpStatus: integer("http_status"),
    sentAt: timestamp("sent_at"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("notify_outbox_key_idx").on(t.key),
    index("notify_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("notify_outbox_alert_idx").on(t.alertId, t.id),
  ],
);

/** Every send attempt, for the alert's delivery log. */
export const notifyDeliveries = sqliteTable(
  "cockpit_notify_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outboxId: integer("outbox_id").notNull(),
    alertId: text("alert_id"),
    channelId: text("channel_id").notNull(),
    event: text("event").notNull(),
    result: text("result").notNull(),
    httpStatus: integer("http_status"),
    error: text("error"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [
    index("notify_deliveries_alert_idx").on(t.alertId, t.id),
    // A channel's latest attempts: is it failing again and again (lib/alerts/cockpit-trouble.ts)?
    index("notify_deliveries_channel_idx").on(t.channelId, t.id),
  ],
);

/** Acknowledge links already used: a link works once. */
export const usedAckLinks = sqliteTable("cockpit_used_ack_links", {
  nonce: text("nonce").primaryKey(),
  alertId: text("alert_id").notNull(),
  usedAt: timestamp("used_at").notNull(),
});
/** A coding account that stopped on its usage limit: tasks requiring `account:<account>` wait until `until`. */
export const accountHolds = sqliteTable("cockpit_account_holds", {
  account: text("account").primaryKey(),
  until: timestamp("until").notNull(),
  reason: text("reason"),
  agentId: text("agent_id"),
  taskId: text("task_id"),
  createdAt: timestamp("created_at").notNull(),
});

/** A coding session on an agent's machine (Claude Code hooks), as its last hook event left it. */
export const codingSessions = sqliteTable(
  "cockpit_sessions",
  {
    agentId: text("agent_id").notNull(),
    sessionId: text("session_id").notNull(),
    tool: text("tool").notNull(),
    state: text("state").notNull(),
    lastEvent: text("last_event").notNull(),
    cwd: text("cwd"),
    branch: text("branch"),
    message: text("message"),
    startedAt: timestamp("started_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    /** Since when the session has been waiting for the user; null while it is not. */
    waitingSince: timestamp("waiting_since"),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.sessionId] }), index("sessions_state_idx").on(t.state, t.updatedAt)],
);

/** A tool call a session's hook holds until an operator decides (or the timeout denies it). */
export const approvals = sqliteTable(
  "cockpit_approvals",
  {
    id: text("id").primaryKey(),
    agentId: text("agent_id").notNull(),
    sessionId: text("session_id").notNull(),
    toolName: text("tool_name").notNull(),
    command: text("command").notNull(),
    pattern: text("pattern").notNull(),
    cwd: text("cwd"),
    /** pending, allow or deny. */
    status: text("status").notNull().default("pending"),
    reason: text("reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at"),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
  },
  (t) => [index("approvals_status_idx").on(t.status, t.createdAt), index("approvals_decided_idx").on(t.decidedAt, t.id)],
);

/** Commits a task created (from its provenance), so tasks can be found by commit (prefix) through the index on sha. */
export const taskCommits = sqliteTable(
  "cockpit_task_commits",
  {
    sha: text("sha").notNull(),
    taskId: text("task_id").notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha, t.taskId] }), index("task_commits_task_idx").on(t.taskId)],
);
