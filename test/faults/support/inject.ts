/** Strikes one fault and waits for its positive effect: the process back, and presence right on both sides. */
import type { FaultStack } from "./fault-stack";
import { waitForPresence } from "./presence";
import type { Fleet } from "./real-agents";
import type { Fault } from "./schedule";
import { countByStatus } from "./workload";

export type InjectContext = {
  stack: FaultStack;
  fleet: Fleet;
  /** Every agent id that should be connected right now (real agents alive and not paused, plus any pool). */
  expected: () => string[];
  presenceTimeoutMs: number;
  /** Also measure how soon after a hub restart tasks complete again (the soak's figure; a poll a second). */
  watchCompletions?: boolean;
};

/** What happened, for the printed schedule: how long the fault took to clear. */
export type FaultRecord = { fault: Fault; at: number; summary: string };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** How long until the web counts more completed tasks than now (null if none within the limit). */
async function nextCompletion(stack: FaultStack, limitMs = 180_000): Promise<number | null> {
  const t0 = Date.now();
  const completed = async () => (await countByStatus(stack.api, ["completed"]).catch(() => null))?.completed ?? null;
  const before = await completed();
  while (Date.now() - t0 < limitMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await completed();
    if (before !== null && now !== null && now > before) return Date.now() - t0;
  }
  return null;
}

export async function inject(fault: Fault, ctx: InjectContext, startedAt: number): Promise<FaultRecord> {
  const at = Date.now() - startedAt;
  const t0 = Date.now();
  const agent = ctx.fleet.agents[fault.agent]!;
  const settle = (label: string) => waitForPresence(ctx.stack, ctx.expected, label, ctx.presenceTimeoutMs);
  switch (fault.kind) {
    case "kill-hub": {
      await ctx.stack.killHub();
      await ctx.stack.startHubAgain();
      const up = Date.now() - t0;
      const completing = ctx.watchCompletions ? nextCompletion(ctx.stack) : null;
      const right = await settle("the hub's kill -9 and restart");
      const resumed = completing ? await completing : undefined;
      const tasks = resumed === undefined ? "" : `, tasks completing again ${resumed === null ? "NOT within 180 s" : `${seconds(resumed)} after it answered`}`;
      return { fault, at, summary: `hub killed -9, answering again after ${seconds(up)}, presence right ${seconds(right)} later${tasks}` };
    }
    case "kill-web": {
      await ctx.stack.killWeb();
      await ctx.stack.startWebAgain();
      const up = Date.now() - t0;
      const right = await settle("the web's kill -9 and restart");
      return { fault, at, summary: `web killed -9, answering again after ${seconds(up)}, presence right ${seconds(right)} later` };
    }
    case "kill-agent": {
      await ctx.fleet.kill(agent);
      ctx.fleet.start(agent);
      await ctx.fleet.connectedSince(agent, 0, ctx.presenceTimeoutMs);
      const right = await settle(`kill -9 and restart of ${agent.id}`);
      return { fault, at, summary: `${agent.id} killed -9 and started again (same state dir), presence right after ${seconds(right)}` };
    }
    case "stop-agent": {
      ctx.fleet.pause(agent);
      // The hub closes it once it is silent past STALE_AFTER_MS; both sides must then leave it out.
      const gone = await settle(`SIGSTOP of ${agent.id} (past the stale limit)`);
      const offset = agent.child?.output().length ?? 0;
      ctx.fleet.resume(agent);
      await ctx.fleet.connectedSince(agent, offset, ctx.presenceTimeoutMs);
      const back = await settle(`SIGCONT of ${agent.id}`);
      return { fault, at, summary: `${agent.id} SIGSTOPped, dropped as stale after ${seconds(gone)}, SIGCONT, back after ${seconds(back)}` };
    }
  }
}
