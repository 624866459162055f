import { z } from "zod";
import { env } from "@/lib/env";

/** How long health waits for the hub: its answer is informative, never a reason for the web's own health to hang. */
const HUB_TIMEOUT_MS = 1_000;

const hubHealth = z.object({ outboxDepth: z.number().int().min(0).optional() });
export type HubStatus = { reachable: boolean; outboxDepth: number | null };

/** Whether the hub answers its /health, and how many agent events it still holds for the web (when it says). */
export async function hubStatus(): Promise<HubStatus> {
  try {
    const res = await fetch(`${env().HUB_URL}/health`, { signal: AbortSignal.timeout(HUB_TIMEOUT_MS), cache: "no-store" });
    if (!res.ok) return { reachable: false, outboxDepth: null };
    const parsed = hubHealth.safeParse(await res.json().catch(() => null));
    return { reachable: true, outboxDepth: parsed.success ? (parsed.data.outboxDepth ?? null) : null };
  } catch {
    return { reachable: false, outboxDepth: null };
  }
}
