import "server-only";
import type { HubCommand, HubCommandReply } from "../bridge/messages";
import { signedHeaders } from "../bridge/sign";
import { env } from "../env";

/** web → hub: one signed POST to the room. Returns null when the hub cannot be reached. */
export async function sendToHub(command: Partial<HubCommand>, options: { quiet?: boolean } = {}): Promise<HubCommandReply | null> {
  const body = JSON.stringify({ deliveries: [], changes: [], ...command });
  try {
    const res = await fetch(`${env().HUB_URL}/parties/main/cockpit`, {
      method: "POST",
      headers: await signedHeaders(env().COCKPIT_SECRET, body),
      body,
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) {
      console.warn(`hub refused command: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return null;
    }
    return (await res.json()) as HubCommandReply;
  } catch (error) {
    if (!options.quiet) console.warn("hub unreachable:", error instanceof Error ? error.message : error);
    return null;
  }
}
