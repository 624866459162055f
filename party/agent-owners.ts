import type * as Party from "partykit/server";
import { MAX_CLAIMS_PER_REQUEST, agentClaimReply, type AgentClaim, type AgentClaimAnswer } from "../lib/bridge/messages";
import { signedHeaders } from "../lib/bridge/sign";
import type { HubConfig } from "./config";

const PREFIX = "owner:";
/** One request carries up to 500 claims in one web transaction; a loaded web may take seconds to get to it. */
const CLAIM_TIMEOUT_MS = 10_000;
type Waiter = { claim: AgentClaim; resolve: (answer: AgentClaimAnswer | { reason: string }) => void };

export type ClaimOutcome = { status: "owner" } | { status: "other"; ownerKeyId: string } | { status: "unavailable"; reason: string };

/**
 * Which key owns each agentId. The web decides (the first key to register an id owns it; an admin may release or
 * reassign it); the room caches the answers in storage so a hub restart or a web outage keeps the binding.
 */
export class AgentOwners {
  private readonly cache = new Map<string, string>();
  private readonly queue: Waiter[] = [];
  private sending = false;
  /** Claims asked of the web and the requests that carried them (/health: they show the batching). */
  private readonly counts = { claims: 0, requests: 0 };

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

  /** Claims wait in one queue; one request is out at a time and carries what queued meanwhile (`pump`). */
  private askWeb(agentId: string, keyId: string): Promise<AgentClaimAnswer | { reason: string }> {
    return new Promise((resolve) => {
      this.queue.push({ claim: { agentId, keyId }, resolve });
      void this.pump();
    });
  }

  /**
   * Sends the queued claims, up to MAX_CLAIMS_PER_REQUEST per request, until none are left. An idle room sends a
   * lone claim at once; 1,000 agents connecting together make a handful of requests instead of 1,000.
   */
  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_CLAIMS_PER_REQUEST);
        const answers = await this.post(batch.map((w) => w.claim));
        batch.forEach((waiter, i) => {
          const answer = "reason" in answers ? answers : answers[i];
          waiter.resolve(answer && ("reason" in answer || answer.agentId === waiter.claim.agentId) ? answer : { reason: "web answered claims out of order" });
        });
      }
    } finally {
      this.sending = false;
    }
  }

  stats(): { claims: number; requests: number } {
    return { ...this.counts };
  }

  private async post(claims: AgentClaim[]): Promise<AgentClaimAnswer[] | { reason: string }> {
    this.counts.claims += claims.length;
    this.counts.requests += 1;
    const body = JSON.stringify({ claims });
    try {
      const res = await fetch(`${this.config.webUrl}/api/hub/agent-claim`, {
        method: "POST",
        headers: await signedHeaders(this.config.secret, body),
        body,
        signal: AbortSignal.timeout(CLAIM_TIMEOUT_MS),
      });
      if (!res.ok) return { reason: `web answered ${res.status}` };
      const parsed = agentClaimReply.safeParse(await res.json());
      return parsed.success ? parsed.data.claims : { reason: "web answered an unexpected claim reply" };
    } catch (error) {
      return { reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
