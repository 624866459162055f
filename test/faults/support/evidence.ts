/** Keeps what a failed fault run leaves behind (each agent's whole output, the servers' logs, the executions file) under test-results/. */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../../scripts/stack";
import type { FaultStack } from "./fault-stack";
import type { Fleet } from "./real-agents";

export function keepEvidence(name: string, o: { fleet: Fleet; stack: FaultStack; report: string }): string {
  const dir = join(ROOT, "test-results", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "violations.txt"), `${o.report}\n`);
  writeFileSync(join(dir, "servers.log"), o.stack.logs());
  for (const agent of o.fleet.agents) writeFileSync(join(dir, `${agent.id}.log`), o.fleet.output(agent));
  copyFileSync(o.fleet.executions, join(dir, "executions.log"));
  return dir;
}
