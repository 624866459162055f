import type { Metadata } from "next";
import { headers } from "next/headers";
import { RecentActivity } from "@/components/activity/recent-activity";
import { LiveRefresh } from "@/components/overview/live-refresh";
import { loadActivity } from "@/lib/activity/load";
import { StatGroup } from "@/components/overview/stat-group";
import { TrendCard } from "@/components/overview/trend-card";
import { loadDayTrend } from "@/lib/analytics/page-data";
import { EmptyState, StartAgentHint } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { publicHubUrl } from "@/lib/dashboard/hub-url";
import { loadOverview } from "@/lib/dashboard/loaders";
import { ALERT_SEVERITY_LIST, TASK_STATUS_LIST } from "@/lib/dashboard/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const label = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace("_", " ");

export default async function OverviewPage() {
  const [data, day, activity] = await Promise.all([loadOverview(), loadDayTrend(), loadActivity({}, 8)]);
  const h = await headers();
  return (
    <>
      <LiveRefresh />
      <PageHeader title="Overview" description="Everything at a glance. Each number opens its list." />
      {data.agentTotal === 0 && (
        <div className="mb-4">
          <EmptyState title="No agent has connected yet" testId="overview-empty">
            <StartAgentHint hubUrl={publicHubUrl(h.get("host"), h.get("x-forwarded-proto"))} />
          </EmptyState>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <TrendCard day={day} />
        <StatGroup
          title="Agents"
          href="/agents"
          testId="stat-agents"
          stats={[
            { key: "online", label: "Online", value: data.agents.online, href: "/agents?status=online" },
            { key: "busy", label: "Busy", value: data.agents.busy, href: "/agents?status=busy" },
            { key: "paused", label: "Paused", value: data.agents.paused, href: "/agents?status=paused" },
            { key: "offline", label: "Offline", value: data.agents.offline, href: "/agents?status=offline" },
          ]}
        />
        <StatGroup
          title="Unacknowledged alerts"
          href="/alerts?acknowledged=false"
          testId="stat-alerts"
          stats={ALERT_SEVERITY_LIST.map((s) => ({ key: s, label: label(s), value: data.alerts[s] ?? 0, href: `/alerts?acknowledged=false&severity=${s}` }))}
        />
        <StatGroup
          title="Tasks"
          href="/tasks"
          testId="stat-tasks"
          stats={TASK_STATUS_LIST.map((s) => ({ key: s, label: label(s), value: data.tasks[s] ?? 0, href: `/tasks?status=${s}` }))}
        />
        <StatGroup
          title="Repos needing attention"
          href="/repos"
          testId="stat-repos"
          stats={(["dirty", "ahead", "behind", "diverged"] as const).map((s) => ({
            key: s,
            label: label(s),
            value: data.repos[s] ?? 0,
            href: `/repos?status=${s}`,
          }))}
        />
        <RecentActivity entries={activity.entries} />
      </div>
    </>
  );
}
