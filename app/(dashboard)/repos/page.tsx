import type { Metadata } from "next";
import { headers } from "next/headers";
import { RepoList } from "@/components/repos/repo-list";
import { FilterBar, SelectFilter, TextFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { repoFilters } from "@/lib/dashboard/filters";
import { publicHubUrl } from "@/lib/dashboard/hub-url";
import { loadRepos } from "@/lib/dashboard/loaders";
import { REPO_STATUS_LIST } from "@/lib/dashboard/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Repos" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReposPage({ searchParams }: Props) {
  const filters = repoFilters(await searchParams);
  const { repos, total } = await loadRepos(filters);
  const h = await headers();
  return (
    <>
      <PageHeader title="Repos" description={`${total} repo${total === 1 ? "" : "s"} watched by your agents`} />
      <FilterBar action="/repos" clearHref="/repos">
        <SelectFilter name="status" label="Status" value={filters.status} options={REPO_STATUS_LIST} />
        <TextFilter name="agentId" label="Agent" value={filters.agentId} placeholder="agent id" narrow />
      </FilterBar>
      <RepoList key={JSON.stringify(filters)} initial={repos} filters={filters} hubUrl={publicHubUrl(h.get("host"), h.get("x-forwarded-proto"))} />
    </>
  );
}
