"use client";
import { useState } from "react";
import { secondaryButton } from "../ui/styles";

/** Monospace, scrollable, copyable; follows the tail while new output streams in. */
export function TaskLogs({ text, streaming }: { text: string; streaming: boolean }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2_000);
  }
  return (
    <section aria-labelledby="logs-title">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="logs-title" className="text-sm font-semibold">
          Logs {streaming && <span className="ml-1 text-xs font-normal text-sky-700 dark:text-sky-300">streaming</span>}
        </h2>
        <button type="button" onClick={copy} disabled={!text} className={secondaryButton} data-testid="copy-logs">
          {copied === "done" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy logs"}
        </button>
      </div>
      <pre
        tabIndex={0}
        aria-label="Task logs"
        data-testid="task-logs"
        ref={(el) => {
          if (el && streaming) el.scrollTop = el.scrollHeight;
        }}
        className="max-h-96 min-h-24 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:bg-black"
      >
        {text || <span className="text-slate-400">No output yet.</span>}
      </pre>
    </section>
  );
}
