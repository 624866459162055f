/** Many lightweight spec agents over raw `ws`: announce themselves, answer pings, hand every frame to a callback. */
import WebSocket from "ws";

export type HubFrame = { type: string; [key: string]: unknown };

export type PoolAgent = { id: string; index: number; ws: WebSocket; send: (frame: unknown) => void };

export type PoolOptions = {
  wsUrl: string;
  key: string;
  count: number;
  idPrefix: string;
  /** Sent in agent-status; >1 lets one agent hold several tasks. */
  maxConcurrency?: number;
  capabilities?: string[];
  onFrame?: (agent: PoolAgent, frame: HubFrame) => void;
  /** Answer pings with pongs (default true). */
  answerPings?: boolean;
  /** Path and query to connect at: "/api/ws" (agents) or "/parties/main/cockpit?as=dashboard" etc. */
  path?: string;
  /** Send agent-status once open (default true). */
  announce?: boolean;
};

/**
 * `reopenClosed`: connects again (as a real agent would) every agent whose socket was closed; returns how many.
 * `closedBy`: how many sockets the hub closed before `close()`, by "code reason", to say why a figure fell short.
 */
export type Pool = { agents: PoolAgent[]; close: () => Promise<void>; reopenClosed: () => Promise<number>; closedBy: Map<string, number> };

export async function connectPool(o: PoolOptions): Promise<Pool> {
  const closedBy = new Map<string, number>();
  let closing = false;
  const opened = await Promise.all(
    Array.from({ length: o.count }, async (_, index) => {
      const agent = await connectRetrying(o, index);
      agent.ws.once("close", (code, reason) => {
        const why = `${code} ${reason.toString()}`.trim();
        if (!closing) closedBy.set(why, (closedBy.get(why) ?? 0) + 1);
      });
      return agent;
    }),
  );
  return {
    agents: opened,
    closedBy,
    async reopenClosed() {
      const closed = opened.filter((a) => a.ws.readyState === WebSocket.CLOSED);
      for (const a of closed) opened[a.index] = await connectRetrying(o, a.index);
      return closed.length;
    },
    async close() {
      closing = true;
      await Promise.all(
        opened.map(
          (a) =>
            new Promise<void>((resolve) => {
              if (a.ws.readyState === WebSocket.CLOSED) return resolve();
              a.ws.once("close", () => resolve());
              a.ws.close();
              setTimeout(() => (a.ws.terminate(), resolve()), 3_000).unref();
            }),
        ),
      );
    },
  };
}

/** A refused or reset upgrade is tried again, as a real agent reconnects (a loaded local workerd hangs some up). */
async function connectRetrying(o: PoolOptions, index: number, attempts = 5): Promise<PoolAgent> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectOne(o, index);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function connectOne(o: PoolOptions, index: number): Promise<PoolAgent> {
  const ws = new WebSocket(`${o.wsUrl}${o.path ?? "/api/ws"}`, { headers: { Authorization: `Bearer ${o.key}` }, perMessageDeflate: false });
  const agent: PoolAgent = { id: `${o.idPrefix}-${index}`, index, ws, send: (frame) => ws.send(JSON.stringify(frame)) };
  // A socket that fails after opening (e.g. partykit dev reloading on a source change) must not crash the run.
  ws.on("error", () => undefined);
  ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as HubFrame;
    if (frame.type === "ping" && o.answerPings !== false) agent.send({ type: "pong", timestamp: Date.now() });
    o.onFrame?.(agent, frame);
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => {
      if (o.announce !== false) {
        agent.send({
          type: "agent-status",
          agentId: agent.id,
          status: "online",
          capabilities: o.capabilities ?? ["shell"],
          maxConcurrency: o.maxConcurrency ?? 1,
        });
      }
      resolve(agent);
    });
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}
