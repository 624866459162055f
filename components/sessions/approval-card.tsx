"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "../toasts";
import { card, inputBase, primaryButton, secondaryButton } from "../ui/styles";
import { useSwipe } from "../ui/use-swipe";

export type ApprovalView = { id: string; agentId: string; sessionId: string; command: string; pattern: string; cwd: string | null; expiresInText: string };

type DecisionResponse = { error?: { message?: string } };

/** One waiting tool call: approve or deny, with an optional reason; a second operator's click gets the server's 409. */
export function ApprovalCard({ approval, canWrite }: { approval: ApprovalView; canWrite: boolean }) {
  const router = useRouter();
  const toasts = useToast();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  // A decision reaches the waiting hook at once and cannot be undone, so a swipe asks first; the buttons do not.
  const swipe = useSwipe({ right: canWrite && !busy, left: canWrite && !busy }, (direction) => {
    const decision = direction === "right" ? "allow" : "deny";
    if (window.confirm(`${decision === "allow" ? "Approve" : "Deny"} ${approval.command}?`)) void decide(decision);
  });

  async function decide(decision: "allow" | "deny") {
    setBusy(true);
    try {
      const res = await fetch(`/api/cockpit/approvals/${encodeURIComponent(approval.id)}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      });
      const body = (await res.json().catch(() => ({}))) as DecisionResponse;
      if (!res.ok) toasts.show({ tone: "error", title: body.error?.message ?? `HTTP ${res.status}` });
      else toasts.show({ tone: "success", title: `${decision === "allow" ? "Approved" : "Denied"}: ${approval.command}` });
    } catch {
      toasts.show({ tone: "error", title: "could not reach the server" });
    } finally {
      setBusy(false);
      router.refresh();
    }
  }

  return (
    <li className={`${card} p-3`} data-testid="approval" data-approval-id={approval.id} data-nav-row {...swipe.handlers} style={swipe.style}>
      <code className="block text-sm font-semibold break-all" data-testid="approval-command">
        {approval.command}
      </code>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {approval.agentId} · {approval.cwd ?? "?"} · matches “{approval.pattern}” · denied in {approval.expiresInText} without a decision
      </p>
      {canWrite && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <input
            className={`${inputBase} max-w-xs`}
            placeholder="Reason (optional)"
            aria-label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="approval-reason"
          />
          <button type="button" className={primaryButton} disabled={busy} onClick={() => void decide("allow")} data-testid="approval-allow" data-row-action="acknowledge">
            Approve
          </button>
          <button type="button" className={secondaryButton} disabled={busy} onClick={() => void decide("deny")} data-testid="approval-deny" data-row-action="dismiss">
            Deny
          </button>
        </div>
      )}
    </li>
  );
}
