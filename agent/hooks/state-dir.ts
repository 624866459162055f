import { homedir, hostname } from "node:os";
import { join } from "node:path";
import { sanitizeAgentId } from "../options";

/** The state folder of the agent a hook reports to: --state-dir, or the agent's default for --agent-id / this host. */
export function hookStateDir(args: { "state-dir"?: string; "agent-id"?: string }, env: NodeJS.ProcessEnv = process.env): string {
  if (args["state-dir"]) return args["state-dir"];
  return join(homedir(), ".cockpit-agent", args["agent-id"] ?? env.COCKPIT_AGENT_ID ?? sanitizeAgentId(hostname()));
}
