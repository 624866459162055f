import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Git safety (issue 16): the conflict radar's merge checks. Re-exported by schema.ts. */

const timestamp = (name: string) => integer(name);

/**
 * One row per pair of heads of one repository identity that the conflict radar saw changing the same files: the
 * `merge-check` git task it ran (one agent after the other until one has both commits) and the verdict. The id is
 * derived from the identity and both heads, so the same pair is never checked twice.
 */
export const mergeChecks = sqliteTable("cockpit_merge_checks", {
  id: text("id").primaryKey(),
  identity: text("identity").notNull(),
  headA: text("head_a").notNull(),
  headB: text("head_b").notNull(),
  /** pending (a task is out), clean, conflicting, or unknown (no agent had both commits). */
  verdict: text("verdict").notNull(),
  conflicts: text("conflicts", { mode: "json" }).$type<string[]>().notNull(),
  /** Why the verdict is unknown, per agent asked. */
  reason: text("reason"),
  /** The agent asked last (the one that answered, for clean and conflicting). */
  agentId: text("agent_id"),
  taskId: text("task_id"),
  /** Agents that were asked and did not have both commits. */
  tried: text("tried", { mode: "json" }).$type<string[]>().notNull(),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});
