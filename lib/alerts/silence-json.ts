import type { alertSilences } from "../db/schema";
import { iso } from "../http/time";
import { silenceState } from "./silence-match";

export type SilenceRow = typeof alertSilences.$inferSelect;

/** A silence as REST and the alerts page show it, with its state at `now`. */
export function silenceJson(s: SilenceRow, now = Date.now()) {
  return {
    id: s.id,
    agentId: s.agentId,
    kind: s.kind,
    source: s.source,
    tag: s.tag,
    startsAt: iso(s.startsAt)!,
    endsAt: iso(s.endsAt)!,
    comment: s.comment,
    createdBy: s.createdBy,
    createdAt: iso(s.createdAt)!,
    expiredBy: s.expiredBy,
    state: silenceState(s, now),
  };
}
