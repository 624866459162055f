import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { RepoList } from "@/components/repos/repo-list";
import { WorkAtRisk } from "@/components/repos/work-at-risk";
import { FilterBar, SelectFilter, TextFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { secondaryButton } from "@/components/ui/styles";
import { getDb } from "@/lib/db/client";
import { repoFilters, toQuery } from "@/lib/dashboard/filters";
import { publicHubUrl } from "@/lib/dashboard/hub-url";
import { loadRepos } from "@/lib/dashboard/loaders";
import { REPO_STATUS_LIST } from "@/lib/dashboard/types";
import { listWorkAtRisk } from "@/lib/git-safety/at-risk";
import { findConflictsWithChecks } from "@/lib/git-safety/merge-radar";
import { RepoConflicts } from "@/components/repos/repo-conflicts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Repos" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReposPage({ searchParams }: Props) {
  const filters = repoFilters(await searchParams);
  const db = await getDb();
  const [{ repos, total, nextCursor, presence }, atRisk, conflicts] = await Promise.all([
    loadRepos(filters),
    listWorkAtRisk(db, { limit: 20 }),
    findConflictsWithChecks(db),
  ]);
  const h = await headers();
  const base = { status: filters.status, agentId: filters.agentId, search: filters.search };
  return (
    <>
      <PageHeader title="Repos" description={`${total} checkout${total === 1 ? "" : "s"} watched by your agents`} />
      {!filters.cursor && <RepoConflicts items={conflicts} />}
      {!filters.cursor && <WorkAtRisk items={atRisk} />}
      <FilterBar action="/repos" clearHref="/repos">
        <TextFilter name="search" label="Search" value={filters.search} placeholder="name, path or github.com/owner/repo" type="search" />
        <SelectFilter name="status" label="Status" value={filters.status} options={REPO_STATUS_LIST} />
        <TextFilter name="agentId" label="Agent" value={filters.agentId} placeholder="agent id" narrow />
      </FilterBar>
      <RepoList
        key={JSON.stringify(filters)}
        initial={repos}
        filters={filters}
        presence={presence}
        hubUrl={publicHubUrl(h.get("host"), h.get("x-forwarded-proto"))}
      />
      {nextCursor && (
        <div className="mt-4 flex justify-end">
          <Link href={`/repos${toQuery({ ...base, cursor: nextCursor })}`} className={secondaryButton} data-testid="next-page">
            Next 200
          </Link>
        </div>
      )}
    </>
  );
}
