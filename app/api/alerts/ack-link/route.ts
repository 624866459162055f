import { audit } from "@/lib/db/queries/audit";
import { change } from "@/lib/db/serialize";
import { readBodyBytes } from "@/lib/http/body";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { ACK_LINK_ACTOR, useAckLink } from "@/lib/notify/ack-use";
import { LIMITS } from "@/lib/protocol/limits";
import { ackLinkForm } from "./schema";

export const dynamic = "force-dynamic";

const STATUS = { acknowledged: 200, already: 200, used: 409, expired: 410, invalid: 403, missing: 404 } as const;

/**
 * The confirmation page's form posts here; no session needed: the signed link is the credential, good for one
 * acknowledgement of one alert until it expires. Answers 303 to the result page (the status in `r`).
 */
export const POST = handle(
  async (req: Request): Promise<Response> => {
    const bytes = await readBodyBytes(req, LIMITS.formBodyBytes);
    const form = await new Response(bytes, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData().catch(() => null);
    const parsed = ackLinkForm.safeParse({ t: form?.get("t") });
    const { outcome, alert } = parsed.success ? await useAckLink(parsed.data.t) : { outcome: "invalid" as const, alert: undefined };
    if (outcome === "acknowledged" && alert) {
      await audit({ actor: ACK_LINK_ACTOR, action: "alert.ack", target: alert.id, detail: { via: "link" } });
      await sendToHub({ changes: [change.alert(alert)] });
    }
    const location = `/ack/done?r=${outcome}${alert ? `&alert=${encodeURIComponent(alert.id)}` : ""}`;
    return new Response(null, {
      status: 303,
      headers: { location, "cache-control": "no-store", "x-ack-outcome": outcome, "x-ack-status": String(STATUS[outcome]) },
    });
  },
  { maxBodyBytes: LIMITS.formBodyBytes },
);
