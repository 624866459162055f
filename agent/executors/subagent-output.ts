import { OutputTail } from "../exec/output-tail";
import type { CliSpec } from "./subagent-config";
import { parseClaudeLine } from "./subagent-claude";
import { parseCodexLine } from "./subagent-codex";
import { emptyReport, isRecord, type LineParser, type RunReport } from "./subagent-report";

const PARSERS: Record<Exclude<CliSpec["format"], "text">, LineParser> = { "claude-stream-json": parseClaudeLine, "codex-jsonl": parseCodexLine };

/**
 * Reads a CLI's stdout line by line (JSON lines for the presets), turning each into readable log lines that go live
 * to the task's log and into the transcript kept for the result; stderr is passed through as it comes.
 */
export class CliOutputReader {
  readonly report: RunReport = emptyReport();
  private readonly transcript: OutputTail;
  private partial = "";
  private lastText = "";

  constructor(
    private readonly format: CliSpec["format"],
    maxChars: number,
    private readonly emit: (text: string) => void,
  ) {
    this.transcript = new OutputTail(maxChars);
  }

  push(stream: "stdout" | "stderr", chunk: string): void {
    if (stream === "stderr") return this.write(chunk);
    this.partial += chunk;
    let newline: number;
    while ((newline = this.partial.indexOf("\n")) >= 0) {
      const line = this.partial.slice(0, newline);
      this.partial = this.partial.slice(newline + 1);
      this.line(line);
    }
  }

  /** The process ended: a last line without a newline still counts. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = "";
    if (this.format === "text" && this.lastText) this.report.summary = this.lastText.slice(-4000);
  }

  get logs(): string {
    return this.transcript.render();
  }

  private line(line: string): void {
    if (this.format === "text") {
      if (line.trim()) this.lastText = line;
      return this.write(`${line}\n`);
    }
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      if (line.trim()) this.write(`${line}\n`); // not JSON: shown as it is
      return;
    }
    if (!isRecord(event)) return;
    const lines = PARSERS[this.format](event, this.report);
    if (lines.length > 0) this.write(lines.map((l) => `${l}\n`).join(""));
  }

  private write(text: string): void {
    this.transcript.push(text);
    this.emit(text);
  }
}
