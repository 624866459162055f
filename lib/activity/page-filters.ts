import { ACTIVITY_KINDS, type ActivityKind } from "./types";

/** The feed page's filters from its URL, checked the way the REST query checks them (bad values are dropped). */
export type ActivityFilters = { kind?: ActivityKind; agent?: string; repo?: string };

const one = (v: string | string[] | undefined) => {
  const s = typeof v === "string" ? v.replaceAll("\u0000", "").trim() : "";
  return s === "" ? undefined : s;
};

export function activityFilters(p: Record<string, string | string[] | undefined>): ActivityFilters {
  const kind = one(p.kind);
  return {
    kind: kind && (ACTIVITY_KINDS as readonly string[]).includes(kind) ? (kind as ActivityKind) : undefined,
    agent: one(p.agent)?.slice(0, 128),
    repo: one(p.repo)?.slice(0, 300),
  };
}
