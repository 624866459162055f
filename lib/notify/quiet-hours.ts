/** Quiet hours read on a wall clock in an IANA time zone, daylight saving included. Pure: Intl only. */

export const QUIET_HOURS_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a time zone this runtime knows (Intl's IANA database): "Europe/Berlin", "UTC", "America/New_York". */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

type Wall = { y: number; m: number; d: number; minute: number };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock at `at` in `zone`: date and minute of the day. */
function wallAt(at: number, zone: string): Wall {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), minute: Number(p.hour) * 60 + Number(p.minute) };
}

/** A wall time as a number that orders like time does (minutes since 1970 on a clock that never changes offset). */
const wallValue = (w: Wall) => Date.UTC(w.y, w.m - 1, w.d) / 60_000 + w.minute;

/** The zone's offset from UTC at `at`, in ms (whole minutes). */
function offsetAt(at: number, zone: string): number {
  const floored = Math.floor(at / 60_000) * 60_000;
  return wallValue(wallAt(floored, zone)) * 60_000 - floored;
}

/**
 * The first instant at which the wall clock in `zone` shows `target` or later: the one instant in the usual case,
 * the earlier one when the clock goes back and shows it twice, the end of the gap when it jumps over it.
 */
export function wallToInstant(target: Wall, zone: string): number {
  const naive = wallValue(target) * 60_000;
  const candidates = [...new Set([-1, 0, 1].map((days) => naive - offsetAt(naive + days * 86_400_000, zone)))].sort((a, b) => a - b);
  const exact = candidates.find((c) => wallValue(wallAt(c, zone)) === wallValue(target));
  if (exact !== undefined) return exact;
  // In a gap: search the minute the clock jumps past the target between the candidates.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (wallValue(wallAt(mid, zone)) >= wallValue(target)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** When quiet hours ("22:00-07:00" on the clock of `zone`, UTC by default) are on at `now`, the instant they end; otherwise null. */
export function quietUntilIn(quietHours: string | null, now: number, zone: string | null = null): number | null {
  const m = quietHours?.match(QUIET_HOURS_PATTERN);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (start === end) return null;
  const tz = zone ?? "UTC";
  const wall = wallAt(now, tz);
  const inside = start < end ? wall.minute >= start && wall.minute < end : wall.minute >= start || wall.minute < end;
  if (!inside) return null;
  // Across midnight and already past the start: the end is on tomorrow's clock.
  const endDay = start > end && wall.minute >= start ? new Date(Date.UTC(wall.y, wall.m - 1, wall.d + 1)) : new Date(Date.UTC(wall.y, wall.m - 1, wall.d));
  const endsAt = wallToInstant({ y: endDay.getUTCFullYear(), m: endDay.getUTCMonth() + 1, d: endDay.getUTCDate(), minute: end }, tz);
  return endsAt > now ? endsAt : null;
}
