import type * as Party from "partykit/server";
import { hubCommand, type HubCommandReply, type HubEventReply, type PresenceEntry } from "../lib/bridge/messages";
import { verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../lib/bridge/sign";
import { can } from "../lib/auth/roles";
import { errorFrame, parseAgentFrame, pingFrame, statusRequestFrame, type AgentFrame, type HubFrame } from "../lib/protocol";
import { authenticate, decodePrincipal, encodePrincipal, PRINCIPAL_HEADER, unauthorized, type Authenticated } from "./auth";
import { readConfig, type HubConfig } from "./config";
import { isStale, shouldCloseForAbuse } from "./liveness";
import { Outbox } from "./outbox";

type ConnState = Authenticated & { agentId: string | null; connectedAt: number; lastPongAt: number; invalidInARow: number };
type Conn = Party.Connection<ConnState>;
type Presence = PresenceEntry & { connId: string };

const PRESENCE_PREFIX = "agent:";
export const ROOM_ID = "cockpit";

/** The spec's CockpitWebSocket: authenticated sockets for agents and dashboards, in one room "cockpit". */
export default class CockpitRoom implements Party.Server {
  private readonly config: HubConfig;
  private readonly presence = new Map<string, Presence>();
  private readonly outbox: Outbox;

  constructor(readonly room: Party.Room) {
    this.config = readConfig(room.env);
    this.outbox = new Outbox(room.storage, this.config, () => this.presenceSnapshot(), (reply) => this.applyReply(reply));
  }

  /** Agents of the spec connect at /api/ws with a Bearer header; route them to the room after auth. */
  static async onFetch(req: Party.Request, lobby: Party.FetchLobby): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname !== "/api/ws" && url.pathname !== "/api/agents" && url.pathname !== "/health") {
      return new Response(JSON.stringify({ error: { code: "not_found", message: "not found" } }), { status: 404 });
    }
    if (url.pathname === "/health") return Response.json({ ok: true });
    const config = readConfig(lobby.env);
    const who = await authenticate(config, req);
    if (!who) return unauthorized();
    const headers = new Headers(req.headers as unknown as HeadersInit);
    headers.set(PRINCIPAL_HEADER, await encodePrincipal(config, who));
    const stub = lobby.parties.main?.get(ROOM_ID);
    if (!stub) return new Response("hub misconfigured", { status: 500 });
    const init: RequestInit = { method: req.method, headers };
    return url.pathname === "/api/agents" ? stub.fetch("/agents", init) : stub.fetch(init);
  }

  static async onBeforeConnect(req: Party.Request, lobby: Party.Lobby): Promise<Request | Response> {
    // One room only: another room would report its own (empty) presence and mark every agent offline.
    if (lobby.id !== ROOM_ID) return new Response(JSON.stringify({ error: { code: "not_found", message: "no such room" } }), { status: 404 });
    const config = readConfig(lobby.env);
    const who = await authenticate(config, req);
    if (!who) return unauthorized();
    const headers = new Headers(req.headers as unknown as HeadersInit);
    headers.set(PRINCIPAL_HEADER, await encodePrincipal(config, who));
    return new Request(req.url, { method: req.method, headers });
  }

  static async onBeforeRequest(req: Party.Request, lobby: Party.Lobby): Promise<Party.Request | Response> {
    if (lobby.id !== ROOM_ID) return new Response(JSON.stringify({ error: { code: "not_found", message: "no such room" } }), { status: 404 });
    return req;
  }

  async onStart(): Promise<void> {
    if (this.room.id !== ROOM_ID) return;
    // Keep presence whose socket is still open (a woken room); drop the rest and tell the web who is here.
    const stored = await this.room.storage.list<Presence>({ prefix: PRESENCE_PREFIX });
    const gone: string[] = [];
    for (const [key, entry] of stored) {
      if (this.room.getConnection(entry.connId)) this.presence.set(entry.agentId, entry);
      else gone.push(key);
    }
    if (gone.length > 0) await this.room.storage.delete(gone);
    await this.outbox.load();
    this.outbox.requestPresenceSync();
    await this.room.storage.setAlarm(Date.now() + this.config.pingIntervalMs);
  }

  async onConnect(conn: Conn, ctx: Party.ConnectionContext): Promise<void> {
    const who = await decodePrincipal(this.config, ctx.request.headers.get(PRINCIPAL_HEADER));
    if (!who) {
      conn.close(4001, "unauthorized");
      return;
    }
    const now = Date.now();
    conn.setState({ ...who, agentId: null, connectedAt: now, lastPongAt: now, invalidInARow: 0 });
    if (who.kind === "agent") this.send(conn, statusRequestFrame());
  }

  async onMessage(raw: string | ArrayBuffer | ArrayBufferView, conn: Conn): Promise<void> {
    const state = conn.state;
    if (!state) return;
    const parsed = parseAgentFrame(raw);
    if (!parsed.ok) return this.reject(conn, parsed.error);
    const frame = parsed.frame;
    if (frame.type === "pong") return this.onPong(conn, frame.timestamp);
    if (state.kind !== "agent" || !can(state.role, "agent")) {
      return this.reject(conn, errorFrame("Forbidden", [{ message: `a ${state.role} connection may not send ${frame.type} frames` }]));
    }
    if (frame.type === "agent-status") return this.onAgentStatus(conn, frame);
    if (!state.agentId) {
      return this.reject(conn, errorFrame("Send agent-status first", [{ message: `${frame.type} needs a known agentId on this connection` }]));
    }
    this.touch(conn);
    const agentId = state.agentId;
    switch (frame.type) {
      case "git-status":
        return this.outbox.enqueue({ kind: "git-status", agentId, frame });
      case "task-result":
        return this.outbox.enqueue({ kind: "task-result", agentId, frame });
      case "task-accepted":
        return this.outbox.enqueue({ kind: "task-accepted", agentId, taskId: frame.taskId });
      case "task-log":
        // Live output goes straight to dashboards; the durable copy arrives with the result.
        return this.broadcastChanges([{ type: "task-log", taskId: frame.taskId, agentId, seq: frame.seq, chunk: frame.chunk }]);
    }
  }

  async onClose(conn: Conn): Promise<void> {
    this.forget(conn, "closed");
  }

  async onError(conn: Conn): Promise<void> {
    this.forget(conn, "closed");
  }

  /** Every ping interval: ping each agent, close the ones that stopped answering, retry the outbox. */
  async onAlarm(): Promise<void> {
    const now = Date.now();
    for (const conn of this.room.getConnections<ConnState>()) {
      const state = conn.state;
      if (!state) continue;
      // Dashboards get the ping too, so a browser can tell a silently dead socket from a quiet one.
      if (state.kind === "dashboard") {
        this.send(conn, pingFrame(now));
        continue;
      }
      if (isStale(state.lastPongAt, now, this.config.staleAfterMs)) {
        this.forget(conn, "stale");
        conn.close(1000, "stale connection");
        continue;
      }
      this.send(conn, pingFrame(now));
    }
    void this.outbox.flush();
    await this.room.storage.setAlarm(now + this.config.pingIntervalMs);
  }

  async onRequest(req: Party.Request): Promise<Response> {
    const url = new URL(req.url);
    if (req.method === "GET" && url.pathname.endsWith("/agents")) {
      const who = await decodePrincipal(this.config, req.headers.get(PRINCIPAL_HEADER));
      if (!who) return unauthorized();
      if (!can(who.role, "read")) return Response.json({ error: { code: "forbidden", message: "needs read access" } }, { status: 403 });
      const agents = [...this.presence.values()].map((p) => ({
        agentId: p.agentId,
        connectedAt: new Date(p.connectedAt).toISOString(),
        lastPingAt: new Date(p.lastPingAt).toISOString(),
        status: p.status,
        capabilities: p.capabilities,
      }));
      return Response.json({ agents, count: agents.length });
    }
    if (req.method === "POST") return this.onCommand(req);
    return Response.json({ error: { code: "not_found", message: "not found" } }, { status: 404 });
  }

  /** web → hub: deliver tasks and fan out changes. Signed by the web; anything else is refused. */
  private async onCommand(req: Party.Request): Promise<Response> {
    const body = await req.text();
    const ok = await verifySignature(this.config.secret, body, req.headers.get(TIMESTAMP_HEADER), req.headers.get(SIGNATURE_HEADER));
    if (!ok) return unauthorized("bad bridge signature");
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return Response.json({ error: { code: "bad_request", message: "body is not JSON" } }, { status: 400 });
    }
    const parsed = hubCommand.safeParse(json);
    if (!parsed.success) return Response.json({ error: { code: "bad_request", message: "invalid command", details: parsed.error.issues } }, { status: 400 });
    const reply: HubCommandReply = { delivered: [], undelivered: [] };
    // Changes first: a delivery's own `onDelivered` change (newer) must reach dashboards after them.
    this.broadcastChanges(parsed.data.changes);
    const followUps: HubFrame[] = [];
    for (const d of parsed.data.deliveries) {
      const delivered = this.deliver(d.agentId, d.frame);
      (delivered ? reply.delivered : reply.undelivered).push(d.taskId);
      if (delivered && d.onDelivered) followUps.push(d.onDelivered);
    }
    this.broadcastChanges(followUps);
    for (const n of parsed.data.notices) this.deliver(n.agentId, n.frame);
    if (parsed.data.revokedKeyIds.length > 0) {
      for (const conn of this.room.getConnections<ConnState>()) {
        if (conn.state && parsed.data.revokedKeyIds.includes(conn.state.keyId)) conn.close(4001, "key revoked");
      }
    }
    if (parsed.data.wantPresence) reply.presence = this.presenceSnapshot();
    return Response.json(reply);
  }

  private applyReply(reply: HubEventReply): void {
    for (const d of reply.deliveries ?? []) {
      const kind = this.deliver(d.agentId, d.frame) ? "delivered" : "delivery-failed";
      this.outbox.enqueue({ kind, agentId: d.agentId, taskId: d.taskId });
    }
    for (const n of reply.notices ?? []) this.deliver(n.agentId, n.frame);
    this.broadcastChanges(reply.changes ?? []);
  }

  private deliver(agentId: string, frame: HubFrame): boolean {
    const entry = this.presence.get(agentId);
    const conn = entry && this.room.getConnection<ConnState>(entry.connId);
    if (!conn) return false;
    return this.send(conn, frame);
  }

  private broadcastChanges(changes: readonly HubFrame[]): void {
    if (changes.length === 0) return;
    const dashboards = [...this.room.getConnections<ConnState>()].filter((c) => c.state?.kind === "dashboard");
    for (const change of changes) {
      const text = JSON.stringify(change);
      for (const conn of dashboards) conn.send(text);
    }
  }

  private onAgentStatus(conn: Conn, frame: Extract<AgentFrame, { type: "agent-status" }>): void {
    const state = conn.state!;
    if (state.agentId && state.agentId !== frame.agentId) {
      return this.reject(conn, errorFrame("agentId cannot change on a connection", [{ path: ["agentId"], message: `this connection is ${state.agentId}` }]));
    }
    const previous = this.presence.get(frame.agentId);
    if (previous && previous.connId !== conn.id) {
      const old = this.room.getConnection<ConnState>(previous.connId);
      // Only the same key (or an admin) may take over a live agentId: another agent key cannot hijack it.
      if (old?.state && old.state.keyId !== state.keyId && state.role !== "admin") {
        return this.reject(conn, errorFrame("agentId is in use", [{ path: ["agentId"], message: `${frame.agentId} is connected with another key` }]));
      }
      // The agent reconnected before its old socket timed out: the newer connection wins.
      if (old) {
        old.setState({ ...old.state!, agentId: null });
        old.close(4000, "replaced by a newer connection");
      }
    }
    const now = Date.now();
    conn.setState({ ...state, agentId: frame.agentId, lastPongAt: now, invalidInARow: 0 });
    const entry: Presence = {
      agentId: frame.agentId,
      connId: conn.id,
      status: frame.status,
      capabilities: frame.capabilities ?? previous?.capabilities ?? [],
      metadata: frame.metadata ?? previous?.metadata,
      maxConcurrency: frame.maxConcurrency ?? previous?.maxConcurrency ?? 1,
      extensions: frame.extensions ?? previous?.extensions ?? [],
      connectedAt: previous?.connId === conn.id ? previous.connectedAt : state.connectedAt,
      lastPingAt: previous?.lastPingAt ?? now,
    };
    this.presence.set(frame.agentId, entry);
    void this.room.storage.put(PRESENCE_PREFIX + frame.agentId, entry);
    this.outbox.enqueue({ kind: "agent-status", agentId: frame.agentId, keyId: state.keyId, frame });
  }

  private onPong(conn: Conn, _timestamp: number | undefined): void {
    const state = conn.state!;
    this.touch(conn);
    if (!state.agentId) return;
    const entry = this.presence.get(state.agentId);
    if (!entry || entry.connId !== conn.id) return;
    entry.lastPingAt = Date.now();
    void this.room.storage.put(PRESENCE_PREFIX + entry.agentId, entry);
    this.outbox.enqueue({ kind: "pong", agentId: entry.agentId });
  }

  /** Any valid frame proves the agent alive and resets its abuse counter. */
  private touch(conn: Conn): void {
    const state = conn.state!;
    conn.setState({ ...state, lastPongAt: Date.now(), invalidInARow: 0 });
  }

  private reject(conn: Conn, frame: HubFrame): void {
    this.send(conn, frame);
    const state = conn.state;
    if (!state) return;
    const invalidInARow = state.invalidInARow + 1;
    conn.setState({ ...state, invalidInARow });
    if (shouldCloseForAbuse(invalidInARow)) conn.close(1008, "too many invalid frames");
  }

  private forget(conn: Conn, reason: "closed" | "stale"): void {
    const agentId = conn.state?.agentId;
    if (!agentId) return;
    conn.setState({ ...conn.state!, agentId: null });
    const entry = this.presence.get(agentId);
    if (!entry || entry.connId !== conn.id) return;
    this.presence.delete(agentId);
    void this.room.storage.delete(PRESENCE_PREFIX + agentId);
    this.outbox.enqueue({ kind: "disconnect", agentId, reason });
  }

  private presenceSnapshot(): PresenceEntry[] {
    return [...this.presence.values()].map(({ connId: _connId, ...entry }) => entry);
  }

  private send(conn: Party.Connection, frame: HubFrame): boolean {
    try {
      conn.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }
}
