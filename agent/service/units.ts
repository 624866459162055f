/**
 * The service definitions `cockpit-agent service install` writes: a systemd user unit on Linux and a launchd agent on
 * macOS. Both start at login, restart the agent when it crashes (not when it was stopped on purpose), and append
 * its output to a log file. The key stays in the config file: never on a command line or in the unit.
 */
export type ServiceSpec = {
  /** Absolute path of the node binary that runs the agent. */
  node: string;
  /** Absolute path of agent/bin.mjs. */
  bin: string;
  /** Absolute path of the agent's JSON config file (hub, key, repos…). */
  config: string;
  /** Absolute path of the log file. */
  log: string;
  /** Where the agent runs (its state and relative paths). */
  workingDirectory: string;
};

export const SYSTEMD_UNIT_NAME = "cockpit-agent.service";
export const LAUNCHD_LABEL = "dev.cockpit.agent";

/** systemd quotes arguments with double quotes; backslash and quote are escaped, `%` doubled (specifier). */
function systemdQuote(arg: string): string {
  return `"${arg.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%")}"`;
}

export function systemdUnit(spec: ServiceSpec): string {
  const exec = [spec.node, spec.bin, "--config", spec.config].map(systemdQuote).join(" ");
  return [
    "[Unit]",
    "Description=Cockpit agent: connects this machine to the Cockpit hub",
    "After=network-online.target",
    "Wants=network-online.target",
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${exec}`,
    `WorkingDirectory=${spec.workingDirectory.replace(/%/g, "%%")}`,
    // The agent exits 0 on SIGTERM after letting tasks finish; anything else is a crash worth a restart.
    "Restart=on-failure",
    "RestartSec=5",
    "KillSignal=SIGTERM",
    "TimeoutStopSec=30",
    `StandardOutput=append:${spec.log}`,
    `StandardError=append:${spec.log}`,
    "",
    "[Install]",
    // default.target of the user manager: started when the user logs in (or at boot with `loginctl enable-linger`).
    "WantedBy=default.target",
    "",
  ].join("\n");
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function launchdPlist(spec: ServiceSpec): string {
  const args = [spec.node, spec.bin, "--config", spec.config].map((a) => `    <string>${xml(a)}</string>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>WorkingDirectory</key>
  <string>${xml(spec.workingDirectory)}</string>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>5</integer>
  <key>StandardOutPath</key>
  <string>${xml(spec.log)}</string>
  <key>StandardErrorPath</key>
  <string>${xml(spec.log)}</string>
  <key>ProcessType</key>
  <string>Background</string>
</dict>
</plist>
`;
}
