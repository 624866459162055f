"use client";
import { useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { markMatches, parseAnsi, stripAnsi, type AnsiStyle } from "@/lib/dashboard/ansi";
import { inputBase, secondaryButton } from "../ui/styles";

const PANEL_BG = "#020617";

function cssOf(s: AnsiStyle): CSSProperties | undefined {
  if (Object.keys(s).length === 0) return undefined;
  const fg = s.inverse ? (s.bg ?? PANEL_BG) : s.fg;
  const bg = s.inverse ? (s.fg ?? "#e2e8f0") : s.bg;
  return {
    color: fg,
    backgroundColor: bg,
    fontWeight: s.bold ? 700 : undefined,
    opacity: s.dim ? 0.75 : undefined,
    fontStyle: s.italic ? "italic" : undefined,
    textDecoration: s.underline ? "underline" : undefined,
  };
}

type Props = { taskId: string; text: string; streaming: boolean; truncated?: boolean };

/** Monospace, scrollable, ANSI colours rendered; search within, copy, download; follows the tail while output streams. */
export function TaskLogs({ taskId, text, streaming, truncated }: Props) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const [query, setQuery] = useState("");
  const [current, setCurrent] = useState(0);
  const pre = useRef<HTMLPreElement>(null);
  const { pieces, count } = useMemo(() => markMatches(parseAnsi(text), query), [text, query]);
  const active = count === 0 ? -1 : Math.min(current, count - 1);

  useEffect(() => {
    if (active < 0) return;
    pre.current?.querySelector(`[data-match="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active, query]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(stripAnsi(text));
      setCopied("done");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2_000);
  }
  const step = (by: number) => count > 0 && setCurrent((c) => (Math.min(c, count - 1) + by + count) % count);

  return (
    <section aria-labelledby="logs-title">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="logs-title" className="text-sm font-semibold">
          Logs {streaming && <span className="ml-1 text-xs font-normal text-sky-700 dark:text-sky-300">streaming</span>}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="log-search">
            Search in logs
          </label>
          <input
            id="log-search"
            type="search"
            value={query}
            placeholder="Search logs"
            data-testid="log-search"
            onChange={(e) => {
              setQuery(e.target.value);
              setCurrent(0);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                step(e.shiftKey ? -1 : 1);
              }
            }}
            className={`${inputBase} w-40 sm:w-48`}
          />
          {query && (
            <span className="text-xs text-slate-600 tabular-nums dark:text-slate-300" data-testid="log-matches" aria-live="polite">
              {count === 0 ? "no match" : `${active + 1} of ${count}`}
            </span>
          )}
          {count > 1 && (
            <>
              <button type="button" className={secondaryButton} onClick={() => step(-1)} aria-label="Previous match">
                ↑
              </button>
              <button type="button" className={secondaryButton} onClick={() => step(1)} aria-label="Next match">
                ↓
              </button>
            </>
          )}
          <button type="button" onClick={copy} disabled={!text} className={secondaryButton} data-testid="copy-logs">
            {copied === "done" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy"}
          </button>
          <a className={secondaryButton} href={`/api/cockpit/tasks/${encodeURIComponent(taskId)}/logs?format=text`} download data-testid="download-logs">
            Download
          </a>
        </div>
      </div>
      {truncated && <p className="mb-1 text-xs text-slate-600 dark:text-slate-300">Earlier output was dropped: the last 1 MiB is kept.</p>}
      <pre
        ref={(el) => {
          pre.current = el;
          if (el && streaming && !query) el.scrollTop = el.scrollHeight;
        }}
        tabIndex={0}
        aria-label="Task logs"
        data-testid="task-logs"
        className="max-h-96 min-h-24 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:bg-black"
      >
        {text ? (
          pieces.map((p, i) =>
            p.match === null ? (
              <span key={i} style={cssOf(p.style)}>
                {p.text}
              </span>
            ) : (
              <mark
                key={i}
                data-match={p.match}
                className={p.match === active ? "bg-amber-300 text-slate-950" : "bg-amber-100 text-slate-950"}
                style={{ fontWeight: p.style.bold ? 700 : undefined }}
              >
                {p.text}
              </mark>
            ),
          )
        ) : (
          <span className="text-slate-400">No output yet.</span>
        )}
      </pre>
    </section>
  );
}
