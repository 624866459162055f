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
  },
  (t) => [
    index("tasks_created_idx").on(t.createdAt, t.id),
    index("tasks_status_created_idx").on(t.status, t.createdAt, t.id),
    index("tasks_executor_created_idx").on(t.executor, t.createdAt, t.id),
    index("tasks_queue_idx").on(t.status, t.priorityRank, t.createdAt),
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
  (t) => [index("task_events_task_idx").on(t.taskId, t.id)],
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
  },
  (t) => [
    index("alerts_created_idx").on(t.createdAt, t.id),
    index("alerts_sev_ack_created_idx").on(t.severity, t.acknowledged, t.createdAt, t.id),
    index("alerts_ack_created_idx").on(t.acknowledged, t.createdAt, t.id),
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
