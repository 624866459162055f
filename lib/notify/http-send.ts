import "server-only";
import type { OutgoingRequest } from "./channels/format";
import { classifyStatus, retryAfterMs, type SendVerdict } from "./rules";

const SEND_TIMEOUT_MS = 10_000;
const MAX_REPLY_BYTES = 16 * 1024;

/** A POST's parts; Web Push sends binary (aes128gcm) bodies. */
export type HttpPost = Omit<OutgoingRequest, "body"> & { body: string | Uint8Array<ArrayBuffer> };

export type DeliveryResult = { verdict: SendVerdict; httpStatus: number | null; error: string | null };

/** Why a request got no answer, without the URL (it may carry a webhook secret or bot token). */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ? `network error ${cause.code}` : "network error";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** One HTTP POST, classified: 2xx sent, 429 after its retry-after, 5xx and no answer retried, other 4xx failed. */
export async function sendHttp(request: HttpPost, now = Date.now()): Promise<DeliveryResult> {
  let res: Response;
  try {
    res = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return { verdict: classifyStatus(null), httpStatus: null, error: networkReason(error) };
  }
  const text = (await res.text().catch(() => "")).slice(0, MAX_REPLY_BYTES);
  const verdict = classifyStatus(res.status);
  if (verdict.kind === "sent") return { verdict, httpStatus: res.status, error: null };
  const body = parseJson(text);
  if (res.status === 429)
    return { verdict: { kind: "retry", afterMs: retryAfterMs(res.headers.get("retry-after"), body, now) }, httpStatus: 429, error: "rate limited" };
  // The service's own words help the operator (e.g. Telegram's "chat not found"); never echo more than a line.
  const said = typeof body === "object" && body !== null && "description" in body ? String((body as { description: unknown }).description) : text;
  return { verdict, httpStatus: res.status, error: `HTTP ${res.status}${said ? `: ${said.slice(0, 200)}` : ""}` };
}
