import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Alert silences (issue 13): a source muted for a window. Re-exported by schema.ts. */

const timestamp = (name: string) => integer(name);

/**
 * While a silence is active (startsAt ≤ now < endsAt) an alert matching every field it sets (agent, kind, source,
 * tag) is still recorded and counted, but marked silenced and not notified. Expiring sets endsAt to the moment.
 */
export const alertSilences = sqliteTable(
  "cockpit_alert_silences",
  {
    id: text("id").primaryKey(),
    agentId: text("agent_id"),
    kind: text("kind"),
    source: text("source"),
    /** Matches an alert whose metadata.tags (a list of strings) holds it. */
    tag: text("tag"),
    startsAt: timestamp("starts_at").notNull(),
    endsAt: timestamp("ends_at").notNull(),
    comment: text("comment").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiredBy: text("expired_by"),
  },
  (t) => [index("alert_silences_ends_idx").on(t.endsAt)],
);
