import { describe, expect, it } from "vitest";
import type * as Party from "partykit/server";
import { alarmAfterStart, roomIdOf } from "@/party/room-start";

/** A room as PartyKit hands it over when the alarm started it: no request URL, so reading the id throws. */
const startedByAlarm = {
  get id(): string {
    throw new Error("Party.id is not yet initialized. This is probably a bug in PartyKit.");
  },
} as unknown as Party.Room;

describe("a room's start", () => {
  it("reads the room's id, or null when the alarm started the room", () => {
    expect(roomIdOf({ id: "cockpit" } as Party.Room)).toBe("cockpit");
    expect(roomIdOf(startedByAlarm)).toBeNull();
  });

  it("never pushes a pending alarm back; sets one when none is pending or the interval got shorter", () => {
    const now = 1_000_000;
    expect(alarmAfterStart(null, now, 60_000)).toBe(now + 60_000);
    // Woken by a request 50 s into the interval: the alarm still goes off 10 s later, not 60 s later.
    expect(alarmAfterStart(now + 10_000, now, 60_000)).toBeNull();
    // Overdue (an alarm still being retried): left to the runtime.
    expect(alarmAfterStart(now - 5_000, now, 60_000)).toBeNull();
    // Started with a shorter interval than the pending alarm was set with.
    expect(alarmAfterStart(now + 120_000, now, 60_000)).toBe(now + 60_000);
  });
});
