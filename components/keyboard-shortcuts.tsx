"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { SHORTCUTS, shortcutFor } from "@/lib/dashboard/shortcuts";
import { secondaryButton } from "./ui/styles";

const isTyping = (el: Element | null) =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable);

/** Moves focus to the next or previous list row (rows carry data-nav-row), onto its first link or button. */
function moveRow(by: 1 | -1) {
  const rows = [...document.querySelectorAll<HTMLElement>("[data-nav-row]")];
  if (rows.length === 0) return;
  const current = rows.findIndex((r) => r.contains(document.activeElement));
  const next = rows[current === -1 ? (by === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + by))]!;
  const target = next.querySelector<HTMLElement>("a[href], button:not([disabled])") ?? next;
  target.focus();
  target.scrollIntoView({ block: "nearest" });
}

/**
 * Presses the focused row's button for a/x/s (data-row-action), if the row has one; after an acknowledgement focus
 * moves to the next row, so a run of alerts can be acknowledged with a, a, a.
 */
function rowAction(action: string): boolean {
  const row = document.activeElement?.closest<HTMLElement>("[data-nav-row]");
  const button = row?.querySelector<HTMLButtonElement>(`button[data-row-action="${action}"]:not([disabled])`);
  button?.click();
  if (button && action === "acknowledge") moveRow(1);
  return Boolean(button);
}

/** Global keyboard shortcuts for the dashboard; `?` lists them. */
export function KeyboardShortcuts() {
  const router = useRouter();
  const [help, setHelp] = useState(false);
  const afterG = useRef(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(
        { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: isTyping(document.activeElement) },
        afterG.current,
      );
      afterG.current = action?.kind === "pending-g";
      if (!action || action.kind === "pending-g") return;
      if (action.kind === "row-action") {
        if (rowAction(action.action)) e.preventDefault();
        return;
      }
      e.preventDefault();
      if (action.kind === "search") document.querySelector<HTMLInputElement>('main input[type="search"], main input[name="search"]')?.focus();
      else if (action.kind === "move") moveRow(action.by);
      else if (action.kind === "go") router.push(action.href);
      else setHelp(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);

  useEffect(() => {
    if (help && !dialog.current?.open) dialog.current?.showModal();
  }, [help]);

  return (
    <dialog
      ref={dialog}
      onClose={() => setHelp(false)}
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-help"
      className="m-auto max-w-sm rounded-lg border border-slate-200 bg-white p-4 text-slate-900 backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="shortcuts-title" className="mb-3 text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 px-1.5 font-mono text-xs dark:border-slate-600">{s.keys}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button type="submit" className={secondaryButton}>
          Close
        </button>
      </form>
    </dialog>
  );
}
