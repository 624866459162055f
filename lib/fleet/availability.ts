import type { PresenceState } from "./states";

/** A presence history row: the state from `at` until the next row. */
export type PresenceMark = { state: string; at: number };
/** One slot of the availability bar: the state that held longest in it, or null before anything was known. */
export type AvailabilitySlot = { from: number; state: string | null };

/** How the bar colours a state: green up, grey asleep (or stopped / paused on purpose), red crashed or gone. */
export function slotTone(state: string | null): "up" | "rest" | "down" | "unknown" {
  if (state === null) return "unknown";
  if (state === "online") return "up";
  if (state === "asleep" || state === "stopped" || state === "paused") return "rest";
  return "down";
}

/**
 * Cuts [from, to) into `slots` equal slots and gives each the state that covered most of it. `marks` are sorted by
 * `at`; the last mark before `from` (if the caller included it) says what held when the window opened.
 */
export function availabilitySlots(marks: readonly PresenceMark[], from: number, to: number, slots: number): AvailabilitySlot[] {
  const width = (to - from) / slots;
  const out: AvailabilitySlot[] = [];
  let i = 0;
  let current: string | null = null;
  for (; i < marks.length && marks[i]!.at <= from; i++) current = marks[i]!.state;
  for (let s = 0; s < slots; s++) {
    const start = from + s * width;
    const end = start + width;
    const time = new Map<string | null, number>();
    let cursor = start;
    for (; i < marks.length && marks[i]!.at < end; i++) {
      const mark = marks[i]!;
      time.set(current, (time.get(current) ?? 0) + (mark.at - cursor));
      cursor = mark.at;
      current = mark.state;
    }
    time.set(current, (time.get(current) ?? 0) + (end - cursor));
    let best: string | null = null;
    let bestTime = -1;
    for (const [state, t] of time) if (t > bestTime) [best, bestTime] = [state, t];
    out.push({ from: Math.round(start), state: best });
  }
  return out;
}

/** Share of the known time in the window the agent was online (paused counts as up: it is reachable). */
export function uptimeShare(slots: readonly Pick<AvailabilitySlot, "state">[]): number | null {
  const known = slots.filter((s) => s.state !== null);
  if (known.length === 0) return null;
  return known.filter((s) => s.state === ("online" satisfies PresenceState) || s.state === "paused").length / known.length;
}

/** The median of a list of durations, or null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
