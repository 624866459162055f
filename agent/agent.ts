import { mkdirSync, readFileSync } from "node:fs";
import { arch, hostname, platform } from "node:os";
import { join } from "node:path";
import { EXTENSIONS, type AgentStatus, type AgentStatusFrame, type GitRepo } from "../lib/protocol";
import { HubConnection } from "./connection";
import { Fleet } from "./fleet";
import { createExecutors } from "./exec/executors";
import { registerSubagent } from "./executors/subagent-register";
import { startHookServer, type HookServer } from "./hooks/hook-server";
import { ProcessLedger } from "./exec/process-ledger";
import { FetchSchedule } from "./git/fetch-schedule";
import { prepareTaskGit } from "./git/task-git";
import { chunkRepos, RepoMonitor, type RepoError } from "./git/repo-monitor";
import { HubClock, isExpired } from "./hub-clock";
import { parseHubToAgentFrame, type HubToAgentFrame, type TaskFrame } from "../lib/protocol";
import { createLogger, type Logger } from "./log";
import { insecureHubWarning, parseDuration, type AgentOptions } from "./options";
import { INTERRUPTED_ENDED, INTERRUPTED_STOPPED, stopLeftoverProcesses } from "./tasks/recovery";
import { ResultSpool } from "./tasks/spool";
import { TaskRunner } from "./tasks/task-runner";

export const AGENT_VERSION: string = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string }).version;

/** Knobs tests turn down; an operator never needs them. */
export type AgentTuning = { minReconnectDelayMs?: number; maxReconnectDelayMs?: number; silenceTimeoutMs?: number; logIntervalMs?: number; ackWaitMs?: number };

export type RunningAgent = { agentId: string; stop: (reason?: string) => Promise<void>; isConnected: () => boolean };

/** Starts the agent: watches repos, connects to the hub (reconnecting forever) and runs tasks until stop(). */
export async function startAgent(options: AgentOptions, tuning: AgentTuning = {}, log: Logger = createLogger(options.logLevel)): Promise<RunningAgent> {
  const insecure = insecureHubWarning(options.hubUrl);
  if (insecure) log.warn(insecure);
  mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  const spool = new ResultSpool(options.stateDir);
  const { interrupted, accepting } = spool.load();
  const processes = new ProcessLedger(options.stateDir);
  // Before anything else runs: a crash may have left tasks' processes running, which must not run on unseen.
  const leftovers = await stopLeftoverProcesses(processes, options.killGraceMs, log);
  for (const id of interrupted) {
    const stopped = leftovers.get(id) === "stopped";
    log.warn(
      `task ${id} was running when the agent last stopped; reporting it as failed (interrupted, ${stopped ? "its processes were stopped" : "outcome unknown"})`,
    );
    spool.markInterrupted(id, stopped ? INTERRUPTED_STOPPED : INTERRUPTED_ENDED);
  }

  let repoErrors: RepoError[] = [];
  let ranAnyTask = false;
  let stopping = false;
  let lastStatusSent: AgentStatus | null = null;
  let connection: HubConnection | null = null;
  let hooks: HookServer | null = null;
  const hubClock = new HubClock();
  const send: ConstructorParameters<typeof TaskRunner>[0]["send"] = (frame) => connection?.send(frame) ?? false;

  const monitor = new RepoMonitor({
    repos: options.repos,
    scan: options.scan,
    scanDepth: options.scanDepth,
    pollIntervalMs: options.pollIntervalMs,
    watch: options.watch,
    log,
    onRepos: (repos) => sendRepos(repos),
    onErrors: (errors) => {
      repoErrors = errors;
      sendStatus(true);
    },
  });
  const executors = createExecutors({
    allow: options.allow,
    taskEnv: options.taskEnv,
    killGraceMs: options.killGraceMs,
    maxOutputChars: options.maxOutputBytes,
    stateDir: options.stateDir,
    templates: options.executors,
    watchedRepos: () => monitor.watchedPaths(),
    refreshRepo: (path) => void monitor.refresh(path),
    processes,
  });
  const cliCapabilities = registerSubagent(executors, options, {
    watchedRepos: () => monitor.watchedPaths(),
    refreshRepo: (path) => void monitor.refresh(path),
    processes,
  });
  // Health samples, wake reports, keep-awake and the goodbye (issue 14); its keep-awake state rides in agent-status.
  // Built before the runner: restoring accepted tasks reports a load change, which reaches the fleet at once.
  const fleet = new Fleet({
    metricsIntervalMs: options.metricsIntervalMs,
    sleepGapMs: options.sleepGapMs,
    keepAwake: options.keepAwake,
    log,
    send,
    canSend: () => (connection?.isOpen() ?? false) && lastStatusSent !== null,
    watchedPaths: () => monitor.watchedPaths(),
    onStateChange: () => sendStatus(true),
  });
  const runner = new TaskRunner({
    executors,
    spool,
    send,
    taskTimeoutMs: options.taskTimeoutMs,
    maxConcurrency: options.maxConcurrency,
    log,
    logIntervalMs: tuning.logIntervalMs,
    // The agent announces "task-accepted-ack" (EXTENSIONS), so the web confirms every acceptance before a task starts.
    awaitAcceptance: true,
    taskGit: async (task) => {
      const prep = await prepareTaskGit(task, monitor.watchedPaths());
      // Refused: the checkout no longer matches what this agent last reported, so report again; otherwise the web
      // keeps routing gated tasks here on the stale report, and every one of them is refused.
      if (prep && "refused" in prep) for (const path of monitor.watchedPaths()) void monitor.refresh(path);
      if (!prep || "refused" in prep) return prep;
      // The task may have committed or changed files: report the repository again right after it.
      return {
        ...prep,
        finish: async () => {
          const provenance = await prep.finish();
          if (provenance) void monitor.refresh(provenance.repoPath);
          return provenance;
        },
      };
    },
    onLoadChange: () => {
      if (runner.activeCount > 0) ranAnyTask = true;
      fleet.onLoadChange(runner.activeCount);
      sendStatus(false);
    },
  });
  const capabilities = [...new Set([...executors.keys(), ...cliCapabilities, ...options.capabilities])].slice(0, 64);
  // Last of the setup: it reports a load change at once, and that builds an agent-status frame from all of the above.
  runner.restoreAccepting(accepting);


  function currentStatus(): AgentStatus {
    if (stopping || runner.activeCount >= options.maxConcurrency) return "busy";
    return ranAnyTask ? "idle" : "online";
  }

  function statusFrame(status: AgentStatus): AgentStatusFrame {
    return {
      type: "agent-status",
      agentId: options.agentId,
      status,
      capabilities,
      maxConcurrency: options.maxConcurrency,
      extensions: [...EXTENSIONS],
      metadata: {
        hostname: hostname().slice(0, 200),
        platform: platform(),
        arch: arch(),
        node: process.version,
        agentVersion: AGENT_VERSION,
        pid: process.pid,
        repoCount: monitor.watchedPaths().length,
        executors: [...executors.keys()],
        runningTasks: runner.activeCount,
        keepAwake: fleet.keepAwakeState(),
        repoErrors: repoErrors.slice(0, 20).map((e) => ({ path: e.path.slice(0, 300), error: e.error.slice(0, 200) })),
      },
    };
  }

  /** Sends agent-status when the status changed (or always when `force`, e.g. new metadata). */
  function sendStatus(force: boolean): void {
    const status = currentStatus();
    if (!force && status === lastStatusSent) return;
    if (send(statusFrame(status))) lastStatusSent = status;
  }

  function sendRepos(repos: GitRepo[]): void {
    if (!connection?.isOpen() || lastStatusSent === null) return; // the hub wants agent-status first
    for (const chunk of chunkRepos(repos)) send({ type: "git-status", repos: chunk });
  }

  /** On every (re)connect and status-request: who we are, every repo, and results the web has not confirmed. */
  function sendFullState(withResults: boolean): void {
    lastStatusSent = null;
    sendStatus(true);
    fleet.onRegistered();
    const repos = monitor.snapshot();
    if (repos.length > 0) sendRepos(repos);
    if (withResults) {
      const resent = runner.resendUnacknowledged();
      if (resent > 0) log.info(`resent ${resent} result(s) not yet acknowledged by the hub`);
      const asked = runner.resendAcceptances();
      if (asked > 0) log.info(`asked again to accept ${asked} task(s) the web has not confirmed`);
    }
  }

  /** A stale delivery (it sat in a suspended agent's buffer): the hub gave it up, so it is neither run nor answered. */
  function refuseExpired(task: TaskFrame): void {
    const late = Math.round(hubClock.now() - (task.expiresAt ?? 0));
    const attempt = task.attempt === undefined ? "" : ` (attempt ${task.attempt})`;
    log.warn(`task ${task.taskId}${attempt} arrived ${late} ms after it expired (hub clock, offset ${Math.round(hubClock.offsetMs)} ms); not running it`);
  }

  function onFrame(frame: HubToAgentFrame): void {
    switch (frame.type) {
      case "ping":
        if (frame.timestamp !== undefined) hubClock.observe(frame.timestamp, Date.now());
        send({ type: "pong", ...(frame.timestamp === undefined ? {} : { timestamp: frame.timestamp }) });
        return;
      case "status-request":
        return sendFullState(false);
      case "task":
        if (isExpired(frame.expiresAt, hubClock.now())) return refuseExpired(frame);
        return runner.handleTask(frame);
      case "task-cancel":
        return runner.cancel(frame.taskId, frame.reason);
      case "task-result-ack":
        return runner.acknowledged(frame.taskId, frame.accepted, frame.reason);
      case "task-accepted-ack":
        return runner.acceptedAck(frame.taskId, frame.attempt, frame.accepted, frame.reason);
      case "approval-decision":
        return hooks?.decide(frame);
      case "error":
        log.warn(`hub error: ${frame.message}${frame.details?.length ? ` ${JSON.stringify(frame.details).slice(0, 500)}` : ""}`);
        return;
    }
  }

  connection = new HubConnection({
    hubUrl: options.hubUrl,
    key: options.key,
    log,
    minReconnectDelayMs: tuning.minReconnectDelayMs,
    maxReconnectDelayMs: tuning.maxReconnectDelayMs,
    silenceTimeoutMs: tuning.silenceTimeoutMs,
    onOpen: () => sendFullState(true),
    onClose: () => {
      lastStatusSent = null;
    },
    onMessage: (data) => {
      const parsed = parseHubToAgentFrame(data);
      if (parsed.ok) onFrame(parsed.frame);
      else log.warn(`ignoring an invalid frame from the hub: ${parsed.reason.slice(0, 300)}`);
    },
  });
  // Claude Code hooks on this machine report here (127.0.0.1, token in the state folder); see agent/hooks.
  hooks =
    options.hooks?.enabled === false
      ? null
      : await startHookServer({
          stateDir: options.stateDir,
          send,
          isConnected: () => connection?.isOpen() ?? false,
          ask: options.hooks?.ask ?? [],
          approvalTimeoutMs: parseDuration(options.hooks?.approvalTimeout ?? "5m", "hooks.approvalTimeout"),
          log,
        });
  await monitor.start();
  const fetches = options.fetchEveryMs
    ? new FetchSchedule({ everyMs: options.fetchEveryMs, paths: () => monitor.watchedPaths(), refresh: (p) => monitor.refresh(p), log })
    : null;
  fetches?.start();
  log.info(`agent ${options.agentId} watching ${monitor.watchedPaths().length} repositories; executors: ${capabilities.join(", ")}`);

  async function stop(reason = "stopping"): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info(`agent ${reason}: finishing running tasks`);
    sendStatus(false);
    fetches?.stop();
    monitor.stop();
    await hooks?.stop();
    await runner.drain(options.stopGraceMs);
    // Give the hub a moment to confirm the last results; unconfirmed ones stay spooled for next time.
    const deadline = Date.now() + (tuning.ackWaitMs ?? 3000);
    while (spool.unacknowledged().length > 0 && connection?.isOpen() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    send(statusFrame("offline"));
    fleet.goodbye(reason);
    fleet.stop();
    await new Promise((r) => setTimeout(r, 100)); // let the offline frame leave before the close
    connection?.close();
    log.info("agent stopped");
  }

  return { agentId: options.agentId, stop, isConnected: () => connection?.isOpen() ?? false };
}
