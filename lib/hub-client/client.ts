import "server-only";
import { hubCommandReply, type HubCommand, type HubCommandReply } from "../bridge/messages";
import { ROOM_PATH } from "../protocol/constants";
import { signedBody } from "../bridge/sign";
import { env } from "../env";
import { chunkCommand, commandBody, mergeReplies, wholeCommandBody } from "./chunk-command";

/**
 * How a command went. `uncertain`: the hub may have received and applied it (a timeout, a reset, a 5xx, an odd
 * reply); only its own report says. Otherwise nothing reached it or it refused the command (4xx): nothing was done.
 */
export type HubSendOutcome = { reply: HubCommandReply } | { reply: null; uncertain: boolean };

/** Failures before a single byte reached the hub: the command certainly was not applied. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function neverSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" && NOT_SENT_CODES.has(cause.code);
}

/**
 * web → hub: the command as one signed POST to the room, or several in order when it holds more than the room takes
 * at once (chunk-command.ts). If a later one fails after earlier ones went through, the whole is uncertain: what the
 * hub applied is known only from its own reports, so nothing already sent is offered again.
 */
export async function sendToHubOutcome(command: HubCommand, options: { quiet?: boolean } = {}): Promise<HubSendOutcome> {
  const whole = wholeCommandBody(command);
  if (whole !== null) return sendOne(whole, options);
  const chunks = chunkCommand(command);
  const replies: HubCommandReply[] = [];
  for (const chunk of chunks) {
    const outcome = await sendOne(commandBody(chunk), options);
    if (!outcome.reply) return replies.length === 0 ? outcome : { reply: null, uncertain: true };
    replies.push(outcome.reply);
  }
  return { reply: mergeReplies(replies) };
}

/**
 * The runtime's own fetch. Next replaces the global one with a wrapper (tracing, request dedupe, its data cache's
 * bookkeeping) that a signed POST to the hub has no use for: ~5 % of the web's CPU at 20 tasks/s in the profile.
 * Read at each call: Next patches the global after this module may have loaded.
 */
function runtimeFetch(): typeof fetch {
  const current = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return current._nextOriginalFetch ?? current;
}

/** One signed POST to the room, saying whether a failed one may still have been applied. */
async function sendOne(body: string, options: { quiet?: boolean }): Promise<HubSendOutcome> {
  try {
    const signed = await signedBody(env().COCKPIT_SECRET, body);
    const res = await runtimeFetch()(`${env().HUB_URL}${ROOM_PATH}`, {
      method: "POST",
      headers: signed.headers,
      body: signed.bytes,
      signal: AbortSignal.timeout(env().HUB_COMMAND_TIMEOUT_MS),
    });
    if (!res.ok) {
      console.warn(`hub refused command: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return { reply: null, uncertain: res.status >= 500 };
    }
    const reply = hubCommandReply.safeParse(await res.json());
    if (!reply.success) {
      console.warn("hub answered an unexpected reply:", reply.error.issues[0]?.message);
      return { reply: null, uncertain: true };
    }
    return { reply: reply.data };
  } catch (error) {
    if (!options.quiet) console.warn("hub unreachable:", error instanceof Error ? error.message : error);
    return { reply: null, uncertain: !neverSent(error) };
  }
}

/** web → hub: one signed POST to the room. Returns null when the hub cannot be reached. */
export async function sendToHub(command: HubCommand, options: { quiet?: boolean } = {}): Promise<HubCommandReply | null> {
  return (await sendToHubOutcome(command, options)).reply;
}
