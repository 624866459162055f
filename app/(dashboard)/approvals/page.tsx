import type { Metadata } from "next";
import { ApprovalCard } from "@/components/sessions/approval-card";
import { AutoRefresh } from "@/components/sessions/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { formatDuration } from "@/lib/dashboard/duration";
import { getDb } from "@/lib/db/client";
import { listPendingApprovals } from "@/lib/sessions/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Approvals" };

/** Tool calls held by a session's hook until an operator decides; no decision before the timeout is a deny. */
export default async function ApprovalsPage() {
  const session = await requireSession();
  const approvals = await listPendingApprovals(await getDb());
  const now = Date.now();
  return (
    <>
      <PageHeader title="Approvals" description={`${approvals.length} waiting${session.canWrite ? "" : " · read-only (viewer)"}`} />
      <AutoRefresh />
      {approvals.length === 0 ? (
        <EmptyState title="Nothing waits for a decision" testId="approvals-empty">
          Commands matching an agent&apos;s <code>hooks.ask</code> patterns appear here while their session waits.
        </EmptyState>
      ) : (
        <ul className="space-y-2">
          {approvals.map((a) => (
            <ApprovalCard
              key={a.id}
              canWrite={session.canWrite}
              approval={{
                id: a.id,
                agentId: a.agentId,
                sessionId: a.sessionId,
                command: a.command,
                pattern: a.pattern,
                cwd: a.cwd,
                expiresInText: formatDuration(a.expiresAt - now),
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
