import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTimeZone, quietUntilIn } from "@/lib/notify/quiet-hours";

const at = (iso: string) => Date.parse(iso);

describe("quiet hours in a time zone", () => {
  it("reads the window on the zone's clock, not UTC's", () => {
    // 22:30 in Berlin (CET, UTC+1) is inside 22:00-07:00 there, though it is only 21:30 UTC.
    expect(quietUntilIn("22:00-07:00", at("2026-03-01T21:30:00Z"), "Europe/Berlin")).toBe(at("2026-03-02T06:00:00Z"));
    expect(quietUntilIn("22:00-07:00", at("2026-03-01T21:30:00Z"), null)).toBeNull();
    expect(quietUntilIn("22:00-07:00", at("2026-03-01T11:00:00Z"), "Europe/Berlin")).toBeNull();
  });

  it("ends at 07:00 local on the night the clocks go forward, an hour earlier in UTC than the night before", () => {
    expect(quietUntilIn("22:00-07:00", at("2026-03-27T22:30:00Z"), "Europe/Berlin")).toBe(at("2026-03-28T06:00:00Z"));
    expect(quietUntilIn("22:00-07:00", at("2026-03-28T22:30:00Z"), "Europe/Berlin")).toBe(at("2026-03-29T05:00:00Z"));
    expect(quietUntilIn("23:00-06:00", at("2026-03-08T04:30:00Z"), "America/New_York")).toBe(at("2026-03-08T10:00:00Z"));
  });

  it("ends at 07:00 local on the night the clocks go back, an hour later in UTC", () => {
    expect(quietUntilIn("22:00-07:00", at("2026-10-24T21:30:00Z"), "Europe/Berlin")).toBe(at("2026-10-25T06:00:00Z"));
    expect(quietUntilIn("23:00-06:00", at("2026-11-01T03:30:00Z"), "America/New_York")).toBe(at("2026-11-01T11:00:00Z"));
  });

  it("an end the clock jumps over ends when the clock passes it; an end it shows twice ends the first time", () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:30 never happens; quiet lasts until 03:00 CEST.
    expect(quietUntilIn("22:00-02:30", at("2026-03-28T23:30:00Z"), "Europe/Berlin")).toBe(at("2026-03-29T01:00:00Z"));
    // Berlin, 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(quietUntilIn("22:00-02:30", at("2026-10-24T22:30:00Z"), "Europe/Berlin")).toBe(at("2026-10-25T00:30:00Z"));
  });

  it("knows IANA zones and refuses anything else", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("+02:00x")).toBe(false);
  });

  it("whenever quiet hours are on, they end later that day or the next, never in the past", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"];
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(
        fc.integer({ min: at("2026-01-01T00:00:00Z"), max: at("2027-01-01T00:00:00Z") }),
        hhmm,
        hhmm,
        fc.constantFrom(...zones),
        (now, start, end, zone) => {
          const until = quietUntilIn(`${start}-${end}`, now, zone);
          if (until !== null) {
            expect(until).toBeGreaterThan(now);
            expect(until - now).toBeLessThanOrEqual(25 * 3600_000);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
