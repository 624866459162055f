import { describe, expect, it } from "vitest";
import { durationMs } from "@/lib/protocol/duration";

describe("durations", () => {
  it("reads a bare number as milliseconds, as agent options and the dashboard's form both do", () => {
    expect(durationMs("1500")).toBe(1500);
    expect(durationMs("90")).toBe(90);
  });

  it("reads every unit the agent and the form accept", () => {
    expect(durationMs("250ms")).toBe(250);
    expect(durationMs("1.5s")).toBe(1500);
    expect(durationMs("2m")).toBe(120_000);
    expect(durationMs("2 min")).toBe(120_000);
    expect(durationMs("1H")).toBe(3_600_000);
    expect(durationMs("2d")).toBe(172_800_000);
  });

  it("refuses what is not a duration", () => {
    for (const text of ["soon", "-1s", "", "5 weeks", "1e3"]) expect(durationMs(text)).toBeNull();
  });
});
