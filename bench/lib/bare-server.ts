/**
 * Baseline server, run as its own process: a bare `ws` relay with no auth, validation or storage. It shows what
 * this machine does for sockets when nothing of ours is in the way.
 *   {op:"relay", to, frame}       → sends frame to the client that connected with ?id=<to>
 *   {op:"broadcast", frame}       → sends frame to every client that connected with ?group=dash
 *   {op:"pingall"}                → pings every ?group=agent client; answers {type:"pinged"} when all ponged
 */
import { WebSocketServer, type WebSocket } from "ws";

type Op = { op: "relay"; to: string; frame: unknown } | { op: "broadcast"; frame: unknown } | { op: "pingall" } | { type: "pong" };

const port = Number(process.argv[2]);
const byId = new Map<string, WebSocket>();
const dashboards = new Set<WebSocket>();
const agents = new Set<WebSocket>();
let round: { waiting: number; requester: WebSocket } | null = null;

const server = new WebSocketServer({ port, host: "127.0.0.1" });
server.on("connection", (socket, req) => {
  const params = new URL(req.url ?? "/", "http://x").searchParams;
  const id = params.get("id");
  const group = params.get("group");
  if (id) byId.set(id, socket);
  if (group === "dash") dashboards.add(socket);
  if (group === "agent") agents.add(socket);
  socket.on("message", (data) => {
    const msg = JSON.parse(data.toString()) as Op;
    if ("type" in msg) {
      if (round && --round.waiting === 0) {
        round.requester.send(JSON.stringify({ type: "pinged" }));
        round = null;
      }
      return;
    }
    if (msg.op === "relay") byId.get(msg.to)?.send(JSON.stringify(msg.frame));
    else if (msg.op === "broadcast") {
      const text = JSON.stringify(msg.frame);
      for (const d of dashboards) d.send(text);
    } else {
      round = { waiting: agents.size, requester: socket };
      const ping = JSON.stringify({ type: "ping", timestamp: Date.now() });
      for (const a of agents) a.send(ping);
    }
  });
  socket.on("close", () => {
    if (id) byId.delete(id);
    dashboards.delete(socket);
    agents.delete(socket);
  });
});
server.on("listening", () => process.stdout.write("ready\n"));
