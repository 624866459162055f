import { request } from "./client";
import type { Connection } from "./config";
import { CliError, EXIT } from "./errors";
import { fields, table } from "./format";

type Out = { json: boolean; print: (text: string) => void };
type Row = Record<string, unknown>;
const print = (out: Out, body: unknown, human: string) => out.print(out.json ? JSON.stringify(body, null, 2) : human);
const need = (what: string, value: string | undefined): string => {
  if (!value) throw new CliError(`${what}: give the id`, EXIT.usage);
  return encodeURIComponent(value);
};

export async function listAlerts(conn: Connection, flags: { severity?: string; open?: boolean; limit?: string }, out: Out): Promise<number> {
  const q = new URLSearchParams();
  if (flags.severity) q.set("severity", flags.severity);
  if (flags.open) q.set("acknowledged", "false");
  if (flags.limit) q.set("limit", flags.limit);
  const body = await request<{ alerts: Row[]; total: number }>(conn, "GET", `/api/cockpit/alerts${q.size ? `?${q}` : ""}`);
  print(out, body, `${table(body.alerts, ["id", "severity", "acknowledged", "createdAt", "title"])}\n(${body.alerts.length} of ${body.total})`);
  return EXIT.ok;
}

export async function ackAlert(conn: Connection, id: string | undefined, out: Out): Promise<number> {
  const body = await request<{ alert: Row; alreadyAcknowledged: boolean }>(conn, "POST", `/api/cockpit/alerts/ack/${need("alerts ack", id)}`);
  print(out, body, `${body.alreadyAcknowledged ? "already acknowledged" : "acknowledged"}: ${String(body.alert.id)} by ${String(body.alert.acknowledgedBy)}`);
  return EXIT.ok;
}

export async function listAgents(conn: Connection, flags: { all?: boolean }, out: Out): Promise<number> {
  const body = await request<{ agents: Row[] }>(conn, "GET", `/api/cockpit/agents${flags.all ? "?all=true" : ""}`);
  print(out, body, table(body.agents, ["agentId", "status", "connected", "capabilities", "lastSeenAt"]));
  return EXIT.ok;
}

export async function listKeys(conn: Connection, out: Out): Promise<number> {
  const body = await request<{ keys: Row[] }>(conn, "GET", "/api/cockpit/keys");
  print(out, body, table(body.keys, ["id", "name", "role", "prefix", "revokedAt"]));
  return EXIT.ok;
}

/** The new key is printed once (stdout only), as the server returns it once. */
export async function createKey(conn: Connection, flags: { name?: string; role?: string }, out: Out): Promise<number> {
  if (!flags.name || !flags.role) throw new CliError("keys create: --name and --role (viewer, operator, admin, agent) are required", EXIT.usage);
  const body = await request<Row>(conn, "POST", "/api/cockpit/keys", { name: flags.name, role: flags.role });
  print(out, body, fields(body, ["id", "name", "role", "key"]));
  return EXIT.ok;
}

export async function revokeKey(conn: Connection, id: string | undefined, out: Out): Promise<number> {
  const body = await request<{ revoked: string }>(conn, "DELETE", `/api/cockpit/keys/${need("keys revoke", id)}`);
  print(out, body, `revoked ${body.revoked}`);
  return EXIT.ok;
}
