import type * as Party from "partykit/server";

/**
 * The least a PartyKit room can be: it answers HTTP, accepts every socket and answers "ping" with "pong". Run under the same
 * workerd launcher as the hub, it is the runtime's own floor for the connections bench (bench/lib/empty-hub.ts).
 */
export default class EmptyRoom implements Party.Server {
  static options = { hibernate: true };
  constructor(readonly room: Party.Room) {}
  onRequest(): Response {
    return new Response("empty room");
  }
  onMessage(message: string | ArrayBuffer, sender: Party.Connection): void {
    if (message === "ping") sender.send("pong");
  }
}
