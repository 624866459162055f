import { homedir, hostname } from "node:os";
import { AGENT_VERSION, startAgent } from "./agent";
import { killAllTaskProcesses } from "./exec/run-process";
import { createLogger } from "./log";
import { OptionsError, USAGE, resolveOptions } from "./options";

const DUPLICATE_SIGNAL_MS = 500;

/** `cockpit-agent`: parse options (exit 2 with a message when they are bad), run until SIGINT/SIGTERM. */
async function main(): Promise<number> {
  let outcome;
  try {
    outcome = resolveOptions({ argv: process.argv.slice(2), env: process.env, hostname: hostname(), homedir: homedir(), cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`cockpit-agent: ${error.message}\nRun "cockpit-agent --help" for the options.\n`);
    return 2;
  }
  if (outcome.kind === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (outcome.kind === "version") {
    process.stdout.write(AGENT_VERSION + "\n");
    return 0;
  }
  const options = outcome.options;
  const log = createLogger(options.logLevel);
  let agent;
  try {
    agent = await startAgent(options, {}, log);
  } catch (error) {
    process.stderr.write(`cockpit-agent: could not start: ${(error as Error).message}\n`);
    return 1;
  }
  // However the process ends, no task's processes outlive it.
  process.on("exit", killAllTaskProcesses);
  return new Promise<number>((resolve) => {
    let firstSignalAt = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstSignalAt !== 0) {
        // npx forwards the terminal's Ctrl-C, so one keypress can arrive twice within milliseconds.
        if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
        log.warn(`${signal} again: exiting now`);
        resolve(130);
        return;
      }
      firstSignalAt = Date.now();
      log.info(`${signal} received`);
      void agent.stop(`stopping on ${signal}`).then(() => resolve(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cockpit-agent: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
