/** Pure decisions about silences: whether one is active, which alerts it matches. No I/O, shared by REST and the notifier. */

export type SilenceFilter = { agentId: string | null; kind: string | null; source: string | null; tag: string | null };
export type SilenceWindow = SilenceFilter & { startsAt: number; endsAt: number };
export type SilencedFacts = { agentId: string | null; kind: string | null; source: string | null; metadata: unknown };
export type SilenceState = "pending" | "active" | "expired";

export const SILENCE_FIELDS = ["agentId", "kind", "source", "tag"] as const;

/** An alert's tags: its metadata's `tags` list (strings only); automation sets them when it triggers. */
export function alertTags(metadata: unknown): string[] {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return [];
  const tags = (metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

export function silenceState(s: Pick<SilenceWindow, "startsAt" | "endsAt">, now: number): SilenceState {
  if (now >= s.endsAt) return "expired";
  return now < s.startsAt ? "pending" : "active";
}

/** A silence that sets no field would mute everything: the API refuses it, and it matches nothing here either. */
export function silenceIsScoped(s: SilenceFilter): boolean {
  return SILENCE_FIELDS.some((f) => s[f] !== null && s[f] !== "");
}

/** Every field the silence sets must equal the alert's (the tag must be among its tags); unset fields match anything. */
export function silenceMatches(s: SilenceFilter, a: SilencedFacts): boolean {
  if (!silenceIsScoped(s)) return false;
  if (s.agentId !== null && s.agentId !== a.agentId) return false;
  if (s.kind !== null && s.kind !== a.kind) return false;
  if (s.source !== null && s.source !== a.source) return false;
  return s.tag === null || alertTags(a.metadata).includes(s.tag);
}

/** Of the silences active at `now` that match the alert, the one that ends last (its end is what the page shows). */
export function silenceFor<S extends SilenceWindow>(silences: readonly S[], a: SilencedFacts, now: number): S | null {
  let best: S | null = null;
  for (const s of silences) {
    if (silenceState(s, now) !== "active" || !silenceMatches(s, a)) continue;
    if (!best || s.endsAt > best.endsAt) best = s;
  }
  return best;
}
