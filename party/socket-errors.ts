import type * as Party from "partykit/server";

/**
 * With hibernation on, the local runtime reports a message over its 1 MiB cap to webSocketError and leaves the
 * socket open on the client's side, with no close frame (without hibernation it closes with 1009 itself); the
 * client would wait forever. Such a socket is closed here with 1009. Other errors are left to the runtime as
 * before (it reports transient ones too, and closing on those would drop healthy agents).
 */
export function closeIfTooBig(conn: Party.Connection, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error ?? "");
  console.warn(`socket ${conn.id} error: ${message.slice(0, 200)}`);
  if (!/too (large|big)|exceeds|maximum (message )?size|message size/i.test(message)) return;
  try {
    conn.close(1009, "message too big");
  } catch {
    /* already closed */
  }
}
