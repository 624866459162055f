import type { Metadata } from "next";
import { headers } from "next/headers";
import { AgentList, type AgentStatusFilter } from "@/components/agents/agent-list";
import { FilterBar, SelectFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { publicHubUrl } from "@/lib/dashboard/hub-url";
import { loadAgents } from "@/lib/dashboard/loaders";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agents" };

const FILTERS = ["online", "busy", "paused", "offline"] as const;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentsPage({ searchParams }: Props) {
  const raw = (await searchParams).status;
  const filter: AgentStatusFilter = FILTERS.find((f) => f === raw);
  const { agents, activeTasks, health } = await loadAgents();
  const h = await headers();
  const connected = agents.filter((a) => a.connected).length;
  return (
    <>
      <PageHeader title="Agents" description={`${connected} connected · ${agents.length - connected} offline`} />
      <FilterBar action="/agents" clearHref="/agents">
        <SelectFilter name="status" label="Status" value={filter} options={FILTERS} />
      </FilterBar>
      <AgentList
        key={filter ?? "all"}
        initial={agents}
        activeTasks={activeTasks}
        health={health}
        filter={filter}
        hubUrl={publicHubUrl(h.get("host"), h.get("x-forwarded-proto"))}
      />
    </>
  );
}
