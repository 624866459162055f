"use client";
import { ConfirmButton } from "../ui/confirm-button";
import { focusRing, secondaryButton } from "../ui/styles";
import type { BulkOutcome, BulkTasks } from "./use-bulk-tasks";

const DONE = { cancel: "Cancelled", retry: "Queued again" } as const;

function describe(o: BulkOutcome): string {
  const head = `${DONE[o.action]} ${o.changed.length} of ${o.matched}`;
  if (o.skipped.length === 0) return `${head}.`;
  const reasons = [...new Set(o.skipped.map((s) => s.reason))].slice(0, 2).join("; ");
  return `${head} · ${o.skipped.length} skipped (${reasons}).`;
}

/** Select-all for the rows shown, the count, Cancel and Retry for the selection, and what the server did. */
export function BulkBar({ bulk, shownIds }: { bulk: BulkTasks; shownIds: string[] }) {
  const chosen = shownIds.filter((id) => bulk.selected.has(id));
  const all = shownIds.length > 0 && chosen.length === shownIds.length;
  // On phones the buttons appear once something is selected, so the list starts higher on a small screen.
  const button = `${secondaryButton} ${chosen.length === 0 ? "max-sm:hidden" : ""}`;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" data-testid="bulk-bar">
      <label className={`inline-flex min-h-11 items-center gap-2 rounded-md px-2 text-sm sm:min-h-9 ${focusRing}`}>
        <input
          type="checkbox"
          className="size-5 accent-sky-700"
          checked={all}
          onChange={(e) => bulk.setMany(shownIds, e.target.checked)}
          data-testid="select-all-tasks"
        />
        Select all shown
      </label>
      <span className="text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid="selected-count">
        {chosen.length} selected
      </span>
      <ConfirmButton
        className={button}
        disabled={chosen.length === 0 || bulk.busy !== null}
        testId="bulk-cancel"
        title={`Cancel ${chosen.length} task${chosen.length === 1 ? "" : "s"}?`}
        body={<p>Agents running them are told to stop. Cancelling cannot be undone; Retry selected queues them anew.</p>}
        confirmLabel={`Cancel ${chosen.length}`}
        onConfirm={() => void bulk.run("cancel", chosen)}
      >
        {bulk.busy === "cancel" ? "Cancelling…" : "Cancel selected"}
      </ConfirmButton>
      <button
        type="button"
        className={button}
        disabled={chosen.length === 0 || bulk.busy !== null}
        onClick={() => void bulk.run("retry", chosen)}
        data-testid="bulk-retry"
      >
        {bulk.busy === "retry" ? "Retrying…" : "Retry selected"}
      </button>
      <p role="status" className="w-full text-sm sm:w-auto" data-testid="bulk-outcome">
        {bulk.outcome && describe(bulk.outcome)}
      </p>
    </div>
  );
}
