import type { HubCommand, HubCommandReply } from "../bridge/messages";
import { BRIDGE_BODY_BYTES } from "../protocol/limits";

/** What the room accepts in one command (lib/bridge/messages.ts `hubCommand`); more goes in further commands. */
export const COMMAND_LIMITS = { deliveries: 1000, changes: 5000, notices: 1000, agentOwners: 1000, revokedKeyIds: 100 } as const;
type ListField = keyof typeof COMMAND_LIMITS;
const FIELDS = Object.keys(COMMAND_LIMITS) as ListField[];
/** Room for the envelope and the signature's slack under the room's body cap. */
const BODY_BUDGET = BRIDGE_BODY_BYTES - 64 * 1024;

/** A command as the room reads it: every list present. */
export const commandBody = (command: HubCommand): string => JSON.stringify({ deliveries: [], changes: [], ...command });

/**
 * The command's body when it goes whole (the common case): every list within its limit and the text surely under
 * the byte budget (a UTF-16 unit is at most 3 UTF-8 bytes), so no item is serialised twice to be measured.
 */
export function wholeCommandBody(command: HubCommand): string | null {
  if (FIELDS.some((field) => ((command[field] as unknown[] | undefined)?.length ?? 0) > COMMAND_LIMITS[field])) return null;
  const body = commandBody(command);
  return body.length * 3 <= BODY_BUDGET ? body : null;
}

/**
 * Splits a command into as few as the room accepts, in order: lists are cut at their limits and by bytes, so a round
 * with 3,000 deliveries or 6 MiB of payloads goes out in several commands instead of being refused whole. Presence
 * is asked for in the last one only, so it reflects everything sent before it.
 */
export function chunkCommand(command: HubCommand): HubCommand[] {
  const chunks: HubCommand[] = [];
  let current: HubCommand = {};
  let bytes = 0;
  const size = (field: ListField) => (current[field] as unknown[] | undefined)?.length ?? 0;
  for (const field of FIELDS) {
    for (const item of (command[field] ?? []) as unknown[]) {
      const itemBytes = Buffer.byteLength(JSON.stringify(item)) + 1;
      if (size(field) >= COMMAND_LIMITS[field] || (bytes > 0 && bytes + itemBytes > BODY_BUDGET)) {
        chunks.push(current);
        current = {};
        bytes = 0;
      }
      ((current[field] ??= []) as unknown[]).push(item);
      bytes += itemBytes;
    }
  }
  chunks.push(current);
  if (command.wantPresence) chunks[chunks.length - 1]!.wantPresence = true;
  return chunks;
}

/** One reply for the whole command: every refusal, and the presence of the last chunk. */
export function mergeReplies(replies: readonly HubCommandReply[]): HubCommandReply {
  const rejected = replies.flatMap((r) => r.rejected ?? []);
  const last = replies[replies.length - 1];
  return {
    ...(rejected.length > 0 ? { rejected } : {}),
    ...(last?.presence ? { presence: last.presence } : {}),
    ...(last?.settledBefore !== undefined ? { settledBefore: last.settledBefore } : {}),
  };
}
