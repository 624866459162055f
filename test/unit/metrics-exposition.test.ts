import { describe, expect, it } from "vitest";
import { Histogram, renderFamilies } from "@/lib/metrics/exposition";
import { parseStrict, sampleValue } from "../helpers/prometheus";

describe("the Prometheus exposition writer", () => {
  it("writes gauges with escaped labels that a parser reads back", () => {
    const text = renderFamilies([
      {
        name: "demo_things",
        help: 'Things\nwith "quotes"',
        type: "gauge",
        samples: [
          { labels: { path: 'C:\\dir\n"x"' }, value: 3 },
          { labels: { path: "b" }, value: 0.5 },
        ],
      },
    ]);
    const families = parseStrict(text);
    expect(families[0]?.type).toBe("GAUGE");
    expect(sampleValue(families, "demo_things", { path: 'C:\\dir\n"x"' })).toBe(3);
    expect(sampleValue(families, "demo_things", { path: "b" })).toBe(0.5);
  });

  it("keeps histogram buckets cumulative, with +Inf equal to the count", () => {
    const h = new Histogram("demo_seconds", "Demo.", [0.1, 1, 10]);
    for (const v of [0.05, 0.5, 0.5, 5, 50, Number.NaN]) h.observe(v);
    const [family] = parseStrict(renderFamilies([h.family()]));
    const metric = family?.metrics[0];
    expect(metric?.buckets).toEqual({ "0.1": "1", "1": "3", "10": "4", "+Inf": "5" });
    expect(Number(metric?.count)).toBe(5);
    expect(Number(metric?.sum)).toBeCloseTo(56.05);
  });

  it("refuses what the exposition format forbids", () => {
    expect(() => parseStrict('# TYPE a gauge\na{x="1"} 1')).toThrow(/newline/);
    expect(() => parseStrict("# TYPE a gauge\nb 1\n")).toThrow(/outside its family/);
    expect(() => parseStrict("# TYPE a gauge\na one\n")).toThrow(/not a float/);
    expect(() => parseStrict("# TYPE a gauge\na{x=1} 1\n")).toThrow(/not a valid/);
  });
});
