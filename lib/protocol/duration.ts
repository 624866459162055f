const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * "1500", "500ms", "90s", "5m", "1.5h", "2d" → milliseconds; null when it is not a duration. A bare number is
 * milliseconds everywhere (agent options, config files and the dashboard's form), as every `…Ms` field is.
 */
export function durationMs(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?$/i.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * (UNITS[(match[2] ?? "ms").toLowerCase()] ?? 1);
  return Number.isFinite(ms) ? Math.round(ms) : null;
}
