/** Parses a scrape with the parse-prometheus-text-format library, after strict checks of the exposition rules it lets pass. */
import parsePrometheusTextFormat, { type PromFamily } from "parse-prometheus-text-format";

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(?:${LABEL}(?:,${LABEL})*)?\\})? (\\S+)$`);
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;

/** Every line is HELP, TYPE or a sample of the family last typed; histogram buckets rise and end at +Inf = count. */
export function parseStrict(text: string): PromFamily[] {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  let family: { name: string; type: string } | null = null;
  for (const line of text.slice(0, -1).split("\n")) {
    const typed = line.match(new RegExp(`^# TYPE (${NAME}) (gauge|counter|histogram|summary|untyped)$`));
    if (typed) {
      family = { name: typed[1]!, type: typed[2]! };
      continue;
    }
    if (new RegExp(`^# HELP ${NAME} .*$`).test(line)) continue;
    const sample = line.match(SAMPLE);
    if (!sample) throw new Error(`not a valid exposition line: ${JSON.stringify(line)}`);
    if (!family) throw new Error(`sample before any TYPE: ${line}`);
    const suffixes = family.type === "histogram" ? ["_bucket", "_sum", "_count"] : [""];
    if (!suffixes.some((s) => sample[1] === family!.name + s)) throw new Error(`sample ${sample[1]} outside its family ${family.name}`);
    if (!VALUE.test(sample[2]!)) throw new Error(`not a float: ${sample[2]}`);
  }
  const families = parsePrometheusTextFormat(text);
  for (const f of families.filter((x) => x.type === "HISTOGRAM")) {
    for (const m of f.metrics) {
      // Sorted by bound: integer-like keys ("1", "10") come first in a JS object whatever the text order.
      const counts = Object.entries(m.buckets ?? {})
        .sort(([a], [b]) => Number(a.replace("+Inf", "Infinity")) - Number(b.replace("+Inf", "Infinity")))
        .map(([, c]) => Number(c));
      if (counts.some((c, i) => i > 0 && c < counts[i - 1]!)) throw new Error(`${f.name}: buckets are not cumulative`);
      if (!text.includes(`${f.name}_bucket{le="+Inf"} ${m.count}`)) throw new Error(`${f.name}: +Inf bucket differs from count`);
    }
  }
  return families;
}

/** The value of one sample, by family name and labels. */
export function sampleValue(families: PromFamily[], name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const metric = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return metric?.value === undefined ? undefined : Number(metric.value);
}
