import { isUsageLimitText } from "./usage-reset";

/** What a coding CLI's structured output told us about its run; filled line by line as the output streams. */
export type RunReport = {
  summary: string | null;
  sessionId: string | null;
  filesTouched: Set<string>;
  tokens: { input: number; output: number; cachedInput: number; cacheCreation: number } | null;
  costUsd: number | null;
  turns: number | null;
  /** The CLI's own word that the run failed (an error result, a failed turn). */
  error: string | null;
  /** The CLI's message when the run stopped on the account's usage limit. */
  usageLimit: string | null;
  /** Whether the CLI reported a final result at all (a crash leaves none). */
  finished: boolean;
};

export function emptyReport(): RunReport {
  return { summary: null, sessionId: null, filesTouched: new Set(), tokens: null, costUsd: null, turns: null, error: null, usageLimit: null, finished: false };
}

/** Turns one parsed output line into readable log lines, updating the report. */
export type LineParser = (event: Record<string, unknown>, report: RunReport) => string[];

export function addTokens(report: RunReport, usage: unknown): void {
  if (!isRecord(usage)) return;
  const t = report.tokens ?? { input: 0, output: 0, cachedInput: 0, cacheCreation: 0 };
  t.input += num(usage.input_tokens);
  t.output += num(usage.output_tokens);
  t.cachedInput += num(usage.cached_input_tokens) + num(usage.cache_read_input_tokens);
  t.cacheCreation += num(usage.cache_creation_input_tokens);
  report.tokens = t;
}

/** Records a CLI-reported failure, telling a usage-limit stop apart from a real one. */
export function noteFailure(report: RunReport, message: string): void {
  if (isUsageLimitText(message)) report.usageLimit = message.slice(0, 500);
  else report.error = message.slice(0, 2000);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

export function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** One line of a possibly long text, for the live log. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
