import "server-only";
import { env } from "../env";

/**
 * The hub address a browser should dial. HUB_PUBLIC_URL wins; otherwise the host name the browser used for the
 * web, on the hub's port (HUB_PORT, else the port of HUB_URL, else 1999), so a LAN phone reaches the same box.
 */
export function publicHubUrl(requestHost: string | null, forwardedProto: string | null = null): string {
  const configured = env().HUB_PUBLIC_URL;
  if (configured) return configured.replace(/^http/, "ws").replace(/\/$/, "");
  const hostname = requestHost ? new URL(`http://${requestHost}`).hostname : "127.0.0.1";
  const port = env().HUB_PORT ?? (new URL(env().HUB_URL).port || "1999");
  const scheme = forwardedProto === "https" ? "wss" : "ws";
  return `${scheme}://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
}
