/**
 * The Prometheus text exposition format (version 0.0.4), written by hand: a family is `# HELP`, `# TYPE`, then one
 * line per sample. Pure functions, unit-tested with a real parser.
 */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type Labels = Record<string, string>;
export type Sample = { labels?: Labels; value: number; suffix?: string };
export type Family = { name: string; help: string; type: "gauge" | "counter" | "histogram"; samples: Sample[] };

/** Label values escape backslash, double quote and newline; HELP text escapes backslash and newline. */
const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function labelText(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0 ? "" : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

export function renderFamilies(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${s.suffix ?? ""}${labelText(s.labels)} ${formatValue(s.value)}`);
  }
  return lines.join("\n") + "\n";
}

/** A cumulative histogram kept in memory by the process (reset on restart, as Prometheus expects of counters). */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((le, i) => {
      if (value <= le) this.counts[i]! += 1;
    });
  }

  family(): Family {
    const samples: Sample[] = this.buckets.map((le, i) => ({ suffix: "_bucket", labels: { le: formatValue(le) }, value: this.counts[i]! }));
    samples.push(
      { suffix: "_bucket", labels: { le: "+Inf" }, value: this.count },
      { suffix: "_sum", value: this.sum },
      { suffix: "_count", value: this.count },
    );
    return { name: this.name, help: this.help, type: "histogram", samples };
  }
}
