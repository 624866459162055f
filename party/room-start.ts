import type * as Party from "partykit/server";

/** How the running instance of the room started: for a request or socket event, or for its alarm. */
export type StartedBy = "request" | "alarm";

/**
 * The room's id, or null when its alarm started it: PartyKit reads the id from a request's URL, and with none it throws
 * ("Party.id is not yet initialized"). With hibernation on, a room that slept is started this way by every alarm.
 */
export function roomIdOf(room: Party.Room): string | null {
  try {
    return room.id;
  } catch {
    return null;
  }
}

/**
 * When the alarm should go off after the room started, or null to leave it as it is. A start must not push a pending
 * alarm back: a room that sleeps and is woken by requests more often than its ping interval would never ping again.
 */
export function alarmAfterStart(due: number | null, now: number, intervalMs: number): number | null {
  return due === null || due > now + intervalMs ? now + intervalMs : null;
}
