import type * as Party from "partykit/server";
import { agentClaimReply, type AgentClaimReply } from "../lib/bridge/messages";
import { signedHeaders } from "../lib/bridge/sign";
import type { HubConfig } from "./config";

const PREFIX = "owner:";

export type ClaimOutcome = { status: "owner" } | { status: "other"; ownerKeyId: string } | { status: "unavailable"; reason: string };

/**
 * Which key owns each agentId. The web decides (the first key to register an id owns it; an admin may release or
 * reassign it); the room caches the answers in storage so a hub restart or a web outage keeps the binding.
 */
export class AgentOwners {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly storage: Party.Storage,
    private readonly config: HubConfig,
  ) {}

  async load(): Promise<void> {
    for (const [key, keyId] of await this.storage.list<string>({ prefix: PREFIX })) this.cache.set(key.slice(PREFIX.length), keyId);
  }

  /** Whether `keyId` may register `agentId`: from the cache, else by a claim at the web. */
  async claim(agentId: string, keyId: string): Promise<ClaimOutcome> {
    const cached = this.cache.get(agentId);
    if (cached !== undefined) return cached === keyId ? { status: "owner" } : { status: "other", ownerKeyId: cached };
    const reply = await this.askWeb(agentId, keyId);
    if ("reason" in reply) return { status: "unavailable", reason: reply.reason };
    await this.set(agentId, reply.ownerKeyId);
    return reply.granted ? { status: "owner" } : { status: "other", ownerKeyId: reply.ownerKeyId };
  }

  /** An admin released (null) or reassigned an agentId. */
  async set(agentId: string, keyId: string | null): Promise<void> {
    if (keyId === null) {
      this.cache.delete(agentId);
      await this.storage.delete(PREFIX + agentId);
    } else {
      this.cache.set(agentId, keyId);
      await this.storage.put(PREFIX + agentId, keyId);
    }
  }

  private async askWeb(agentId: string, keyId: string): Promise<AgentClaimReply | { reason: string }> {
    const body = JSON.stringify({ agentId, keyId });
    try {
      const res = await fetch(`${this.config.webUrl}/api/hub/agent-claim`, {
        method: "POST",
        headers: await signedHeaders(this.config.secret, body),
        body,
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) return { reason: `web answered ${res.status}` };
      const parsed = agentClaimReply.safeParse(await res.json());
      return parsed.success ? parsed.data : { reason: "web answered an unexpected claim reply" };
    } catch (error) {
      return { reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
