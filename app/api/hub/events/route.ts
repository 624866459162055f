import { hubEvent, presenceSnapshot, type HubEvent } from "@/lib/bridge/messages";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { ingestBatch } from "@/lib/hub-client/ingest";
import { readSignedBody } from "@/lib/hub-client/verify";
import { LIMITS } from "@/lib/protocol/limits";
import { observeIngest } from "@/lib/metrics/instruments";

/** hub → web: a batch of agent events. Malformed events are logged and skipped so they never block the outbox. */
export const POST = handle(
  async (req: Request) => {
    const json = await readSignedBody(req, LIMITS.bridgeBodyBytes);
    if (typeof json !== "object" || json === null || !Array.isArray((json as { events?: unknown }).events)) {
      throw new ApiError("bad_request", "expected { events: [...] }", "events");
    }
    const raw = json as { events: unknown[]; presence?: unknown };
    const events: HubEvent[] = [];
    for (const candidate of raw.events) {
      const parsed = hubEvent.safeParse(candidate);
      if (parsed.success) events.push(parsed.data);
      else console.warn("skipping malformed hub event:", parsed.error.issues[0]?.message);
    }
    const presence = raw.presence === undefined ? undefined : presenceSnapshot.safeParse(raw.presence);
    if (presence && !presence.success) throw new ApiError("bad_request", "invalid presence snapshot", "presence");
    const outcome = await ingestBatch({ events, presence: presence?.data });
    observeIngest(events.map((e) => e.at), Date.now());
    return Response.json(outcome);
  },
  { maxBodyBytes: LIMITS.bridgeBodyBytes, fast: "POST /api/hub/events" },
);
