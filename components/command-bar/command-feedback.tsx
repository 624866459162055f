"use client";
import Link from "next/link";
import type { SendState } from "@/lib/command-bar/requests";
import { link } from "../ui/styles";
import type { FeedbackItem } from "@/lib/command-bar/send";
import type { Output } from "./read-commands";

const LABEL: Record<SendState, string> = { queued: "queued", sending: "sending…", sent: "sent", running: "running", done: "done", failed: "failed" };
const TONE: Record<SendState, string> = {
  queued: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  sending: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  sent: "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200",
  done: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  failed: "bg-rose-100 text-rose-900 dark:bg-rose-900/40 dark:text-rose-200",
};

/** The last commands sent and where each one is; a screen reader hears each change. */
export function CommandFeedback({ items }: { items: readonly FeedbackItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-live="polite" className="mb-2 space-y-1 text-sm" data-testid="command-feedback">
      {items.map((item) => (
        <li key={item.key} className="flex min-w-0 flex-wrap items-center gap-2" data-testid="command-item" data-state={item.state} data-key={item.key}>
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONE[item.state]}`} data-testid="command-state">
            {LABEL[item.state]}
          </span>
          {item.taskId ? (
            <Link href={`/tasks/${encodeURIComponent(item.taskId)}`} className={`min-w-0 truncate ${link}`}>
              {item.text}
            </Link>
          ) : (
            <span className="min-w-0 truncate">{item.text}</span>
          )}
          {item.reason && (
            <span className="w-full text-xs text-slate-600 dark:text-slate-400" data-testid="command-reason">
              {item.reason}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A read command's answer, closable. */
export function CommandOutput({ output, onClose }: { output: Output; onClose: () => void }) {
  return (
    <section aria-label={output.title} className="mb-2 max-h-[40vh] overflow-y-auto rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700" data-testid="command-output">
      <div className="mb-1 flex items-center justify-between gap-2">
        <h2 className="font-semibold">{output.title}</h2>
        <button type="button" onClick={onClose} className={`min-h-11 min-w-11 rounded-md text-slate-600 sm:min-h-8 sm:min-w-8 dark:text-slate-300 ${link}`} aria-label="Close">
          ×
        </button>
      </div>
      <ul className="space-y-0.5">
        {output.lines.map((line, i) => (
          <li key={i} className="break-words">
            {line.href ? (
              <Link href={line.href} className={link}>
                {line.text}
              </Link>
            ) : (
              line.text
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
