/* global fetch, Buffer, AbortSignal */
// `cockpit-agent hook <event> [--state-dir DIR | --agent-id ID]`: what Claude Code's hooks run. Plain JavaScript,
// loaded by bin.mjs without the TypeScript loader, because it runs on every tool call and must start fast.
// It hands the hook input (stdin) to the local agent and prints the agent's answer (a PreToolUse decision).
// It always exits 0 and prints nothing when no agent runs or it does not answer: a hook never blocks the session.
import { readFileSync } from "node:fs";
import { homedir, hostname } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const EVENTS = ["SessionStart", "UserPromptSubmit", "PreToolUse", "Notification", "Stop", "SessionEnd"];
const REPORT_TIMEOUT_MS = 2000;
// A PreToolUse may wait for an operator; the agent answers (deny) by its own approval timeout before this.
const DECISION_TIMEOUT_MS = 3600_000;

/** The agent's default state folder (options.ts: ~/.cockpit-agent/<agent id>, the id defaulting to the host name). */
function defaultStateDir(agentId) {
  const id =
    agentId ??
    process.env.COCKPIT_AGENT_ID ??
    (hostname()
      .trim()
      .replace(/[^A-Za-z0-9._:@-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 128) ||
      "cockpit-agent");
  return join(homedir(), ".cockpit-agent", id);
}

function readEndpoint(stateDir) {
  try {
    const e = JSON.parse(readFileSync(join(stateDir, "hook-endpoint.json"), "utf8"));
    return Number.isInteger(e.port) && typeof e.token === "string" ? e : null;
  } catch {
    return null;
  }
}

async function main(argv) {
  let values;
  let event;
  try {
    const parsed = parseArgs({
      args: argv,
      options: { "state-dir": { type: "string" }, "agent-id": { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values;
    event = parsed.positionals[0];
  } catch (error) {
    process.stderr.write(`cockpit-agent hook: ${error.message}\n`);
    return;
  }
  if (!EVENTS.includes(event)) {
    process.stderr.write(`cockpit-agent hook: unknown event "${event ?? ""}" (one of ${EVENTS.join(", ")})\n`);
    return;
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const endpoint = readEndpoint(values["state-dir"] ?? defaultStateDir(values["agent-id"]));
  if (!endpoint) return;
  try {
    const res = await fetch(`http://127.0.0.1:${endpoint.port}/hook`, {
      method: "POST",
      headers: { authorization: `Bearer ${endpoint.token}`, "content-type": "application/json" },
      body: Buffer.concat(chunks),
      signal: AbortSignal.timeout(event === "PreToolUse" ? DECISION_TIMEOUT_MS : REPORT_TIMEOUT_MS),
    });
    if (!res.ok) {
      process.stderr.write(`cockpit-agent hook: the agent refused the report (${res.status}): ${(await res.text()).slice(0, 300)}\n`);
      return;
    }
    const body = await res.json();
    if (body && typeof body.output === "object" && body.output && Object.keys(body.output).length > 0) process.stdout.write(JSON.stringify(body.output) + "\n");
  } catch {
    /* the agent is down or did not answer in time: the session goes on as if no hook were installed */
  }
}

await main(process.argv.slice(3));
process.exit(0);
