import { homedir, hostname } from "node:os";
import { AGENT_VERSION, startAgent } from "./agent";
import { killAllTaskProcesses } from "./exec/run-process";
import { createLogger } from "./log";
import { OptionsError, USAGE, resolveOptions } from "./options";
import { runCommand, runService } from "./service/command";
import { runHooksCommand } from "./hooks/install";

const DUPLICATE_SIGNAL_MS = 500;

/** `cockpit-agent`: parse options (exit 2 with a message when they are bad), run until SIGINT/SIGTERM. */
async function main(): Promise<number> {
  if (process.argv[2] === "service") {
    const print = (line: string) => process.stdout.write(line + "\n");
    const ctx = { platform: process.platform, env: process.env, homedir: homedir(), cwd: process.cwd(), uid: process.getuid?.() ?? 0, print, exec: runCommand };
    return runService(process.argv.slice(3), ctx);
  }
  // `cockpit-agent hooks install` needs no hub or key (`cockpit-agent hook` never gets here: see bin.mjs).
  if (process.argv[2] === "hooks") return runHooksCommand(process.argv.slice(3));
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
  // Tasks may start before startAgent resolves (the hub connects while repos are still being read), so a forced
  // exit takes their processes down, and a signal is handled, from the first moment on.
  process.on("exit", killAllTaskProcesses);
  const starting = startAgent(options, {}, log);
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
      void starting
        .then((agent) => agent.stop(`stopping on ${signal}`))
        .then(
          () => resolve(0),
          () => undefined,
        );
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    starting.catch((error: unknown) => {
      process.stderr.write(`cockpit-agent: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      resolve(1);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cockpit-agent: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
