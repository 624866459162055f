/** The activity feed's vocabulary, shared by the query, the REST schema and the dashboard (no zod, no server code). */

/** What an entry is about; the REST filter `kind` takes one of these. */
export const ACTIVITY_KINDS = ["task", "git", "alert", "agent", "approval", "command"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * Where entries come from, one letter each; an entry's id is `<source>:<row id>`. The order of this list breaks ties
 * between entries of the same millisecond (with the row id), so paging never skips or repeats one.
 */
export const ACTIVITY_SOURCES = ["a", "c", "g", "p", "t", "v"] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export const KIND_OF_SOURCE: Record<ActivitySource, ActivityKind> = { a: "alert", c: "command", g: "git", p: "agent", t: "task", v: "approval" };

/** One entry, as the query builds it (times in ms since the epoch; JSON turns `at` into ISO-8601). */
export type ActivityEntry = {
  id: string;
  at: number;
  kind: ActivityKind;
  /** What happened, per kind: a task event (created, assigned, running, completed…), an alert event, a presence state… */
  type: string;
  /** A one-line human summary ("Task build #12 completed"). */
  title: string;
  message: string | null;
  agentId: string | null;
  repo: string | null;
  /** Who did it when a person or key did (alert acks, approvals, commands). */
  actor: string | null;
  /** The row it is about, for a link: task id, alert id, agent id, repo id, approval id, or the command's target. */
  subjectId: string | null;
};

/** The JSON face of an entry. */
export type ActivityJson = Omit<ActivityEntry, "at"> & { at: string };

export function activityJson(e: ActivityEntry): ActivityJson {
  return { ...e, at: new Date(e.at).toISOString() };
}

/** The dashboard page an entry opens, or null when it has none. */
export function activityHref(e: Pick<ActivityEntry, "kind" | "subjectId" | "agentId">): string | null {
  const id = e.subjectId ? encodeURIComponent(e.subjectId) : null;
  switch (e.kind) {
    case "task":
      return id ? `/tasks/${id}` : null;
    case "alert":
      return id ? `/alerts/${id}` : null;
    case "agent":
      return id ? `/agents/${id}` : null;
    case "git":
      return "/repos";
    case "approval":
      return "/approvals";
    case "command":
      return null;
  }
}
