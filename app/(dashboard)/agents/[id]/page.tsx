import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AvailabilityBar } from "@/components/fleet/availability-bar";
import { MetricChart } from "@/components/fleet/metric-chart";
import { PauseButtons } from "@/components/fleet/pause-buttons";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { card, link } from "@/components/ui/styles";
import { uptimeShare } from "@/lib/fleet/availability";
import { loadAgentPage } from "@/lib/fleet/agent-page";
import { describeState } from "@/lib/fleet/states";
import { idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Agent ${decodeURIComponent((await params).id)}` };
}

const pct = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);
const seconds = (ms: number | null) => (ms === null ? "–" : ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className={`${card} p-4`} data-testid={testId}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** One agent: state since when, availability, health charts, tasks, repos, capabilities, and pause / resume. */
export default async function AgentPage({ params }: Props) {
  const id = decodeURIComponent((await params).id);
  if (!idSchema.safeParse(id).success) notFound();
  const loaded = await loadAgentPage(id);
  if (!loaded) notFound();
  const data = loaded;
  const { agent, stats } = data;
  const meta = (agent.metadata ?? {}) as Record<string, unknown>;
  const active = data.tasks.filter((t) => t.status === "assigned" || t.status === "running").length;
  const series = (pick: (s: (typeof data.samples)[number]) => number | null) => data.samples.map((s) => ({ at: s.at, value: pick(s) }));
  const executors = Array.isArray(meta.executors) ? (meta.executors as unknown[]).map(String) : [];
  const keepAwake = meta.keepAwake as { mode?: string; active?: boolean } | undefined;
  return (
    <>
      <PageHeader
        title={agent.agentId}
        description={`${String(meta.hostname ?? "")} ${String(meta.platform ?? "")} · agent ${String(meta.agentVersion ?? "?")}`}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3" data-testid="agent-summary">
        <StatusBadge status={agent.presence} testId="agent-presence" />
        <span data-testid="agent-state">
          {describeState(agent.presence, { active, max: agent.maxConcurrency })}{" "}
          {agent.presenceSince && (
            <>
              {agent.presence === "online" || agent.presence === "paused" ? "since " : ""}
              <RelativeTime iso={agent.presenceSince} />
            </>
          )}
        </span>
        {agent.lastSleep && (
          <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="agent-last-sleep">
            slept {seconds(Date.parse(agent.lastSleep.to ?? "") - Date.parse(agent.lastSleep.from ?? ""))}, woke{" "}
            {agent.lastSleep.to && <RelativeTime iso={agent.lastSleep.to} />}
          </span>
        )}
        {keepAwake && (
          <Badge tone={keepAwake.active ? "blue" : "slate"}>
            keep-awake: {keepAwake.mode}
            {keepAwake.active ? " (holding)" : ""}
          </Badge>
        )}
        <span className="ml-auto">
          <PauseButtons agentId={agent.agentId} paused={agent.pausedAt !== null} />
        </span>
      </div>
      <div className="grid gap-4">
        <Section title="Availability" testId="agent-availability">
          <p className="mb-2 text-sm">Last 24 hours · up {pct(uptimeShare(data.availability.day))}</p>
          <AvailabilityBar slots={data.availability.day} label="Availability over the last 24 hours" testId="availability-24h" />
          <p className="mt-3 mb-2 text-sm">Last 7 days · up {pct(uptimeShare(data.availability.week))}</p>
          <AvailabilityBar slots={data.availability.week} label="Availability over the last 7 days" testId="availability-7d" />
        </Section>
        <Section title="Health, last 24 hours" testId="agent-health">
          <div className="grid gap-4 md:grid-cols-2">
            <MetricChart title="CPU" unit="%" points={series((s) => s.cpu)} from={data.window.from} to={data.window.to} testId="chart-cpu" />
            <MetricChart title="Memory used" unit="%" points={series((s) => s.mem)} from={data.window.from} to={data.window.to} testId="chart-memory" />
            <MetricChart title="Fullest disk used" unit="%" points={series((s) => s.disk)} from={data.window.from} to={data.window.to} testId="chart-disk" />
            <MetricChart title="Battery" unit="%" points={series((s) => s.battery)} from={data.window.from} to={data.window.to} testId="chart-battery" />
          </div>
        </Section>
        <div className="grid gap-4 lg:grid-cols-2">
          <Section title="Tasks, last 7 days" testId="agent-tasks">
            <p className="mb-3 text-sm" data-testid="agent-task-stats">
              {stats.ended} ended · success {pct(stats.successRate)} · median {seconds(stats.medianDurationMs)}
            </p>
            <ul className="space-y-1 text-sm">
              {data.tasks.map((t) => (
                <li key={t.id} className="flex items-center justify-between gap-2">
                  <Link href={`/tasks/${t.id}`} className={`${link} truncate`}>
                    {t.title}
                  </Link>
                  <StatusBadge status={t.status} />
                </li>
              ))}
              {data.tasks.length === 0 && <li className="text-slate-600 dark:text-slate-400">no tasks yet</li>}
            </ul>
          </Section>
          <Section title="Repositories" testId="agent-repos">
            <ul className="space-y-1 text-sm">
              {data.repos.map((r) => (
                <li key={r.key} className="flex items-center justify-between gap-2">
                  <span className="truncate" title={r.path}>
                    {r.name} <span className="text-slate-600 dark:text-slate-400">{r.branch}</span>
                  </span>
                  {r.status && <StatusBadge status={r.status} />}
                </li>
              ))}
              {data.repos.length === 0 && <li className="text-slate-600 dark:text-slate-400">no repositories reported</li>}
            </ul>
          </Section>
        </div>
        <Section title="Capabilities and executors" testId="agent-capabilities">
          <div className="flex flex-wrap gap-1">
            {agent.capabilities.map((c) => (
              <Badge key={c} tone="slate">
                {c}
              </Badge>
            ))}
          </div>
          <p className="mt-2 text-sm">
            Executors: {executors.length ? executors.join(", ") : "–"} · runs up to {agent.maxConcurrency} at once · extensions:{" "}
            {agent.extensions.join(", ") || "none (spec protocol)"}
          </p>
        </Section>
      </div>
    </>
  );
}
