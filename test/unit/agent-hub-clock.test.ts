import { describe, expect, it } from "vitest";
import { HubClock, isExpired } from "../../agent/hub-clock";

describe("expired task frames", () => {
  it("refuses a frame only once its expiresAt has passed on the hub's clock", () => {
    expect(isExpired(undefined, 5_000)).toBe(false);
    expect(isExpired(5_000, 4_999)).toBe(false);
    expect(isExpired(5_000, 5_000)).toBe(false);
    expect(isExpired(5_000, 5_001)).toBe(true);
  });

  it("takes the clocks to agree before the first ping", () => {
    const clock = new HubClock();
    expect(clock.offsetMs).toBe(0);
    expect(clock.now(1_000)).toBe(1_000);
  });

  it("corrects for a hub clock ahead or behind, from the ping's timestamp against local receipt", () => {
    const ahead = new HubClock();
    ahead.observe(1_000_000 + 3_600_000, 1_000_000);
    expect(ahead.now(2_000_000)).toBe(5_600_000);
    // Local clock says 10 min are left; the hub, an hour ahead, gave the task up long ago.
    expect(isExpired(2_000_000 + 600_000, ahead.now(2_000_000))).toBe(true);
    const behind = new HubClock();
    behind.observe(1_000_000 - 60_000, 1_000_000);
    expect(isExpired(2_000_000 - 30_000, behind.now(2_000_000))).toBe(false);
    expect(isExpired(2_000_000 - 90_000, behind.now(2_000_000))).toBe(true);
  });

  it("ignores pings delayed in a suspended machine's buffer: the highest recent sample wins", () => {
    const clock = new HubClock(3);
    clock.observe(10_000, 10_020); // normal: 20 ms in transit
    clock.observe(70_000, 610_000); // sat in the buffer for nine minutes
    expect(clock.offsetMs).toBe(-20);
    // A stale task that expired 30 s after that buffered ping is seen as expired on resume.
    expect(isExpired(100_000, clock.now(610_000))).toBe(true);
    clock.observe(620_000, 610_100);
    clock.observe(680_000, 670_100);
    clock.observe(740_000, 730_100); // the old samples roll out of the window of 3
    expect(clock.offsetMs).toBe(9_900);
  });
});
