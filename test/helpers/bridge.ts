/** Speaks the signed hub → web bridge directly, as the hub does, and reads rows the web wrote. */
import { createClient } from "@libsql/client";
import { signedHeaders } from "../../lib/bridge/sign";
import type { Stack } from "./stack";

/** A POST to /api/hub/* signed with the stack's secret (or unsigned, to check the refusal). */
export async function postBridge(stack: Stack, path: string, body: unknown, options: { signed?: boolean } = {}): Promise<Response> {
  const text = JSON.stringify(body);
  const headers = options.signed === false ? {} : await signedHeaders(stack.secret, text);
  return fetch(`${stack.webUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
}

/** Rows of the web's audit log for one action, oldest first (read from the stack's own database file). */
export async function auditEntries(stack: Stack, action: string): Promise<{ actor: string; target: string | null; detail: unknown }[]> {
  const client = createClient({ url: `file:${stack.dbPath}` });
  try {
    const rs = await client.execute({ sql: "SELECT actor, target, detail FROM cockpit_audit_log WHERE action = ? ORDER BY id", args: [action] });
    return rs.rows.map((r) => ({
      actor: String(r.actor),
      target: r.target === null ? null : String(r.target),
      detail: r.detail === null ? null : JSON.parse(String(r.detail)),
    }));
  } finally {
    client.close();
  }
}
