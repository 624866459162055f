"use client";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { historyStep, loadHistory, pushHistory, saveHistory } from "@/lib/command-bar/storage";
import { inputBase, primaryButton } from "../ui/styles";
import { CommandFeedback, CommandOutput } from "./command-feedback";
import { useBarContext } from "./use-bar-context";
import { useCommandRunner } from "./use-command-runner";

/**
 * The command bar: always at the bottom on a phone, opened with ⌘K / Ctrl-K on a desktop. Slash commands, templates
 * as `/<name>`, plain text as a prompt for the coding agent on the chosen repository.
 */
export function CommandBar() {
  const bar = useBarContext();
  const { refresh } = bar;
  const reloadTemplates = useCallback(async () => (await refresh())?.templates ?? null, [refresh]);
  const runner = useCommandRunner({ templates: bar.templates, repo: bar.repo, reloadTemplates });
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const history = useRef<{ lines: string[]; at: number; draft: string }>({ lines: [], at: 0, draft: "" });
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const lines = loadHistory(localStorage);
    history.current = { lines, at: lines.length, draft: "" };
  }, []);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen(true);
        void bar.refresh();
        requestAnimationFrame(() => input.current?.focus());
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [bar]);

  async function send() {
    const line = text;
    if (!line.trim() || busy) return;
    const lines = pushHistory(history.current.lines, line);
    saveHistory(localStorage, lines);
    history.current = { lines, at: lines.length, draft: "" };
    setText("");
    setBusy(true);
    try {
      const restore = await runner.submit(line);
      // The line comes back only if nothing new was typed meanwhile.
      if (restore !== null) setText((current) => (current === "" ? restore : current));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const h = history.current;
      if (h.at === h.lines.length) h.draft = text;
      const step = historyStep(h.lines, h.at, e.key === "ArrowUp" ? -1 : 1, h.draft);
      h.at = step.at;
      setText(step.text);
      e.preventDefault();
    } else if (e.key === "Escape") {
      setOpen(false);
      input.current?.blur();
    }
  }

  return (
    <>
      <div aria-hidden="true" className="h-36 sm:hidden" />
      <div
        role="region"
        aria-label="Command bar"
        data-testid="command-bar"
        data-open={open}
        className={`safe-x fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] backdrop-blur sm:inset-x-auto sm:bottom-6 sm:left-1/2 sm:w-[min(42rem,calc(100vw-2rem))] sm:-translate-x-1/2 sm:rounded-lg sm:border sm:p-3 sm:shadow-lg dark:border-slate-800 dark:bg-slate-950/95 ${open ? "" : "sm:hidden"}`}
      >
        {runner.output && <CommandOutput output={runner.output} onClose={() => runner.setOutput(null)} />}
        <CommandFeedback items={runner.items} />
        <form
          className="flex flex-wrap items-center gap-2 sm:flex-nowrap"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label htmlFor="command-repo" className="sr-only">
            Repository
          </label>
          <select
            id="command-repo"
            data-testid="command-repo"
            value={bar.repoChoice}
            onChange={(e) => bar.choose(e.target.value)}
            onFocus={() => void bar.refresh()}
            className={`${inputBase} w-full sm:w-44`}
          >
            <option value="">No repository</option>
            {bar.repos.map((r) => (
              <option key={bar.repoKey(r)} value={bar.repoKey(r)}>
                {r.name} · {r.agentId}
              </option>
            ))}
          </select>
          <label htmlFor="command-input" className="sr-only">
            Command or message
          </label>
          <input
            ref={input}
            id="command-input"
            data-testid="command-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Message the coding agent, or /help"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="send"
            className={`${inputBase} min-w-0 flex-1`}
          />
          <button type="submit" disabled={busy || !text.trim()} className={`${primaryButton} min-w-11`} data-testid="command-send">
            Send
          </button>
        </form>
      </div>
    </>
  );
}
