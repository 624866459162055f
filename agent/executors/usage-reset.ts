/** Reading a coding CLI's "usage limit reached" message: is it one, and when does the limit reset. */

/** Claude Code ("Claude AI usage limit reached|<epoch>", "You've hit your session limit · resets 3pm (Europe/Paris)",
 * "You're out of extra usage · resets 7pm") and Codex ("You've hit your usage limit … try again at 3:28 PM."). */
const LIMIT_TEXT = /usage limit|session limit|weekly limit|hit your limit|out of extra usage/i;

export function isUsageLimitText(text: string): boolean {
  return LIMIT_TEXT.test(text);
}

const UNIT_MS: Record<string, number> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/** The moment the message says the limit resets, or null when it names none we can read. */
export function parseResetTime(text: string, now: Date): Date | null {
  const epoch = /\|(\d{10})\b/.exec(text);
  if (epoch) return new Date(Number(epoch[1]) * 1000);
  const relative = /try again in ((?:\d+\s+(?:day|hour|minute|second)s?[\s,]*(?:and\s+)?)+)/i.exec(text);
  if (relative) {
    let ms = 0;
    for (const m of relative[1]!.matchAll(/(\d+)\s+(day|hour|minute|second)/gi)) ms += Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
    if (ms > 0) return new Date(now.getTime() + ms);
  }
  const wall = /(?:resets?(?: at)?|try again at)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?(?:\s*\(([A-Za-z_]+(?:\/[A-Za-z_+-]+)*)\))?/i.exec(text);
  if (wall) {
    let hour = Number(wall[1]);
    const minute = Number(wall[2] ?? 0);
    const half = wall[3]?.toLowerCase();
    if (half === "pm" && hour < 12) hour += 12;
    if (half === "am" && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return null;
    return nextWallTime(hour, minute, wall[4], now);
  }
  return null;
}

/** The next moment (after `now`) the clock in `timeZone` (default: this machine's) shows hour:minute. */
function nextWallTime(hour: number, minute: number, timeZone: string | undefined, now: Date): Date | null {
  let parts: Record<string, number>;
  try {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    parts = Object.fromEntries(
      format
        .formatToParts(now)
        .filter((p) => p.type !== "literal")
        .map((p) => [p.type, Number(p.value)]),
    );
  } catch {
    return null; // an unknown time zone name
  }
  const wallNowAsUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offsetMs = wallNowAsUtc - Math.floor(now.getTime() / 1000) * 1000;
  let candidate = Date.UTC(parts.year!, parts.month! - 1, parts.day!, hour, minute) - offsetMs;
  if (candidate <= now.getTime()) candidate += 86_400_000;
  return new Date(candidate);
}
