import type * as Party from "partykit/server";
import type { Delivery, HubEventReply, PresenceEntry } from "../lib/bridge/messages";
import { signedHeaders, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../lib/bridge/sign";
import { can } from "../lib/auth/roles";
import { errorFrame, parseAgentFrame, pingFrame, statusRequestFrame, type AgentFrame, type HubFrame } from "../lib/protocol";
import { ROOM_ID } from "../lib/protocol/constants";
import { AgentOwners } from "./agent-owners";
import { authenticateHubRequest, decodePrincipal, encodePrincipal, PRINCIPAL_HEADER, refusal, unauthorized, type Authenticated } from "./auth";
import { readCappedText } from "./body";
import { applyCommand } from "./commands";
import { readConfig, type HubConfig } from "./config";
import { KEY_LOOKUP_PATH, KeyFlights, lookupThroughRoom } from "./key-flights";
import { forgetKeyIds, webLookupCount } from "./key-lookup";
import { KnownKeys } from "./known-keys";
import { FRAME_BUDGET, fullBucket, isStale, recordInvalid, shouldCloseForAbuse, takeToken, type Bucket } from "./liveness";
import { Outbox, type NewEvent } from "./outbox";
import { StoredReplayGuard } from "./replay-store";
import { alarmAfterStart, roomIdOf, type StartedBy } from "./room-start";
import { closeIfTooBig } from "./socket-errors";
import { TaskHolders } from "./task-holders";

/** `saidGoodbye`: the agent announced it is leaving, so its close means "stopped", not "crashed". */
/** `dropped`: closed by the hub as stale; frames still in flight on it are ignored (they would re-register a dead socket). */
type ConnState = Authenticated & { agentId: string | null; connectedAt: number; lastPongAt: number; saidGoodbye?: boolean; dropped?: boolean };
type Conn = Party.Connection<ConnState>;
type Presence = PresenceEntry & { connId: string };
/** Per-connection counters kept in memory only (hot path; a hibernated room starts them afresh). */
type Counters = { bucket: Bucket; invalid: number[]; claim: Promise<void> | null; lastPongEventAt: number };

const PRESENCE_PREFIX = "agent:";
const KNOWN_KEY_PATH = "/known-key";
const json = (body: unknown, status = 200) => Response.json(body, { status });
const notFound = (message = "not found") => json({ error: { code: "not_found", message } }, 404);

/** The worker's question to the room while the web is down: was this key verified here recently? */
async function askRoomForKnownKey(lobby: Party.FetchLobby | Party.Lobby, config: HubConfig, keyHash: string) {
  const stub = lobby.parties.main?.get(ROOM_ID);
  if (!stub) return null;
  const res = await stub.fetch(KNOWN_KEY_PATH, { method: "POST", headers: await signedHeaders(config.secret, keyHash), body: keyHash });
  return res.ok ? ((await res.json()) as { keyId: string; name: string; role: Authenticated["role"] }) : null;
}

/** The spec's CockpitWebSocket: authenticated sockets for agents and dashboards, in one room "cockpit". */
export default class CockpitRoom implements Party.Server {
  readonly config: HubConfig;
  readonly presence = new Map<string, Presence>();
  readonly outbox: Outbox;
  readonly owners: AgentOwners;
  readonly holders: TaskHolders;
  private readonly knownKeys: KnownKeys;
  private readonly keyFlights: KeyFlights;
  private readonly counters = new Map<string, Counters>();
  readonly replays: StoredReplayGuard;
  /** When and why this instance of the room started (reported by /health: with hibernation, each wake starts one). */
  private started: { at: number; by: StartedBy } | null = null;
  /** Read by PartyKit right after construction; socket state lives in conn.setState (an attachment), so sleeping is safe. */
  readonly options: Party.ServerOptions;

  constructor(readonly room: Party.Room) {
    this.config = readConfig(room.env);
    this.options = { hibernate: this.config.hibernate };
    this.outbox = new Outbox(
      room.storage,
      this.config,
      () => this.presenceSnapshot(),
      (reply) => this.applyReply(reply),
    );
    this.owners = new AgentOwners(room.storage, this.config);
    this.holders = new TaskHolders(room.storage);
    this.knownKeys = new KnownKeys(room.storage);
    this.keyFlights = new KeyFlights(this.config);
    this.replays = new StoredReplayGuard(room.storage);
  }

  /** Agents of the spec connect at /api/ws with a Bearer header; route them to the room after auth. */
  static async onFetch(req: Party.Request, lobby: Party.FetchLobby): Promise<Response> {
    const url = new URL(req.url);
    const stub = lobby.parties.main?.get(ROOM_ID);
    if (!stub) return json({ error: { code: "internal", message: "hub misconfigured" } }, 500);
    // Health is answered by the room itself, so it also says whether the room runs and how much waits for the web.
    if (url.pathname === "/health") return stub.fetch("/health");
    if (url.pathname !== "/api/ws" && url.pathname !== "/api/agents") return notFound();
    const config = readConfig(lobby.env);
    const auth = await authenticateHubRequest(
      config,
      req,
      (hash) => askRoomForKnownKey(lobby, config, hash),
      (hash) => lookupThroughRoom(lobby, config, hash),
    );
    if (!auth.ok) return refusal(auth);
    const headers = new Headers(req.headers as unknown as HeadersInit);
    headers.set(PRINCIPAL_HEADER, await encodePrincipal(config, auth.who));
    const init: RequestInit = { method: req.method, headers };
    return url.pathname === "/api/agents" ? stub.fetch("/agents", init) : stub.fetch(init);
  }

  static async onBeforeConnect(req: Party.Request, lobby: Party.Lobby): Promise<Request | Response> {
    // One room only: another room would report its own (empty) presence and mark every agent offline.
    if (lobby.id !== ROOM_ID) return notFound("no such room");
    const config = readConfig(lobby.env);
    const auth = await authenticateHubRequest(
      config,
      req,
      (hash) => askRoomForKnownKey(lobby, config, hash),
      (hash) => lookupThroughRoom(lobby, config, hash),
    );
    if (!auth.ok) return refusal(auth);
    const headers = new Headers(req.headers as unknown as HeadersInit);
    headers.set(PRINCIPAL_HEADER, await encodePrincipal(config, auth.who));
    // PartyKit keeps the upgrade's URL in every socket's attachment for the socket's life: without the credential
    // (`?token=`, up to 2 KiB) it is shorter, and no key or session token sits in the room's memory or attachments.
    const url = new URL(req.url);
    url.searchParams.delete("token");
    return new Request(url.toString(), { method: req.method, headers });
  }

  static async onBeforeRequest(req: Party.Request, lobby: Party.Lobby): Promise<Party.Request | Response> {
    if (lobby.id !== ROOM_ID) return notFound("no such room");
    return req;
  }

  async onStart(): Promise<void> {
    // Started by its alarm (a room that slept), the room cannot read its id; only the cockpit room sets an alarm (below).
    const id = roomIdOf(this.room);
    if (id !== null && id !== ROOM_ID) return;
    this.started = { at: Date.now(), by: id === null ? "alarm" : "request" };
    // Keep presence whose socket is still open (a woken room); drop the rest and tell the web who is here.
    const stored = await this.room.storage.list<Presence>({ prefix: PRESENCE_PREFIX });
    const gone: string[] = [];
    for (const [key, entry] of stored) {
      if (this.room.getConnection(entry.connId)) this.presence.set(entry.agentId, entry);
      else gone.push(key);
    }
    if (gone.length > 0) await this.room.storage.delete(gone);
    await Promise.all([this.outbox.load(), this.owners.load(), this.holders.load(), this.replays.load()]);
    this.outbox.requestPresenceSync();
    const alarm = alarmAfterStart(await this.room.storage.getAlarm(), Date.now(), this.config.pingIntervalMs);
    if (alarm !== null) await this.room.storage.setAlarm(alarm);
  }

  async onConnect(conn: Conn, ctx: Party.ConnectionContext): Promise<void> {
    const who = await decodePrincipal(this.config, ctx.request.headers.get(PRINCIPAL_HEADER));
    if (!who) {
      conn.close(4001, "unauthorized");
      return;
    }
    const now = Date.now();
    // The key's hash and how it was checked serve only the remember() below: the socket's attachment (kept for its
    // whole life, ≤ 2 KiB under hibernation) holds only what later frames need.
    const { keyHash: _keyHash, verified: _verified, ...principal } = who;
    conn.setState({ ...principal, agentId: null, connectedAt: now, lastPongAt: now });
    // Remember keys the web vouched for, so agents can reconnect while the web is briefly unreachable.
    if (who.kind === "agent" && who.keyHash && who.verified) await this.knownKeys.remember(who.keyHash, { keyId: who.keyId, name: who.name, role: who.role });
    if (who.kind === "agent") this.send(conn, statusRequestFrame());
  }

  async onMessage(raw: string | ArrayBuffer | ArrayBufferView, conn: Conn): Promise<void> {
    if (!conn.state || conn.state.dropped) return;
    const counters = this.countersOf(conn.id);
    const taken = takeToken(counters.bucket, Date.now());
    counters.bucket = taken.bucket;
    if (!taken.allowed) return this.overBudget(conn, taken.bucket.dropped);
    const parsed = parseAgentFrame(raw);
    if (!parsed.ok) return this.reject(conn, parsed.error);
    const frame = parsed.frame;
    // Frames that follow an agent-status wait until its agentId claim is settled, in arrival order.
    if (counters.claim) await counters.claim;
    const state = conn.state;
    if (!state || state.dropped) return;
    if (frame.type === "pong") return this.onPong(conn, counters);
    if (state.kind !== "agent" || !can(state.role, "agent")) {
      return this.reject(conn, errorFrame("Forbidden", [{ message: `a ${state.role} connection may not send ${frame.type} frames` }]));
    }
    if (frame.type === "agent-status") return this.onAgentStatus(conn, frame, counters);
    if (!state.agentId) {
      return this.reject(conn, errorFrame("Send agent-status first", [{ message: `${frame.type} needs a known agentId on this connection` }]));
    }
    this.touch(conn);
    const agentId = state.agentId;
    switch (frame.type) {
      case "git-status":
        return this.store(conn, { kind: "git-status", agentId, frame });
      case "task-result":
        return this.store(conn, { kind: "task-result", agentId, frame });
      case "session-event":
        return this.store(conn, { kind: "session-event", agentId, frame });
      case "task-accepted":
        return this.store(conn, { kind: "task-accepted", agentId, taskId: frame.taskId, ...(frame.attempt === undefined ? {} : { attempt: frame.attempt }) });
      case "agent-goodbye":
        conn.setState({ ...conn.state!, saidGoodbye: true });
        return;
      case "agent-wake":
        return this.store(conn, { kind: "agent-wake", agentId, frame });
      case "agent-metrics":
        return this.store(conn, { kind: "agent-metrics", agentId, frame });
      case "task-log":
        // Live output goes straight to dashboards, and only from the agent that holds the task's attempt.
        if (!this.holders.holds(frame.taskId, agentId, frame.attempt)) {
          this.send(
            conn,
            errorFrame("task-log refused", [
              { path: ["taskId"], message: `${agentId} does not hold task ${frame.taskId}${frame.attempt ? ` attempt ${frame.attempt}` : ""}` },
            ]),
          );
          return;
        }
        this.broadcastChanges([
          { type: "task-log", taskId: frame.taskId, agentId, seq: frame.seq, chunk: frame.chunk, ...(frame.attempt ? { attempt: frame.attempt } : {}) },
        ]);
        // Kept by the web too, so a page opened later shows the output so far.
        return this.store(conn, {
          kind: "task-log",
          agentId,
          taskId: frame.taskId,
          seq: frame.seq,
          chunk: frame.chunk,
          ...(frame.attempt ? { attempt: frame.attempt } : {}),
        });
    }
  }

  async onClose(conn: Conn): Promise<void> {
    this.counters.delete(conn.id);
    this.forget(conn, conn.state?.saidGoodbye ? "goodbye" : "closed");
  }

  async onError(conn: Conn, error?: unknown): Promise<void> {
    this.counters.delete(conn.id);
    this.forget(conn, "closed");
    closeIfTooBig(conn, error);
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
        // A suspended agent's frames may still arrive on this socket before the close completes: an agent-status
        // would register the dead socket again, and its close would then read as a crash of the live agent.
        conn.setState({ ...conn.state!, dropped: true });
        conn.close(1000, "stale connection");
        continue;
      }
      this.send(conn, pingFrame(now));
    }
    void this.outbox.flush();
    await this.replays.prune(now).catch((error: unknown) => console.error("could not prune seen signatures:", error instanceof Error ? error.message : error));
    await this.room.storage.setAlarm(now + this.config.pingIntervalMs);
  }

  async onRequest(req: Party.Request): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/health"))
      return json({
        ok: true,
        outboxDepth: this.outbox.depth(),
        outbox: this.outbox.stats(),
        agents: this.presence.size,
        keyLookups: webLookupCount(),
        agentClaims: this.owners.stats(),
        hibernate: this.config.hibernate,
        room: this.started && { startedAt: new Date(this.started.at).toISOString(), startedBy: this.started.by },
      });
    if (req.method === "GET" && url.pathname.endsWith("/agents")) {
      const who = await decodePrincipal(this.config, req.headers.get(PRINCIPAL_HEADER));
      if (!who) return unauthorized();
      if (!can(who.role, "read")) return json({ error: { code: "forbidden", message: "needs read access" } }, 403);
      const agents = [...this.presence.values()].map((p) => ({
        agentId: p.agentId,
        connectedAt: new Date(p.connectedAt).toISOString(),
        lastPingAt: new Date(p.lastPingAt).toISOString(),
        status: p.status,
        capabilities: p.capabilities,
      }));
      return json({ agents, count: agents.length });
    }
    if (req.method === "POST" && url.pathname.endsWith(KNOWN_KEY_PATH)) return this.onKnownKeyQuestion(req);
    if (req.method === "POST" && url.pathname.endsWith(KEY_LOOKUP_PATH)) return this.onKeyLookup(req);
    if (req.method === "POST") return applyCommand(this, req);
    return notFound();
  }

  /** The worker asks (signed with the secret) whether a key was verified here recently; only while the web is down. */
  private async onKnownKeyQuestion(req: Party.Request): Promise<Response> {
    const body = await readCappedText(req as unknown as Request, 256);
    if (!body.ok) return json({ error: { code: "bad_request", message: body.message } }, body.status);
    if (!(await verifySignature(this.config.secret, body.text, req.headers.get(TIMESTAMP_HEADER), req.headers.get(SIGNATURE_HEADER))))
      return unauthorized("bad signature");
    const principal = await this.knownKeys.find(body.text);
    return principal ? json(principal) : notFound("not a recently verified key");
  }

  /** The worker's key lookup, single-flight per key hash (signed like the known-key question). */
  private async onKeyLookup(req: Party.Request): Promise<Response> {
    const body = await readCappedText(req as unknown as Request, 256);
    if (!body.ok) return json({ error: { code: "bad_request", message: body.message } }, body.status);
    if (!(await verifySignature(this.config.secret, body.text, req.headers.get(TIMESTAMP_HEADER), req.headers.get(SIGNATURE_HEADER))))
      return unauthorized("bad signature");
    return json(await this.keyFlights.lookup(body.text));
  }

  /** Keys revoked at the web: close their sockets and forget them as known keys. */
  async revokeKeys(keyIds: readonly string[]): Promise<void> {
    forgetKeyIds(keyIds);
    for (const conn of this.room.getConnections<ConnState>()) if (conn.state && keyIds.includes(conn.state.keyId)) conn.close(4001, "key revoked");
    await this.knownKeys.forgetKeyIds(keyIds);
  }

  /** An admin released or reassigned an agentId: cache it, and close a socket whose key no longer owns the id. */
  async setOwner(agentId: string, keyId: string | null): Promise<void> {
    await this.owners.set(agentId, keyId);
    const entry = this.presence.get(agentId);
    const conn = entry && this.room.getConnection<ConnState>(entry.connId);
    if (conn?.state && conn.state.keyId !== keyId) {
      this.forget(conn, "closed");
      conn.close(4003, keyId === null ? "agentId released by an admin" : "agentId reassigned to another key");
    }
  }

  private applyReply(reply: HubEventReply): void {
    // Changes first: they hold the `assigned` rows that a delivery's `running` row follows.
    this.broadcastChanges(reply.changes ?? []);
    for (const d of reply.deliveries ?? []) this.handOver(d);
    this.deliverNotices(reply.notices ?? []);
  }

  /**
   * Sends a task frame and tells the web how it went through the outbox (`delivered` / `delivery-failed`), the one
   * way the web learns it, whether the delivery came with a REST command or a reply to a batch.
   */
  handOver(d: Delivery): void {
    const attempt = d.frame.attempt ? { attempt: d.frame.attempt } : {};
    // Too late: the web may have given this delivery up already (its answer timed out); a second live one must not exist.
    if (d.deliverBy !== undefined && Date.now() >= d.deliverBy) {
      const reason = `the delivery reached the hub ${Date.now() - d.deliverBy} ms after its deadline`;
      void this.store(null, { kind: "delivery-failed", agentId: d.agentId, taskId: d.taskId, ...attempt, reason });
      return;
    }
    const delivered = this.deliver(d.agentId, d.frame);
    if (!delivered) {
      void this.store(null, { kind: "delivery-failed", agentId: d.agentId, taskId: d.taskId, ...attempt });
      return;
    }
    this.holders.hold(d.taskId, d.agentId, d.frame.attempt);
    if (d.onDelivered) this.broadcastChanges([d.onDelivered.change]);
    void this.store(null, {
      kind: "delivered",
      agentId: d.agentId,
      taskId: d.taskId,
      ...attempt,
      ...(d.onDelivered ? { startedAt: d.onDelivered.startedAt } : {}),
    });
  }

  /** Cancels and result acks end what an agent holds; every notice goes to its agent. */
  deliverNotices(notices: readonly { agentId: string; frame: HubFrame }[]): void {
    for (const n of notices) {
      if (n.frame.type === "task-cancel" || (n.frame.type === "task-result-ack" && n.frame.accepted)) this.holders.release(n.frame.taskId);
      this.deliver(n.agentId, n.frame);
    }
  }

  deliver(agentId: string, frame: HubFrame): boolean {
    const entry = this.presence.get(agentId);
    const conn = entry && this.room.getConnection<ConnState>(entry.connId);
    if (!conn) return false;
    return this.send(conn, frame);
  }

  broadcastChanges(changes: readonly HubFrame[]): void {
    if (changes.length === 0) return;
    const dashboards = [...this.room.getConnections<ConnState>()].filter((c) => c.state?.kind === "dashboard");
    for (const change of changes) {
      const text = JSON.stringify(change);
      for (const conn of dashboards) conn.send(text);
    }
  }

  /** Keeps an agent's event for the web, or tells the agent it could not be kept (never silence). */
  private async store(conn: Conn | null, event: NewEvent): Promise<void> {
    if (await this.outbox.enqueue(event)) return;
    if (conn) this.send(conn, errorFrame("Frame could not be stored", [{ message: `the hub could not keep this ${event.kind} frame; send it again later` }]));
  }

  private onAgentStatus(conn: Conn, frame: Extract<AgentFrame, { type: "agent-status" }>, counters: Counters): Promise<void> | void {
    const state = conn.state!;
    if (state.agentId && state.agentId !== frame.agentId) {
      return this.reject(conn, errorFrame("agentId cannot change on a connection", [{ path: ["agentId"], message: `this connection is ${state.agentId}` }]));
    }
    if (state.agentId) return this.register(conn, frame);
    // First agent-status on this connection: the agentId must belong to this key; later frames wait for the answer.
    const claim = this.claimThenRegister(conn, frame);
    const tracked: Promise<void> = claim.finally(() => {
      if (counters.claim === tracked) counters.claim = null;
    });
    counters.claim = tracked;
    return claim;
  }

  private async claimThenRegister(conn: Conn, frame: Extract<AgentFrame, { type: "agent-status" }>): Promise<void> {
    const keyId = conn.state!.keyId;
    const outcome = await this.owners.claim(frame.agentId, keyId);
    if (outcome.status === "other") {
      return this.reject(
        conn,
        errorFrame("agentId belongs to another key", [
          {
            path: ["agentId"],
            message: `${frame.agentId} is registered to key ${outcome.ownerKeyId}; an admin can release it (POST /api/cockpit/agents/${frame.agentId}/release)`,
          },
        ]),
      );
    }
    if (outcome.status === "unavailable") {
      // Not a bad frame: the agent may retry; it does not count toward the abuse limit.
      this.send(
        conn,
        errorFrame("agentId ownership cannot be checked now", [
          { path: ["agentId"], message: `the web is unreachable (${outcome.reason}); reconnect shortly` },
        ]),
      );
      conn.close(1013, "try again later");
      return;
    }
    if (conn.state) this.register(conn, frame);
  }

  private register(conn: Conn, frame: Extract<AgentFrame, { type: "agent-status" }>): void {
    const state = conn.state!;
    const previous = this.presence.get(frame.agentId);
    if (previous && previous.connId !== conn.id) {
      // The same agent (same key) reconnected before its old socket timed out: the newer connection wins.
      const old = this.room.getConnection<ConnState>(previous.connId);
      if (old?.state) {
        old.setState({ ...old.state, agentId: null });
        old.close(4000, "replaced by a newer connection");
      }
    }
    const now = Date.now();
    // The spec's way of leaving is agent-status "offline" before the close: that counts as a goodbye too.
    conn.setState({ ...state, agentId: frame.agentId, lastPongAt: now, saidGoodbye: frame.status === "offline" });
    const entry: Presence = {
      agentId: frame.agentId,
      connId: conn.id,
      // The web counts an agent connected only when this key owns its id.
      keyId: state.keyId,
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
    void this.store(conn, { kind: "agent-status", agentId: frame.agentId, keyId: state.keyId, frame });
  }

  private onPong(conn: Conn, counters: Counters): void {
    const state = conn.state!;
    this.touch(conn);
    if (!state.agentId) return;
    const entry = this.presence.get(state.agentId);
    if (!entry || entry.connId !== conn.id) return;
    const now = Date.now();
    entry.lastPingAt = now;
    // One stored pong per half ping interval is enough for the web's "last seen"; a pong flood costs no storage.
    if (now - counters.lastPongEventAt < this.config.pingIntervalMs / 2) return;
    counters.lastPongEventAt = now;
    void this.room.storage.put(PRESENCE_PREFIX + entry.agentId, entry);
    void this.store(conn, { kind: "pong", agentId: entry.agentId });
  }

  /** Any valid frame proves the agent alive. */
  private touch(conn: Conn): void {
    const state = conn.state!;
    const now = Date.now();
    // Writing the socket's attachment costs; once a second is precise enough for a stale limit of minutes.
    if (now - state.lastPongAt >= 1_000) conn.setState({ ...state, lastPongAt: now });
  }

  private countersOf(connId: string): Counters {
    let c = this.counters.get(connId);
    if (!c) {
      c = { bucket: fullBucket(Date.now()), invalid: [], claim: null, lastPongEventAt: 0 };
      this.counters.set(connId, c);
    }
    return c;
  }

  private overBudget(conn: Conn, dropped: number): void {
    if (dropped === 1) {
      this.send(
        conn,
        errorFrame("Rate limit exceeded", [
          { message: `at most ${FRAME_BUDGET.perSecond} frames a second (bursts of ${FRAME_BUDGET.burst}); frames are dropped until the rate falls` },
        ]),
      );
    }
    if (dropped >= FRAME_BUDGET.closeAfterDropped) conn.close(1008, "rate limit exceeded");
  }

  private reject(conn: Conn, frame: HubFrame): void {
    this.send(conn, frame);
    const counters = this.countersOf(conn.id);
    counters.invalid = recordInvalid(counters.invalid, Date.now());
    if (shouldCloseForAbuse(counters.invalid)) conn.close(1008, "too many invalid frames");
  }

  private forget(conn: Conn, reason: "closed" | "stale" | "goodbye"): void {
    const agentId = conn.state?.agentId;
    if (!agentId) return;
    conn.setState({ ...conn.state!, agentId: null });
    const entry = this.presence.get(agentId);
    if (!entry || entry.connId !== conn.id) return;
    this.presence.delete(agentId);
    void this.room.storage.delete(PRESENCE_PREFIX + agentId);
    void this.store(null, { kind: "disconnect", agentId, reason });
  }

  presenceSnapshot(): PresenceEntry[] {
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
