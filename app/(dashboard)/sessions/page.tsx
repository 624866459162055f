import type { Metadata } from "next";
import { basename } from "node:path";
import { AutoRefresh } from "@/components/sessions/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { card } from "@/components/ui/styles";
import { requireSession } from "@/lib/auth/session";
import { formatDuration } from "@/lib/dashboard/duration";
import { getDb } from "@/lib/db/client";
import { listSessions, type SessionRow } from "@/lib/sessions/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const GROUPS = [
  { state: "waiting", title: "Needs you" },
  { state: "working", title: "Working" },
  { state: "started", title: "Started" },
  { state: "finished", title: "Finished" },
] as const;

function SessionItem({ s, now }: { s: SessionRow; now: number }) {
  return (
    <li className={`${card} p-3`} data-testid="session" data-session-id={s.sessionId} data-state={s.state}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">
          {s.agentId} · {s.cwd ? basename(s.cwd) : "?"}
          {s.branch ? ` · ${s.branch}` : ""}
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="session-wait">
          {s.waitingSince !== null ? `waiting ${formatDuration(now - s.waitingSince)}` : `${s.lastEvent} ${formatDuration(now - s.updatedAt)} ago`}
        </span>
      </div>
      {s.message && <p className="mt-1 text-sm break-words text-slate-700 dark:text-slate-300">{s.message}</p>}
      <p className="mt-1 text-xs text-slate-500">
        {s.tool} session {s.sessionId}
      </p>
    </li>
  );
}

/** Every coding session on every machine, "needs you" first with how long each has waited. */
export default async function SessionsPage() {
  await requireSession();
  const sessions = await listSessions(await getDb());
  const now = Date.now();
  const waiting = sessions.filter((s) => s.state === "waiting").length;
  return (
    <>
      <PageHeader
        title="Sessions"
        description={`${sessions.length} session${sessions.length === 1 ? "" : "s"} · ${waiting} need${waiting === 1 ? "s" : ""} you`}
      />
      <AutoRefresh />
      {sessions.length === 0 ? (
        <EmptyState title="No coding sessions yet" testId="sessions-empty">
          Run <code>cockpit-agent hooks install</code> on a machine with Claude Code, then start a session there.
        </EmptyState>
      ) : (
        GROUPS.map((g) => {
          const rows = sessions.filter((s) => s.state === g.state);
          return rows.length === 0 ? null : (
            <section key={g.state} className="mb-6" data-testid={`sessions-${g.state}`}>
              <h2 className="mb-2 text-sm font-semibold">
                {g.title} ({rows.length})
              </h2>
              <ul className="space-y-2">
                {rows.map((s) => (
                  <SessionItem key={`${s.agentId}/${s.sessionId}`} s={s} now={now} />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </>
  );
}
