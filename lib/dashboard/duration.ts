/** 1500 → "1.5 s", 90000 → "1 min 30 s", 7200000 → "2 h". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${Number((ms / 1_000).toFixed(ms < 10_000 ? 1 : 0))} s`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1_000);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.slice(0, 2).join(" ");
}

/** Two units, down to the second: "12 min 40 s ago", "5 h 12 min ago", so rows created a few seconds apart differ. */
export function formatAgoPrecise(iso: string, at: number): string {
  const seconds = Math.max(0, Math.floor((at - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const i = units.findIndex(([, size]) => seconds >= size);
  const [bigName, big] = units[i]!;
  const [smallName, small] = units[i + 1]!;
  const rest = Math.floor((seconds % big) / small);
  return `${Math.floor(seconds / big)} ${bigName}${rest > 0 ? ` ${rest} ${smallName}` : ""} ago`;
}
