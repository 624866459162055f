/** Real `cockpit-agent` processes, each with its own key, state dir and watched git repo, that faults can kill, stop and restart. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnAgent, type AgentChild } from "../../agent/support/agent-child";
import { git } from "../../agent/support/git-fixture";

/** The one command the agents allow; its argument is the task's mode. */
export const WORK_PATTERN = "sh work.sh *";
export type WorkMode = "ok" | "flaky";
export const workCommand = (mode: WorkMode) => `sh work.sh ${mode}`;

export type RealAgent = {
  id: string;
  key: string;
  stateDir: string;
  repo: string;
  child: AgentChild | null;
  /** SIGSTOPped: alive but silent. */
  stopped: boolean;
  /** Output of every run so far (a killed run's output stays). */
  pastOutput: string[];
};

/**
 * The task's script: records `<taskId> <attempt> <agentId>` in the shared executions file, works a little, and (mode
 * flaky) fails the task's first execution. The attempt is the one the agent recorded in its state dir before it
 * started the process (the agent passes only COCKPIT_TASK_ID to tasks); "?" if that record is missing.
 */
function workScript(agent: { id: string; stateDir: string }, executions: string, workSeconds: number): string {
  return [
    `record="${agent.stateDir}/results/t-$COCKPIT_TASK_ID.json"`,
    `attempt=$(sed -n 's/.*"attempt":\\([0-9][0-9]*\\).*/\\1/p' "$record" 2>/dev/null)`,
    `ran_before=no; grep -q "^$COCKPIT_TASK_ID " "${executions}" 2>/dev/null && ran_before=yes`,
    `echo "$COCKPIT_TASK_ID \${attempt:-?} ${agent.id}" >> "${executions}"`,
    `sleep ${workSeconds}`,
    `if [ "$1" = flaky ] && [ "$ran_before" = no ]; then echo "flaky: failing the first execution"; exit 3; fi`,
    `echo "done $COCKPIT_TASK_ID"`,
    "",
  ].join("\n");
}

export type Fleet = {
  agents: RealAgent[];
  executions: string;
  start: (agent: RealAgent) => void;
  /** kill -9 the agent process (its task's process group lives on until the restarted agent stops it). */
  kill: (agent: RealAgent) => Promise<void>;
  pause: (agent: RealAgent) => void;
  resume: (agent: RealAgent) => void;
  /** Ids of agents running and not paused: the ones that should be connected. */
  live: () => string[];
  output: (agent: RealAgent) => string;
  /** Resolves when the agent's current run logs a connection after `fromOffset` (an offset into its output). */
  connectedSince: (agent: RealAgent, fromOffset: number, timeoutMs: number) => Promise<void>;
  stopAll: () => Promise<void>;
};

export function createFleet(o: { root: string; hubWsUrl: string; keys: string[]; idPrefix: string; workSeconds: number }): Fleet {
  const executions = join(o.root, "executions.log");
  writeFileSync(executions, "");
  const agents: RealAgent[] = o.keys.map((key, i) => {
    const id = `${o.idPrefix}-${i + 1}`;
    const home = join(o.root, id);
    const repo = join(home, "repo");
    const stateDir = join(home, "state");
    mkdirSync(home, { recursive: true });
    git(home, "init", "-q", "-b", "main", repo);
    writeFileSync(join(repo, "work.sh"), workScript({ id, stateDir }, executions, o.workSeconds));
    return { id, key, stateDir, repo, child: null, stopped: false, pastOutput: [] };
  });

  const args = (a: RealAgent) => [
    ...["--hub", o.hubWsUrl, "--agent-id", a.id, "--repo", a.repo, "--state-dir", a.stateDir],
    ...["--allow", WORK_PATTERN, "--kill-grace", "300ms", "--stop-grace", "1s", "--no-watch", "--poll-interval", "10m"],
  ];
  const fleet: Fleet = {
    agents,
    executions,
    start(agent) {
      agent.child = spawnAgent(args(agent), agent.key);
      agent.stopped = false;
    },
    async kill(agent) {
      if (!agent.child) return;
      if (agent.stopped) fleet.resume(agent);
      await agent.child.stop("SIGKILL");
      agent.pastOutput.push(agent.child.output());
      agent.child = null;
    },
    pause(agent) {
      agent.child?.child.kill("SIGSTOP");
      agent.stopped = true;
    },
    resume(agent) {
      agent.child?.child.kill("SIGCONT");
      agent.stopped = false;
    },
    live: () => agents.filter((a) => a.child && a.child.child.exitCode === null && !a.stopped).map((a) => a.id),
    output: (agent) => [...agent.pastOutput, agent.child?.output() ?? ""].join("\n--- restarted ---\n"),
    async connectedSince(agent, fromOffset, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!/connected to /.test(agent.child?.output().slice(fromOffset) ?? "")) {
        if (Date.now() > deadline) throw new Error(`${agent.id} did not connect within ${timeoutMs} ms:\n${agent.child?.output().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stopAll() {
      for (const a of agents) {
        if (a.stopped) fleet.resume(a);
        await a.child?.stop("SIGKILL");
      }
    },
  };
  return fleet;
}
