"use client";
import Link from "next/link";
import { fetchList, useLiveList } from "../live/use-live-list";
import { Badge, StatusBadge } from "../ui/badge";
import { EmptyState, StartAgentHint } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { card, link } from "../ui/styles";
import type { ActiveTask, AgentJson } from "@/lib/dashboard/types";
import { describeState, problemRank, type AgentHealth } from "@/lib/fleet/states";
import { Sparkline } from "../fleet/sparkline";
import { useActiveTasks } from "./use-active-tasks";

export type AgentStatusFilter = "online" | "busy" | "paused" | "offline" | undefined;

const effectiveStatus = (a: AgentJson) => (a.connected ? a.status : "offline");
/** Problems first (crashed, unreachable, offline …), then by name. */
const problemsFirst = (a: AgentJson, b: AgentJson) => problemRank(a.presence) - problemRank(b.presence) || a.agentId.localeCompare(b.agentId);
const matches = (filter: AgentStatusFilter) => (a: AgentJson) =>
  !filter ||
  (filter === "offline"
    ? !a.connected
    : filter === "paused"
      ? a.connected && a.pausedAt !== null
      : filter === "busy"
        ? a.connected && a.status === "busy"
        : a.connected && a.status !== "busy");
const percent = (share: number | null) => (share === null ? "no tasks" : `${Math.round(share * 100)}%`);

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="truncate text-sm">{children}</dd>
    </div>
  );
}

/** Every agent ever seen, connected ones first; presence is the hub's word, relayed live. */
export function AgentList(props: {
  initial: AgentJson[];
  activeTasks: Record<string, ActiveTask[]>;
  health: Record<string, AgentHealth>;
  filter: AgentStatusFilter;
  hubUrl: string;
}) {
  const { rows } = useLiveList({
    entity: "agent",
    initial: props.initial,
    matches: matches(props.filter),
    acceptNew: true,
    compare: problemsFirst,
    snapshot: () => fetchList<AgentJson>("/api/cockpit/agents?all=true", "agents"),
  });
  const active = useActiveTasks(props.activeTasks);
  if (rows.length === 0) {
    return props.filter ? (
      <EmptyState title={`No ${props.filter} agents`} testId="agents-empty">
        Clear the filter to see every agent.
      </EmptyState>
    ) : (
      <EmptyState title="No agent has connected yet" testId="agents-empty">
        <StartAgentHint hubUrl={props.hubUrl} />
      </EmptyState>
    );
  }
  return (
    <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="agent-list">
      {rows.map((a) => {
        const tasks = active[a.agentId] ?? [];
        return (
          <li
            key={a.agentId}
            id={`agent-${a.agentId}`}
            data-testid={`agent-row-${a.agentId}`}
            data-status={effectiveStatus(a)}
            className={`${card} min-w-0 p-4 ${a.connected ? "" : "opacity-80"}`}
          >
            <div className="mb-3 flex items-center justify-between gap-2">
              <h2 className="min-w-0 truncate font-semibold" title={a.agentId}>
                <Link href={`/agents/${encodeURIComponent(a.agentId)}`} className={link} data-testid="agent-link">
                  {a.agentId}
                </Link>
              </h2>
              <StatusBadge status={a.presence} testId="agent-presence" />
            </div>
            <dl className="grid grid-cols-2 gap-3">
              <Field label="State">
                <span data-testid="agent-state">{describeState(a.presence, { active: tasks.length, max: a.maxConcurrency })}</span>{" "}
                {a.presence !== "online" && a.presenceSince && <RelativeTime iso={a.presenceSince} />}
              </Field>
              <Field label="Busy">
                <span data-testid="agent-busy">
                  {tasks.length} of {a.maxConcurrency}
                </span>
              </Field>
              <Field label="Success, last hour">{percent(props.health[a.agentId]?.successRate ?? null)}</Field>
              <Field label="CPU, 24 h">
                <Sparkline values={props.health[a.agentId]?.cpuByHour ?? []} label={`CPU of ${a.agentId} by hour, last 24 hours`} />
              </Field>
              <Field label={a.connected ? "Last ping" : "Last seen"}>
                <RelativeTime iso={a.connected ? a.lastPingAt : (a.disconnectedAt ?? a.lastSeenAt)} />
              </Field>
              <Field label="Current task">
                {tasks.length === 0 ? (
                  <span className="text-slate-600 dark:text-slate-400">none</span>
                ) : (
                  tasks.map((t) => (
                    <Link key={t.id} href={`/tasks/${t.id}`} title={t.id} className={`${link} block truncate`} data-testid="agent-current-task">
                      {t.title}
                    </Link>
                  ))
                )}
              </Field>
            </dl>
            <div className="mt-3 flex flex-wrap gap-1" aria-label="Capabilities">
              {a.capabilities.length ? (
                a.capabilities.map((c) => (
                  <Badge key={c} tone="slate">
                    {c}
                  </Badge>
                ))
              ) : (
                <span className="text-xs text-slate-600 dark:text-slate-400">no capabilities announced</span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
