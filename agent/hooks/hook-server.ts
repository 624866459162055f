import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname, isAbsolute, join } from "node:path";
import type { AgentFrame } from "../../lib/protocol";
import type { ApprovalDecisionFrame, SessionEventFrame } from "../../lib/protocol/session-frames";
import { runGitAt } from "../git/git-state";
import type { Logger } from "../log";
import { ApprovalWaits, type Verdict } from "./approval-waits";
import { matchingAskPattern } from "./ask-patterns";
import { removeEndpoint, writeEndpoint } from "./endpoint";
import { STATE_OF, hookInputSchema, messageOf, toolCallText, type HookInput } from "./hook-input";
import { lastAssistantText } from "./transcript";

export type HookServerOptions = {
  stateDir: string;
  send: (frame: AgentFrame) => boolean;
  isConnected: () => boolean;
  /** Bash commands that wait for an operator's decision (see matchingAskPattern). */
  ask: readonly string[];
  approvalTimeoutMs: number;
  log: Logger;
};

export type HookServer = { port: number; decide: (frame: ApprovalDecisionFrame) => void; stop: () => Promise<void> };

const MAX_BODY = 1024 * 1024;

/** PreToolUse's documented decision output: allow or deny the tool call, with the reason Claude (and the user) see. */
function preToolUseOutput(verdict: { decision: "allow" | "deny" | "ask"; reason: string }) {
  return { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: verdict.decision, permissionDecisionReason: verdict.reason } };
}

/** The branch checked out where the session runs: the nearest folder up from cwd with a .git, read with hardened git. */
async function branchAt(cwd: string | undefined): Promise<string | undefined> {
  if (!cwd || !isAbsolute(cwd)) return undefined;
  let dir = cwd;
  while (!existsSync(join(dir, ".git"))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  const branch = await runGitAt(dir, ["rev-parse", "--abbrev-ref", "HEAD"], 1500).catch(() => null);
  return branch?.trim().slice(0, 256) || undefined;
}

/**
 * The agent's local hook endpoint: `cockpit-agent hook <event>` posts Claude Code's hook input here (127.0.0.1 only,
 * with the token from the state folder); the agent forwards it to the hub as a session-event, and for a command
 * matching an `ask` pattern holds the answer until an operator decides or the timeout denies.
 */
export async function startHookServer(o: HookServerOptions): Promise<HookServer> {
  const token = randomBytes(32).toString("hex");
  const waits = new ApprovalWaits();

  async function handleHook(input: HookInput): Promise<Record<string, unknown>> {
    const sessionId = input.session_id.replace(/[^A-Za-z0-9._:@-]/g, "-").slice(0, 128);
    const event = input.hook_event_name;
    let message = messageOf(input);
    if (event === "Stop" && !message && input.transcript_path) message = await lastAssistantText(input.transcript_path);
    const base: SessionEventFrame = {
      type: "session-event",
      sessionId,
      tool: "claude",
      event,
      state: STATE_OF[event],
      at: Date.now(),
      ...(input.cwd ? { cwd: input.cwd.slice(0, 1024) } : {}),
      ...(message ? { message: message.slice(0, 2000) } : {}),
    };
    const branch = await branchAt(input.cwd);
    if (branch) base.branch = branch;
    const command = event === "PreToolUse" && input.tool_name === "Bash" && typeof input.tool_input?.command === "string" ? input.tool_input.command : null;
    const pattern = command === null ? null : matchingAskPattern(command, o.ask);
    if (command === null || pattern === null) {
      o.send(base);
      return {};
    }
    if (!o.isConnected()) {
      o.send(base);
      return preToolUseOutput({ decision: "ask", reason: `Cockpit: "${pattern}" needs approval, but the hub is unreachable; asking here instead` });
    }
    const id = `approval-${randomUUID()}`;
    const expiresAt = Date.now() + o.approvalTimeoutMs;
    const waiting = waits.wait(id, o.approvalTimeoutMs);
    o.send({
      ...base,
      state: "waiting",
      message: `approval needed: ${toolCallText(input)}`.slice(0, 2000),
      approval: { id, toolName: "Bash", command: command.slice(0, 4000), pattern, expiresAt },
    });
    o.log.info(`hook: ${command.slice(0, 200)} waits for an operator (matches "${pattern}")`);
    const verdict: Verdict = await waiting;
    o.log.info(`hook: approval ${id} → ${verdict.decision} (${verdict.reason})`);
    o.send({ ...base, at: Date.now(), message: `${verdict.decision === "allow" ? "approved" : "denied"}: ${command}`.slice(0, 2000) });
    return preToolUseOutput(verdict);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/hook") return reply(404, { error: "POST /hook only" });
    const given = Buffer.from((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reply(401, { error: "bad token" });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return reply(413, { error: `body over ${MAX_BODY} bytes` });
      chunks.push(chunk);
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(400, { error: "body is not JSON" });
    }
    const parsed = hookInputSchema.safeParse(json);
    if (!parsed.success) return reply(400, { error: `not a hook input: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
    reply(200, { output: await handleHook(parsed.data) });
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      o.log.warn(`hook request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  writeEndpoint(o.stateDir, { port, token, pid: process.pid });
  return {
    port,
    decide(frame) {
      const settled = waits.settle(frame.approvalId, {
        decision: frame.decision,
        reason: `${frame.decision === "allow" ? "approved" : "denied"} by ${frame.decidedBy}${frame.reason ? `: ${frame.reason}` : ""}`,
      });
      if (!settled) o.log.info(`approval ${frame.approvalId} decided, but no hook waits for it any more`);
    },
    async stop() {
      waits.denyAll("the Cockpit agent is stopping");
      removeEndpoint(o.stateDir, process.pid);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
