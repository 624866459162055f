/** Pure decisions of the notifier: which rules an alert matches, quiet hours, retry timing, how a reply is classified. */
import { quietUntilIn } from "./quiet-hours";

export type RuleFilter = { severities: string[]; sources: string[]; agentIds: string[]; kinds: string[] };
export type AlertFacts = { severity: string; source: string | null; agentId: string | null; kind: string | null };

/** An empty list matches anything; a non-empty list must contain the alert's value. */
export function ruleMatches(rule: RuleFilter, a: AlertFacts): boolean {
  const ok = (list: string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));
  return ok(rule.severities, a.severity) && ok(rule.sources, a.source) && ok(rule.agentIds, a.agentId) && ok(rule.kinds, a.kind);
}

export { QUIET_HOURS_PATTERN } from "./quiet-hours";

/** When quiet hours ("22:00-07:00", on the clock of `timeZone`, UTC when null) are on at `now`, the time they end; otherwise null. */
export function quietUntil(quietHours: string | null, now: number, timeZone: string | null = null): number | null {
  return quietUntilIn(quietHours, now, timeZone);
}

/** Criticals and resolves of criticals bypass quiet hours; tests are sent when asked for. */
export function bypassesQuietHours(severity: string | null, event: string): boolean {
  return severity === "critical" || event === "test";
}

export const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 3600_000;

/** Doubling from the base after each failed attempt (1 → base, 2 → 2×base …), capped at an hour. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Retry-After as seconds or an HTTP date; Discord's and Telegram's JSON fields when the header is missing. */
export function retryAfterMs(header: string | null, body: unknown, now: number): number | null {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (typeof body === "object" && body !== null) {
    const b = body as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
    const value = typeof b.retry_after === "number" ? b.retry_after : b.parameters?.retry_after;
    if (typeof value === "number" && value >= 0) return Math.ceil(value * 1000);
  }
  return null;
}

export type SendVerdict = { kind: "sent" } | { kind: "retry"; afterMs: number | null } | { kind: "failed" };

/** 2xx is sent; 429 waits for its retry-after; 408, 425 and 5xx (and no answer) retry with backoff; other 4xx will never work. */
export function classifyStatus(status: number | null): SendVerdict {
  if (status === null) return { kind: "retry", afterMs: null };
  if (status >= 200 && status < 300) return { kind: "sent" };
  if (status === 429 || status === 408 || status === 425 || status >= 500) return { kind: "retry", afterMs: null };
  return { kind: "failed" };
}

/** Repeats while open: the n-th repeat is due n×interval after the trigger; only the newest due one is sent. */
export function dueRepeat(triggeredAt: number, repeatMinutes: number | null, now: number): number | null {
  if (!repeatMinutes || repeatMinutes <= 0) return null;
  const n = Math.floor((now - triggeredAt) / (repeatMinutes * 60_000));
  return n >= 1 ? n : null;
}
