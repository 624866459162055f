import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The activity feed (issue 19) reads tasks, alerts, presence, approvals and the audit log where they are already
 * stored; only git changes are not kept anywhere (a repo row holds its latest state), so triggers on
 * cockpit_git_repos write them here (hand-written migration `feed_git_activity_triggers`). Re-exported by schema.ts.
 */
export const gitActivity = sqliteTable(
  "cockpit_git_activity",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    /** seen (first report) | branch | head | status */
    type: text("type").notNull(),
    agentId: text("agent_id").notNull(),
    repoId: text("repo_id").notNull(),
    repoName: text("repo_name").notNull(),
    /** What it was and what it is now, e.g. "main → fix" or "clean → dirty". */
    message: text("message"),
  },
  (t) => [index("git_activity_at_idx").on(t.at), index("git_activity_repo_idx").on(t.repoId, t.at)],
);
