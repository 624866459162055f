import "server-only";
import { hubCommandReply, type HubCommand, type HubCommandReply } from "../bridge/messages";
import { ROOM_PATH } from "../protocol/constants";
import { signedHeaders } from "../bridge/sign";
import { env } from "../env";

/** web → hub: one signed POST to the room. Returns null when the hub cannot be reached. */
export async function sendToHub(command: HubCommand, options: { quiet?: boolean } = {}): Promise<HubCommandReply | null> {
  const body = JSON.stringify({ deliveries: [], changes: [], ...command });
  try {
    const res = await fetch(`${env().HUB_URL}${ROOM_PATH}`, {
      method: "POST",
      headers: await signedHeaders(env().COCKPIT_SECRET, body),
      body,
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) {
      console.warn(`hub refused command: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return null;
    }
    const reply = hubCommandReply.safeParse(await res.json());
    if (!reply.success) {
      console.warn("hub answered an unexpected reply:", reply.error.issues[0]?.message);
      return null;
    }
    return reply.data;
  } catch (error) {
    if (!options.quiet) console.warn("hub unreachable:", error instanceof Error ? error.message : error);
    return null;
  }
}
