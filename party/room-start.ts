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
