/** One-line logs on stderr with a level; stdout stays free. Callers never pass the key. */
export type LogLevel = "error" | "warn" | "info" | "debug";
export type Logger = Record<LogLevel, (message: string) => void>;

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + "\n")): Logger {
  const at = (l: LogLevel) => (message: string) => {
    if (RANK[l] <= RANK[level]) write(`${new Date().toISOString()} ${l.padEnd(5)} ${message}`);
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}
