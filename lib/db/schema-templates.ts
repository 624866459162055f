import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { RequiresRepo } from "../protocol/git-safety";

/** Task templates (issue 19): the command bar's quick actions, `/test`, `/review`…; admins define them. Re-exported by schema.ts. */
export const taskTemplates = sqliteTable("cockpit_task_templates", {
  /** Slash-safe and unique: the command is `/<name>`. */
  name: text("name").primaryKey(),
  description: text("description").notNull().default(""),
  executor: text("executor").notNull(),
  /** JSON with `{args}` / `{repo}` placeholders in its strings, filled on each run. */
  payload: text("payload", { mode: "json" }).$type<unknown>(),
  priority: text("priority").notNull().default("medium"),
  requires: text("requires", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  /** The state the chosen repository must be in (clean, branch…); null runs without a repository gate. */
  requiresRepo: text("requires_repo", { mode: "json" }).$type<Omit<RequiresRepo, "repo">>(),
  targetAgentId: text("target_agent_id"),
  createdBy: text("created_by"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
