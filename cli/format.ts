/** Plain aligned columns for people; --json prints the server's JSON instead. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return "(none)";
  const cell = (v: unknown) => (v === null || v === undefined ? "-" : Array.isArray(v) ? v.join(",") : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join("\n");
}

export function fields(record: Record<string, unknown>, keys: string[]): string {
  return keys
    .filter((k) => record[k] !== undefined && record[k] !== null)
    .map((k) => `${k}: ${typeof record[k] === "object" ? JSON.stringify(record[k]) : String(record[k])}`)
    .join("\n");
}
